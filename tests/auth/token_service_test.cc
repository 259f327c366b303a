#include "auth/token_service.h"

#include <gtest/gtest.h>

#include "auth/fake_meta_store.h"
#include "crypto/base64.h"
#include "crypto/hex.h"
#include "crypto/sha256.h"

namespace trailkeep::auth {
namespace {

class TokenServiceTest : public ::testing::Test {
 protected:
  IssuedToken MustCreate(std::string name, std::vector<std::string> tenants,
                         std::vector<std::string> scopes) {
    Result<IssuedToken> r = service_.Create(std::move(name), std::move(tenants), std::move(scopes));
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : IssuedToken{};
  }

  testing::FakeMetaStore meta_;
  FakeClock clock_{1'700'000'000'000};
  TokenService service_{meta_, clock_};
};

TEST_F(TokenServiceTest, CreateThenAuthenticate) {
  IssuedToken t = MustCreate("ci", {"acme"}, {"events.write", "events.read"});
  EXPECT_EQ(t.info.name, "ci");
  EXPECT_EQ(t.info.tenants, std::vector<std::string>{"acme"});
  EXPECT_EQ(t.info.scopes, (std::vector<std::string>{"events.write", "events.read"}));
  EXPECT_EQ(t.info.created_ms, 1'700'000'000'000);
  ASSERT_EQ(t.info.id.size(), 12u);
  EXPECT_TRUE(crypto::HexDecode(t.info.id).ok());

  // "tk_" + 43 base64url characters = 32 random bytes.
  ASSERT_TRUE(t.secret.starts_with("tk_"));
  Result<std::string> raw = crypto::Base64UrlDecode(std::string_view(t.secret).substr(3));
  ASSERT_TRUE(raw.ok());
  EXPECT_EQ(raw->size(), 32u);

  Result<Principal> p = service_.Authenticate(t.secret);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->token, t.info);
  EXPECT_TRUE(p->HasScope("events.write"));
  EXPECT_TRUE(p->AllowsTenant("acme"));
}

TEST_F(TokenServiceTest, SecretsAndIdsAreUnique) {
  IssuedToken a = MustCreate("a", {"acme"}, {"events.read"});
  IssuedToken b = MustCreate("a", {"acme"}, {"events.read"});
  EXPECT_NE(a.secret, b.secret);
  EXPECT_NE(a.info.id, b.info.id);
}

TEST_F(TokenServiceTest, UnknownSecretsAreUnauthenticated) {
  IssuedToken t = MustCreate("a", {"acme"}, {"events.read"});
  for (std::string bad : {std::string(""), std::string("tk_nope"), t.secret + "x",
                          t.secret.substr(0, t.secret.size() - 1), t.info.id,
                          crypto::HexEncode(crypto::Sha256(t.secret))}) {
    Result<Principal> p = service_.Authenticate(bad);
    ASSERT_FALSE(p.ok()) << bad;
    EXPECT_EQ(p.status(), Unauthenticated("invalid token"));
  }
}

TEST_F(TokenServiceTest, StoresOnlyTheHash) {
  IssuedToken t = MustCreate("hash-only", {"acme"}, {"admin"});
  std::string random_part = t.secret.substr(3);
  std::string hash_hex = crypto::HexEncode(crypto::Sha256(t.secret));
  bool saw_hash = false;
  for (const auto& [key, value] : meta_.Snapshot()) {
    EXPECT_TRUE(key.starts_with("auth/")) << key;
    EXPECT_EQ(key.find(t.secret), std::string::npos) << key;
    EXPECT_EQ(key.find(random_part), std::string::npos) << key;
    EXPECT_EQ(value.find(t.secret), std::string::npos) << key;
    EXPECT_EQ(value.find(random_part), std::string::npos) << key;
    if (key.find(hash_hex) != std::string::npos) saw_hash = true;
  }
  EXPECT_TRUE(saw_hash);
}

TEST_F(TokenServiceTest, ListSortedByCreatedThenId) {
  IssuedToken late = MustCreate("late", {"acme"}, {"events.read"});
  clock_.Set(1'000);
  IssuedToken early1 = MustCreate("early1", {"acme"}, {"events.read"});
  IssuedToken early2 = MustCreate("early2", {"*"}, {"admin"});
  Result<std::vector<TokenInfo>> list = service_.List();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 3u);
  const TokenInfo& first = early1.info.id < early2.info.id ? early1.info : early2.info;
  const TokenInfo& second = early1.info.id < early2.info.id ? early2.info : early1.info;
  EXPECT_EQ((*list)[0], first);
  EXPECT_EQ((*list)[1], second);
  EXPECT_EQ((*list)[2], late.info);
}

TEST_F(TokenServiceTest, RevokeTakesEffectImmediately) {
  IssuedToken a = MustCreate("a", {"acme"}, {"events.read"});
  IssuedToken b = MustCreate("b", {"acme"}, {"events.read"});
  ASSERT_TRUE(service_.Authenticate(a.secret).ok());
  ASSERT_TRUE(service_.Revoke(a.info.id).ok());
  EXPECT_EQ(service_.Authenticate(a.secret).status(), Unauthenticated("invalid token"));
  EXPECT_TRUE(service_.Authenticate(b.secret).ok());
  Result<std::vector<TokenInfo>> list = service_.List();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].id, b.info.id);
  // Nothing about the revoked token remains.
  for (const auto& [key, value] : meta_.Snapshot()) {
    EXPECT_EQ(key.find(a.info.id), std::string::npos) << key;
    EXPECT_EQ(value.find(a.info.id), std::string::npos) << key;
  }
  EXPECT_EQ(service_.Revoke(a.info.id).code(), StatusCode::kNotFound);
}

