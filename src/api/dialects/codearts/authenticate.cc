#include "api/dialects/codearts/authenticate.h"

#include <cstdlib>

#include "api/dialects/codearts/sdk_signature.h"
#include "auth/credentials.h"
#include "crypto/compare.h"

namespace trailkeep::api::dialects::codearts {
namespace {

constexpr std::string_view kPrefix = "Incorrect IAM authentication information: ";

Status Denied(std::string_view why) {
  return Unauthenticated(std::string(kPrefix) + std::string(why));
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

Result<auth::Principal> AuthenticateSigned(const Request& request, auth::AccessKeyService& keys,
                                           int64_t now_ms) {
  std::optional<SdkAuthorization> authz = ParseSdkAuthorization(request.Header("Authorization"));
  if (!authz) return Denied("malformed SDK-HMAC-SHA256 Authorization header");
  std::string_view date = request.Header("X-Sdk-Date");
  std::optional<int64_t> signed_at = ParseSdkDate(date);
  if (!signed_at) return Denied("X-Sdk-Date missing or not yyyyMMddTHHmmssZ");
  if (std::llabs(*signed_at - now_ms) > kMaxSdkDateSkewMs) {
    return Denied("X-Sdk-Date is more than 15 minutes away from the server time");
  }
  Result<auth::AccessKey> key = keys.Find(authz->access_key);
  if (!key.ok()) {
    if (key.status().code() != StatusCode::kUnauthenticated) return key.status();
    return Denied("Get secretKey failed,ak:" + authz->access_key + ",err:ak not exist");
  }
  std::string expected =
      SdkSignature(key->secret_key, SdkStringToSign(date, SdkCanonicalRequest(request,
                                                                              authz->signed_headers)));
  if (!crypto::ConstantTimeEquals(expected, Lower(authz->signature))) {
    return Denied("verify aksk signature fail");
  }
  return auth::Principal{std::move(key->info)};
}

}  // namespace

Result<auth::Principal> AuthenticateCodeArts(const Request& request, auth::TokenService& tokens,
                                             auth::AccessKeyService& keys, int64_t now_ms) {
  if (IsSdkSigned(request.Header("Authorization"))) {
    return AuthenticateSigned(request, keys, now_ms);
  }
  std::string_view x_auth_token = request.Header("X-Auth-Token");
  if (x_auth_token.empty()) {
    return Denied("no X-Auth-Token header and no SDK-HMAC-SHA256 Authorization header");
  }
  std::optional<std::string> secret = auth::ExtractSecret("", x_auth_token);
  if (!secret) return Denied("decrypt token fail");
  Result<auth::Principal> principal = tokens.Authenticate(*secret);
  if (!principal.ok() && principal.status().code() == StatusCode::kUnauthenticated) {
    return Denied("decrypt token fail");
  }
  return principal;
}

}  // namespace trailkeep::api::dialects::codearts
