// Who a CodeArts request acts as: the APIG gateway's two credential forms.
//
//   Authorization: SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=..., Signature=...
//     with X-Sdk-Date: the signature is recomputed with the access key's
//     stored secret key (sdk_signature.h) and must match; X-Sdk-Date must be
//     within kMaxSdkDateSkewMs of the server clock.
//   X-Auth-Token: <token>  (a Trailkeep API token)
//
// A signed Authorization header wins over X-Auth-Token. Any other
// Authorization scheme (Bearer, Basic, ...) is not a CodeArts credential.
//
// Thread safety: as safe as the services (both are).
#pragma once

#include <cstdint>

#include "api/http_message.h"
#include "auth/access_keys.h"
#include "auth/token.h"
#include "auth/token_service.h"
#include "base/status.h"

namespace trailkeep::api::dialects::codearts {

inline constexpr int64_t kMaxSdkDateSkewMs = 15 * 60 * 1000;

// The principal behind the request's credentials. For an access key, the
// principal's token info is the access key's grants (id = the access key).
// Errors: kUnauthenticated with the gateway's message ("Incorrect IAM
// authentication information: ...") when credentials are missing, unknown,
// malformed, badly signed or out of date; store errors (kUnavailable,
// kInternal) as returned.
Result<auth::Principal> AuthenticateCodeArts(const Request& request, auth::TokenService& tokens,
                                             auth::AccessKeyService& keys, int64_t now_ms);

}  // namespace trailkeep::api::dialects::codearts
