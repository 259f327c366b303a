#include "auth/access.h"

#include <gtest/gtest.h>

namespace trailkeep::auth {
namespace {

Principal WithTenants(std::vector<std::string> tenants,
                      std::vector<std::string> scopes = {"events.read"}) {
  return Principal{TokenInfo{"0123456789ab", "t", std::move(tenants), std::move(scopes), 1}};
}

TEST(SelectTenantTest, SingleTenantDefault) {
  Result<model::TenantId> t = SelectTenant(WithTenants({"acme"}), std::nullopt);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->value, "acme");
}

TEST(SelectTenantTest, RequestedAllowed) {
  Result<model::TenantId> t = SelectTenant(WithTenants({"acme", "globex"}), "globex");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->value, "globex");
  EXPECT_EQ(SelectTenant(WithTenants({"acme"}), "acme")->value, "acme");
  EXPECT_EQ(SelectTenant(WithTenants({"*"}), "anyone")->value, "anyone");
}

TEST(SelectTenantTest, RequestedNotAllowed) {
  Result<model::TenantId> t = SelectTenant(WithTenants({"acme"}), "globex");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status(), PermissionDenied("token is not allowed to access tenant 'globex'"));
}

TEST(SelectTenantTest, RequestedInvalid) {
  for (std::string_view bad : {std::string_view(""), std::string_view("*"), std::string_view("a/b"),
                               std::string_view("has space"), std::string_view("\0", 1)}) {
    Result<model::TenantId> t = SelectTenant(WithTenants({"*"}), bad);
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument);
  }
  std::string long_name(129, 'a');
  EXPECT_EQ(SelectTenant(WithTenants({"*"}), long_name).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(SelectTenantTest, RequiredWhenAmbiguous) {
  Status want = InvalidArgument("tenant required: pass ?tenant= or X-Trailkeep-Tenant");
  EXPECT_EQ(SelectTenant(WithTenants({"acme", "globex"}), std::nullopt).status(), want);
  EXPECT_EQ(SelectTenant(WithTenants({"*"}), std::nullopt).status(), want);
  EXPECT_EQ(SelectTenant(WithTenants({}), std::nullopt).status(), want);
}

TEST(RequireScopeTest, Scopes) {
  EXPECT_TRUE(RequireScope(WithTenants({"a"}, {"events.read"}), "events.read").ok());
  EXPECT_EQ(RequireScope(WithTenants({"a"}, {"events.read"}), "events.write"),
            PermissionDenied("token is missing scope 'events.write'"));
  EXPECT_TRUE(RequireScope(WithTenants({"a"}, {"admin"}), "auditLogs.read").ok());
  EXPECT_TRUE(RequireScope(WithTenants({"a"}, {"admin"}), "admin").ok());
  EXPECT_FALSE(RequireScope(WithTenants({"a"}, {"events.write"}), "admin").ok());
}

}  // namespace
}  // namespace trailkeep::auth