TEST_F(TokenServiceTest, RevokeUnknown) {
  EXPECT_EQ(service_.Revoke("0123456789ab").code(), StatusCode::kNotFound);
  EXPECT_EQ(service_.Revoke("").code(), StatusCode::kNotFound);
  EXPECT_EQ(service_.Revoke("../../x").code(), StatusCode::kNotFound);
}

TEST_F(TokenServiceTest, CreateValidatesTenants) {
  for (std::vector<std::string> bad : std::vector<std::vector<std::string>>{
           {}, {""}, {"a/b"}, {"acme", "has space"}, {"*", "acme"}, {std::string(129, 'x')}}) {
    Result<IssuedToken> r = service_.Create("n", bad, {"events.read"});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  }
  EXPECT_TRUE(meta_.Snapshot().empty());
  // Duplicates collapse.
  IssuedToken t = MustCreate("n", {"acme", "acme", "globex"}, {"events.read", "events.read"});
  EXPECT_EQ(t.info.tenants, (std::vector<std::string>{"acme", "globex"}));
  EXPECT_EQ(t.info.scopes, std::vector<std::string>{"events.read"});
  EXPECT_EQ(MustCreate("n", {"*", "*"}, {"admin"}).info.tenants, std::vector<std::string>{"*"});
}

TEST_F(TokenServiceTest, CreateValidatesScopesAndName) {
  for (std::vector<std::string> bad :
       std::vector<std::vector<std::string>>{{}, {""}, {"superuser"}, {"events.read", "ADMIN"}}) {
    Result<IssuedToken> r = service_.Create("n", {"acme"}, bad);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  }
  EXPECT_EQ(service_.Create(std::string(257, 'n'), {"acme"}, {"admin"}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_TRUE(service_.Create(std::string(256, 'n'), {"acme"}, {"admin"}).ok());
}

TEST_F(TokenServiceTest, StoreErrorsPropagate) {
  IssuedToken t = MustCreate("a", {"acme"}, {"events.read"});
  meta_.SetFailing(true);
  EXPECT_EQ(service_.Authenticate(t.secret).status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(service_.Create("b", {"acme"}, {"admin"}).status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(service_.List().status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(service_.Revoke(t.info.id).code(), StatusCode::kUnavailable);
}

TEST_F(TokenServiceTest, CorruptRecordIsInternal) {
  IssuedToken t = MustCreate("a", {"acme"}, {"events.read"});
  std::string key = "auth/h/" + crypto::HexEncode(crypto::Sha256(t.secret));
  meta_.SetRaw(key, "garbage");
  EXPECT_EQ(service_.Authenticate(t.secret).status().code(), StatusCode::kInternal);
  EXPECT_EQ(service_.List().status().code(), StatusCode::kInternal);
}

TEST_F(TokenServiceTest, RecordUnderWrongKeyDoesNotAuthenticate) {
  IssuedToken a = MustCreate("a", {"acme"}, {"admin"});
  std::string key_a = "auth/h/" + crypto::HexEncode(crypto::Sha256(a.secret));
  std::string record_a = meta_.Snapshot().at(key_a);
  // File a's record under the hash of another secret.
  std::string other = "tk_other";
  meta_.SetRaw("auth/h/" + crypto::HexEncode(crypto::Sha256(other)), record_a);
  EXPECT_EQ(service_.Authenticate(other).status(), Unauthenticated("invalid token"));
}

}  // namespace
}  // namespace trailkeep::auth
