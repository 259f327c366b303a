// Authentication and tenant selection for HTTP requests, shared by the native
// API and the dialects (which render the errors in their own shapes).
#pragma once

#include <string_view>

#include "api/http_message.h"
#include "auth/token.h"
#include "auth/token_service.h"
#include "base/status.h"
#include "model/types.h"

namespace trailkeep::api {

// The principal behind the request's credentials (Authorization: Bearer /
// Api-Token / Basic, or X-Auth-Token). kUnauthenticated when there are none
// or they are not a live token.
Result<auth::Principal> AuthenticateRequest(const Request& request, auth::TokenService& tokens);

// The tenant a native request acts on: the token's only tenant, else the
// `tenant` query parameter or the X-Trailkeep-Tenant header.
Result<model::TenantId> NativeTenant(const Request& request, const auth::Principal& principal);

// Authenticates, checks `scope`, selects the tenant: the common prologue of a
// native handler.
struct Caller {
  auth::Principal principal;
  model::TenantId tenant;
};
Result<Caller> AuthorizeNative(const Request& request, auth::TokenService& tokens,
                               std::string_view scope);

}  // namespace trailkeep::api
