// Scopes: what a token may do. A request needs one scope; a token holds a set.
//
// Thread safety: pure functions over constants.
#pragma once

#include <span>
#include <string_view>

namespace trailkeep::auth {

// Native API scopes.
inline constexpr std::string_view kScopeEventsWrite = "events.write";
inline constexpr std::string_view kScopeEventsRead = "events.read";
// Implies every other scope (see ScopeGrants).
inline constexpr std::string_view kScopeAdmin = "admin";

// Dialect scopes: the names each vendor's clients are configured with.
inline constexpr std::string_view kScopeDynatraceAuditLogsRead = "auditLogs.read";
inline constexpr std::string_view kScopeDynatracePlatformAuditLogsRead =
    "environment-api:audit-logs:read";
inline constexpr std::string_view kScopeJfrogViewPolicies = "VIEW_POLICIES";
inline constexpr std::string_view kScopeOpseraApi = "api";
inline constexpr std::string_view kScopeOpseraApiRead = "api_read";
inline constexpr std::string_view kScopeOpseraSecurityLogs = "security_logs";
inline constexpr std::string_view kScopeHuaweiArtifactRead = "codeartsartifact:repository:read";

// Opsera user roles, held by a token as scopes. The Opsera log routes require
// one of these in addition to an Opsera scope (see docs/dialects/opsera.md).
inline constexpr std::string_view kScopeOpseraRoleSiteAdmin = "opsera.role.site_admin";
inline constexpr std::string_view kScopeOpseraRolePowerUser = "opsera.role.power_user";
inline constexpr std::string_view kScopeOpseraRoleAdministrator = "opsera.role.administrator";
inline constexpr std::string_view kScopeOpseraRoleAuditor = "opsera.role.auditor";
inline constexpr std::string_view kScopeOpseraRoleSecurityManager = "opsera.role.security_manager";

// Every known scope, in a fixed order.
std::span<const std::string_view> KnownScopes();

// True when `scope` is one of KnownScopes() (exact, case-sensitive match).
bool IsKnownScope(std::string_view scope);

// True when holding `held` grants `wanted`: equal names, or `held` is admin.
bool ScopeGrants(std::string_view held, std::string_view wanted);

}  // namespace trailkeep::auth
