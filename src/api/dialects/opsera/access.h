// Who may call an Opsera log route: a token scope (API Access, API Access
// (Read only), Security Logs) AND a user role, each held as a token scope
// (auth/scopes.h: opsera.role.*). `admin` grants both. API-NOTES §2.2.
//
// Thread safety: constants and functions of their arguments.
#pragma once

#include <span>
#include <string_view>

#include "api/http_message.h"
#include "auth/token_service.h"
#include "base/status.h"
#include "model/types.h"

namespace trailkeep::api::dialects::opsera {

struct RouteAccess {
  std::span<const std::string_view> scopes;  // the token needs one of these
  std::span<const std::string_view> roles;   // and one of these
};

// The three v1 routes: scope api or security_logs; role site admin or power user.
const RouteAccess& V1Access();
// The v2 route: scope api, api_read or security_logs; role site admin, power
// user, administrator, auditor or security manager.
const RouteAccess& V2Access();

// Authenticates the request and checks `access`, then selects the tenant
// (the Opsera account): the token's only tenant, else ?tenant= or
// X-Trailkeep-Tenant as on the native API.
// Errors, in this order: kUnauthenticated (no or unknown token),
// kPermissionDenied (scope, then role, then tenant not allowed),
// kInvalidArgument (tenant not determined).
Result<model::TenantId> AuthorizeOpsera(const Request& request, auth::TokenService& tokens,
                                        const RouteAccess& access);

// An error in Opsera's shape, {"message": "..."}: 400 kInvalidArgument,
// 401 kUnauthenticated, 403 kPermissionDenied, 422 kFailedPrecondition (a
// time without its date), otherwise HttpStatusFor. REQUIRES: !status.ok().
Response OpseraError(const Status& status);

}  // namespace trailkeep::api::dialects::opsera
