#include "auth/access.h"

#include <string>

namespace trailkeep::auth {

Result<model::TenantId> SelectTenant(const Principal& principal,
                                     std::optional<std::string_view> requested) {
  if (requested) {
    // Validity first, so an arbitrary string is never echoed in a message.
    if (!model::IsValidTenantName(*requested)) {
      return InvalidArgument("invalid tenant name: 1..128 bytes of [A-Za-z0-9._:-]");
    }
    if (!principal.AllowsTenant(*requested)) {
      return PermissionDenied("token is not allowed to access tenant '" + std::string(*requested) +
                              "'");
    }
    return model::TenantId{std::string(*requested)};
  }
  const auto& tenants = principal.token.tenants;
  if (tenants.size() == 1 && tenants[0] != kAllTenants && model::IsValidTenantName(tenants[0])) {
    return model::TenantId{tenants[0]};
  }
  return InvalidArgument("tenant required: pass ?tenant= or X-Trailkeep-Tenant");
}

Status RequireScope(const Principal& principal, std::string_view scope) {
  if (principal.HasScope(scope)) return Status::Ok();
  return PermissionDenied("token is missing scope '" + std::string(scope) + "'");
}

}  // namespace trailkeep::auth
