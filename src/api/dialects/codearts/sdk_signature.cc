#include "api/dialects/codearts/sdk_signature.h"

#include <algorithm>

#include "api/http_message.h"
#include "base/time_format.h"
#include "crypto/hex.h"
#include "crypto/sha256.h"

namespace trailkeep::api::dialects::codearts {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) { return Lower(a) == Lower(b); }

std::string HexSha256(std::string_view data) { return crypto::HexEncode(crypto::Sha256(data)); }

}  // namespace

bool IsSdkSigned(std::string_view authorization) {
  authorization = Trim(authorization);
  return authorization.size() >= kSdkAlgorithm.size() &&
         EqualsIgnoreCase(authorization.substr(0, kSdkAlgorithm.size()), kSdkAlgorithm) &&
         (authorization.size() == kSdkAlgorithm.size() ||
          authorization[kSdkAlgorithm.size()] == ' ');
}

std::optional<SdkAuthorization> ParseSdkAuthorization(std::string_view authorization) {
  if (!IsSdkSigned(authorization)) return std::nullopt;
  std::string_view rest = Trim(authorization).substr(kSdkAlgorithm.size());
  SdkAuthorization out;
  std::string signed_headers;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::string_view part = Trim(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    size_t eq = part.find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    std::string_view key = Trim(part.substr(0, eq)), value = Trim(part.substr(eq + 1));
    if (EqualsIgnoreCase(key, "Access")) {
      out.access_key = value;
    } else if (EqualsIgnoreCase(key, "SignedHeaders")) {
      signed_headers = Lower(value);
    } else if (EqualsIgnoreCase(key, "Signature")) {
      out.signature = value;
    } else {
      return std::nullopt;
    }
  }
  if (out.access_key.empty() || out.signature.empty() || signed_headers.empty()) {
    return std::nullopt;
  }
  for (size_t start = 0; start <= signed_headers.size();) {
    size_t semi = std::min(signed_headers.find(';', start), signed_headers.size());
    std::string name = signed_headers.substr(start, semi - start);
    if (name.empty()) return std::nullopt;
    out.signed_headers.push_back(std::move(name));
    start = semi + 1;
  }
  return out;
}

std::optional<int64_t> ParseSdkDate(std::string_view text) {
  // 0123456789012345
  // yyyyMMddTHHmmssZ
  if (text.size() != 16 || text[8] != 'T' || text[15] != 'Z') return std::nullopt;
  std::string iso = std::string(text.substr(0, 4)) + "-" + std::string(text.substr(4, 2)) + "-" +
                    std::string(text.substr(6, 2)) + "T" + std::string(text.substr(9, 2)) + ":" +
                    std::string(text.substr(11, 2)) + ":" + std::string(text.substr(13, 2)) + "Z";
  for (size_t i : {0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  return ParseIsoMs(iso);
}

std::string SdkEscape(std::string_view s) {
  // The SDK escapes everything but RFC 3986's unreserved characters.
  return PercentEncode(s);
}

std::string SdkCanonicalRequest(const Request& request,
                                const std::vector<std::string>& signed_headers) {
  std::string out = request.method + "\n";

  // Canonical URI.
  std::string_view path = request.path;
  for (size_t start = 0; start <= path.size();) {
    size_t slash = std::min(path.find('/', start), path.size());
    if (start > 0) out.push_back('/');
    out += SdkEscape(path.substr(start, slash - start));
    start = slash + 1;
  }
  if (out.back() != '/') out.push_back('/');
  out.push_back('\n');

  // Canonical query.
  std::vector<std::pair<std::string, std::string>> query = request.query;
  std::sort(query.begin(), query.end());
  for (size_t i = 0; i < query.size(); ++i) {
    if (i) out.push_back('&');
    out += SdkEscape(query[i].first) + "=" + SdkEscape(query[i].second);
  }
  out.push_back('\n');

  // Canonical headers (a signed header the request lacks contributes
  // nothing, as in the SDK), then the signed header list.
  std::string names;
  for (const std::string& name : signed_headers) {
    if (!names.empty()) names.push_back(';');
    names += name;
    auto it = request.headers.find(name);
    if (it == request.headers.end()) continue;
    out += name + ":" + std::string(Trim(it->second)) + "\n";
  }
  out += "\n" + names + "\n";

  std::string_view content_sha = request.Header("X-Sdk-Content-Sha256");
  out += content_sha == "UNSIGNED-PAYLOAD" ? std::string(content_sha) : HexSha256(request.body);
  return out;
}

std::string SdkStringToSign(std::string_view sdk_date, std::string_view canonical_request) {
  return std::string(kSdkAlgorithm) + "\n" + std::string(sdk_date) + "\n" +
         HexSha256(canonical_request);
}

std::string SdkSignature(std::string_view secret_key, std::string_view string_to_sign) {
  return crypto::HexEncode(crypto::HmacSha256(secret_key, string_to_sign));
}

}  // namespace trailkeep::api::dialects::codearts
