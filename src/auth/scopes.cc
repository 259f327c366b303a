#include "auth/scopes.h"

#include <algorithm>
#include <array>

namespace trailkeep::auth {
namespace {

constexpr std::array<std::string_view, 15> kKnown = {
    kScopeEventsWrite,
    kScopeEventsRead,
    kScopeAdmin,
    kScopeDynatraceAuditLogsRead,
    kScopeDynatracePlatformAuditLogsRead,
    kScopeJfrogViewPolicies,
    kScopeOpseraApi,
    kScopeOpseraApiRead,
    kScopeOpseraSecurityLogs,
    kScopeHuaweiArtifactRead,
    kScopeOpseraRoleSiteAdmin,
    kScopeOpseraRolePowerUser,
    kScopeOpseraRoleAdministrator,
    kScopeOpseraRoleAuditor,
    kScopeOpseraRoleSecurityManager,
};

}  // namespace

std::span<const std::string_view> KnownScopes() { return kKnown; }

bool IsKnownScope(std::string_view scope) {
  return std::find(kKnown.begin(), kKnown.end(), scope) != kKnown.end();
}

bool ScopeGrants(std::string_view held, std::string_view wanted) {
  return held == wanted || held == kScopeAdmin;
}

}  // namespace trailkeep::auth
