#include "auth/token.h"

#include <algorithm>

#include "auth/scopes.h"
#include "model/types.h"

namespace trailkeep::auth {

bool Principal::HasScope(std::string_view scope) const {
  return std::any_of(token.scopes.begin(), token.scopes.end(),
                     [&](const std::string& held) { return ScopeGrants(held, scope); });
}

bool Principal::AllowsTenant(std::string_view tenant) const {
  if (!model::IsValidTenantName(tenant)) return false;
  return std::any_of(token.tenants.begin(), token.tenants.end(),
                     [&](const std::string& t) { return t == kAllTenants || t == tenant; });
}

}  // namespace trailkeep::auth
