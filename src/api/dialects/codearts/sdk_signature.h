// Huawei's APIG request signature, SDK-HMAC-SHA256 (the AK/SK scheme of the
// Huawei Cloud SDKs, core/auth/signer in huaweicloud-sdk-go-v3):
//
//   canonical request = method "\n" canonical URI "\n" canonical query "\n"
//                       canonical headers "\n" signed headers "\n"
//                       hex(sha256(body))
//   string to sign    = "SDK-HMAC-SHA256\n" X-Sdk-Date "\n"
//                       hex(sha256(canonical request))
//   signature         = hex(hmac_sha256(SK, string to sign))
//   Authorization: SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<h1;h2>,
//                  Signature=<signature>
//
// Canonical URI: each '/'-separated segment of the decoded path escaped
// (SdkEscape), then a trailing '/' added if missing. Canonical query: the
// decoded parameters sorted by name, then value, each "escape(k)=escape(v)",
// joined by '&'. Canonical headers: for each signed header (lower-case, in
// the listed order) "name:" + trimmed value + "\n". The body hash is the
// literal "UNSIGNED-PAYLOAD" when X-Sdk-Content-Sha256 says so.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/http_message.h"

namespace trailkeep::api::dialects::codearts {

inline constexpr std::string_view kSdkAlgorithm = "SDK-HMAC-SHA256";

// The parts of an SDK-HMAC-SHA256 Authorization header.
struct SdkAuthorization {
  std::string access_key;
  std::vector<std::string> signed_headers;  // lower-cased, as listed
  std::string signature;                    // hex, as sent
};

// True when `authorization` uses the SDK-HMAC-SHA256 scheme (whatever
// follows).
bool IsSdkSigned(std::string_view authorization);

// Parses "SDK-HMAC-SHA256 Access=..., SignedHeaders=..., Signature=...";
// nullopt when the scheme differs or a part is missing or empty.
std::optional<SdkAuthorization> ParseSdkAuthorization(std::string_view authorization);

// Parses an X-Sdk-Date value "yyyyMMddTHHmmssZ" (UTC) into epoch ms.
std::optional<int64_t> ParseSdkDate(std::string_view text);

// Percent-encodes every byte but [A-Za-z0-9_.~-], upper-case hex.
std::string SdkEscape(std::string_view s);

// The canonical request of `request` for `signed_headers`.
std::string SdkCanonicalRequest(const Request& request,
                                const std::vector<std::string>& signed_headers);

// The string to sign for a canonical request signed at `sdk_date`.
std::string SdkStringToSign(std::string_view sdk_date, std::string_view canonical_request);

// hex(hmac_sha256(secret_key, string_to_sign)).
std::string SdkSignature(std::string_view secret_key, std::string_view string_to_sign);

}  // namespace trailkeep::api::dialects::codearts
