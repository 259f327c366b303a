#include "auth/scopes.h"

#include <gtest/gtest.h>

#include "auth/token.h"

namespace trailkeep::auth {
namespace {

TEST(ScopesTest, KnownScopes) {
  for (const char* s :
       {"events.write", "events.read", "admin", "auditLogs.read", "environment-api:audit-logs:read",
        "VIEW_POLICIES", "api", "api_read", "security_logs", "codeartsartifact:repository:read",
        "opsera.role.site_admin", "opsera.role.power_user", "opsera.role.administrator",
        "opsera.role.auditor", "opsera.role.security_manager"}) {
    EXPECT_TRUE(IsKnownScope(s)) << s;
  }
  EXPECT_EQ(KnownScopes().size(), 15u);
  for (const char* s : {"", "Admin", "events", "events.write ", "view_policies", "*"}) {
    EXPECT_FALSE(IsKnownScope(s)) << s;
  }
}

TEST(ScopesTest, AdminImpliesEveryScope) {
  for (std::string_view s : KnownScopes()) EXPECT_TRUE(ScopeGrants(kScopeAdmin, s)) << s;
  EXPECT_TRUE(ScopeGrants(kScopeEventsRead, kScopeEventsRead));
  EXPECT_FALSE(ScopeGrants(kScopeEventsRead, kScopeEventsWrite));
  EXPECT_FALSE(ScopeGrants(kScopeEventsWrite, kScopeAdmin));
  EXPECT_FALSE(ScopeGrants(kScopeOpseraApi, kScopeOpseraApiRead));
}

TEST(PrincipalTest, HasScope) {
  Principal p{TokenInfo{"0123456789ab", "n", {"t1"}, {"events.read", "VIEW_POLICIES"}, 1}};
  EXPECT_TRUE(p.HasScope("events.read"));
  EXPECT_TRUE(p.HasScope("VIEW_POLICIES"));
  EXPECT_FALSE(p.HasScope("events.write"));
  EXPECT_FALSE(p.HasScope("admin"));

  Principal admin{TokenInfo{"0123456789ab", "n", {"t1"}, {"admin"}, 1}};
  for (std::string_view s : KnownScopes()) EXPECT_TRUE(admin.HasScope(s)) << s;
}

TEST(PrincipalTest, AllowsTenant) {
  Principal p{TokenInfo{"0123456789ab", "n", {"acme", "globex"}, {"events.read"}, 1}};
  EXPECT_TRUE(p.AllowsTenant("acme"));
  EXPECT_TRUE(p.AllowsTenant("globex"));
  EXPECT_FALSE(p.AllowsTenant("initech"));
  EXPECT_FALSE(p.AllowsTenant("ACME"));
  EXPECT_FALSE(p.AllowsTenant("*"));

  Principal all{TokenInfo{"0123456789ab", "n", {"*"}, {"events.read"}, 1}};
  EXPECT_TRUE(all.AllowsTenant("anything"));
  EXPECT_FALSE(all.AllowsTenant("*"));
  EXPECT_FALSE(all.AllowsTenant(""));
  EXPECT_FALSE(all.AllowsTenant("a/b"));
}

}  // namespace
}  // namespace trailkeep::auth
