// Extracting a token secret from request headers, in every form the supported
// vendors' clients send it.
//
// Thread safety: pure function.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace trailkeep::auth {

// The token secret carried by a request, given the values of its
// Authorization and X-Auth-Token headers (empty when absent). Accepted forms:
//   Authorization: Bearer <token>                 (native, JFrog, Opsera)
//   Authorization: Api-Token <token>              (Dynatrace)
//   Authorization: Basic base64(<user>:<token>)   (any user; token = password)
//   X-Auth-Token: <token>                         (Huawei)
// Scheme names are case-insensitive; surrounding spaces/tabs are ignored.
// A non-empty Authorization header takes precedence: when it is malformed the
// result is nullopt even if X-Auth-Token is set, so a bad credential is never
// silently replaced by another.
// Returns nullopt when no header is set or the credential is malformed: an
// unknown scheme, a token that is empty or holds characters other than
// visible ASCII, Basic that is not valid base64 or has no ':'.
std::optional<std::string> ExtractSecret(std::string_view authorization_header,
                                         std::string_view x_auth_token_header);

}  // namespace trailkeep::auth
