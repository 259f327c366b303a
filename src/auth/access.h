// Access decisions for an authenticated principal: which tenant a request
// acts on, and whether the token holds the scope an endpoint needs.
//
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string_view>

#include "auth/token.h"
#include "base/status.h"
#include "model/types.h"

namespace trailkeep::auth {

// The tenant a request acts on. `requested` is the tenant named by the request
// (?tenant=, X-Trailkeep-Tenant, or a tenant in the path), nullopt when none.
//   - requested: it must be a valid tenant name (else kInvalidArgument) and
//     allowed by the token (else kPermissionDenied "token is not allowed to
//     access tenant 'x'"). An empty requested value is invalid, not absent.
//   - none requested, token bound to exactly one tenant: that tenant.
//   - none requested, token with several tenants or "*": kInvalidArgument
//     "tenant required: pass ?tenant= or X-Trailkeep-Tenant".
Result<model::TenantId> SelectTenant(const Principal& principal,
                                     std::optional<std::string_view> requested);

// OK when the principal holds `scope` (or admin).
// Errors: kPermissionDenied "token is missing scope 'x'".
Status RequireScope(const Principal& principal, std::string_view scope);

}  // namespace trailkeep::auth
