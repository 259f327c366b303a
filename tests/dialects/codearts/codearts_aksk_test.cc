// AK/SK (SDK-HMAC-SHA256) authentication over HTTP: access keys issued with
// `trailkeep access-key create`, requests signed by the test's own signer
// (test_signer.h), verified by the real server.
#include <ctime>

#include "dialects/codearts/codearts_fixture.h"
#include "dialects/codearts/test_signer.h"

namespace trailkeep::testing {
namespace {

struct AccessKeyPair {
  std::string ak, sk;
};

AccessKeyPair CreateAccessKey(const std::string& dir, const std::string& tenant) {
  CommandResult r = RunTrailkeep(
      {"access-key", "create", "--data", dir, "--tenant", tenant, "--scope", kReadScope});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  AccessKeyPair key;
  size_t ak = r.out.find("AK "), sk = r.out.find("SK ");
  EXPECT_NE(ak, std::string::npos) << r.out;
  EXPECT_NE(sk, std::string::npos) << r.out;
  if (ak == std::string::npos || sk == std::string::npos) return key;
  key.ak = r.out.substr(ak + 3, r.out.find('\n', ak) - ak - 3);
  key.sk = r.out.substr(sk + 3, r.out.find('\n', sk) - sk - 3);
  return key;
}

std::string OtherTenant() { return std::string(kTenantId) + "." + std::string(32, '1'); }

// The ids listed in a GET /v1/access-keys answer.
std::vector<std::string> ListedIds(const api::ClientResponse& r) {
  EXPECT_EQ(r.status, 200) << r.body;
  std::vector<std::string> ids;
  const auto v = Json(r.body);
  for (const auto& k : At(v, "access_keys").items) ids.push_back(At(k, "id").string);
  return ids;
}

class CodeArtsAkSk : public CodeArtsHttp {
 protected:
  void SetUp() override {
    key_ = CreateAccessKey(dir_.path(), CodeArtsTenant());
    other_key_ = CreateAccessKey(dir_.path(), OtherTenant());
    CodeArtsHttp::SetUp();
    admin_ = server_->FirstStartAdminToken();  // all tenants, "admin"
    other_admin_ = MintToken(*server_, {OtherTenant()}, {"admin"});
    std::vector<Rec> recs(3);
    for (int i = 0; i < 3; ++i) recs[i].time = MinuteTime(i);
    Import(JsonArray(recs));
  }

  struct Signed {
    std::multimap<std::string, std::string> query = {{"page_num", "1"}, {"page_size", "5"}};
    std::string path = AuditPath();
    std::time_t at = std::time(nullptr);
    std::string ak, sk;
  };

  // Signs `s` and sends it; `sent_query` replaces the query actually sent.
  api::ClientResponse Send(const Signed& s, const std::string* sent_query = nullptr,
                           const std::string* authorization = nullptr) {
    SignedRequestParts parts;
    parts.path = s.path;
    parts.query = s.query;
    std::string date = SdkDate(s.at);
    parts.headers = {{"host", "127.0.0.1:" + std::to_string(server_->port())},
                     {"x-sdk-date", date}};
    std::string query;
    for (const auto& [k, v] : s.query) {
      query += (query.empty() ? "" : "&") + SignerEscape(k) + "=" + SignerEscape(v);
    }
    if (sent_query) query = *sent_query;
    std::string auth = authorization ? *authorization
                                     : TestAuthorization(parts, s.ak, s.sk, date);
    return reader_->Get(s.path + (query.empty() ? "" : "?" + query),
                        {{"X-Sdk-Date", date}, {"Authorization", auth}});
  }

  Signed With(const AccessKeyPair& k) {
    Signed s;
    s.ak = k.ak;
    s.sk = k.sk;
    return s;
  }

  AccessKeyPair key_, other_key_;
  std::string admin_;        // admin of every tenant
  std::string other_admin_;  // admin of OtherTenant() only
};

TEST_F(CodeArtsAkSk, SignedRequestIsAnswered) {
  ASSERT_EQ(key_.ak.size(), 20u);
  ASSERT_EQ(key_.sk.size(), 40u);
  auto r = Send(With(key_));
  ASSERT_EQ(r.status, 200) << r.body;
  auto v = Json(r.body);
  EXPECT_EQ(At(At(v, "result"), "total").string, "3");
  EXPECT_EQ(At(At(v, "result"), "auditInfoList").items.size(), 3u);

  // Escaped query values and an empty query are signed and verified alike.
  Signed s = With(key_);
  s.query = {{"user_id", "a b/é&=?"}, {"page_size", "2"}};
  r = Send(s);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(At(At(Json(r.body), "result"), "total").string, "0");
  s.query.clear();
  r = Send(s);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(At(At(Json(r.body), "result"), "total").string, "3");
}

TEST_F(CodeArtsAkSk, BadSignatureIsRejected) {
  Signed s = With(key_);
  SignedRequestParts parts;
  std::string good;
  {
    // Flip one hex digit of a correct signature.
    std::string date = SdkDate(s.at);
    parts.path = s.path;
    parts.query = s.query;
    parts.headers = {{"host", "127.0.0.1:" + std::to_string(server_->port())}, {"x-sdk-date", date}};
    good = TestAuthorization(parts, s.ak, s.sk, date);
  }
  std::string bad = good;
  bad.back() = bad.back() == '0' ? '1' : '0';
  auto r = Send(s, nullptr, &bad);
  ExpectGatewayError(r);
  EXPECT_NE(r.body.find("verify aksk signature fail"), std::string::npos) << r.body;

  // The wrong secret key.
  s.sk = other_key_.sk;
  ExpectGatewayError(Send(s));
}

TEST_F(CodeArtsAkSk, TamperedQueryIsRejected) {
  std::string sent = "page_num=1&page_size=6";
  ExpectGatewayError(Send(With(key_), &sent));
}

TEST_F(CodeArtsAkSk, DateMustBeWithinFifteenMinutes) {
  Signed s = With(key_);
  s.at -= 16 * 60;
  auto r = Send(s);
  ExpectGatewayError(r);
  EXPECT_NE(r.body.find("15 minutes"), std::string::npos) << r.body;
  s.at += 32 * 60;
  ExpectGatewayError(Send(s));
  s.at = std::time(nullptr) - 10 * 60;
  EXPECT_EQ(Send(s).status, 200);
}

TEST_F(CodeArtsAkSk, UnknownOrMalformedKeysAreRejected) {
  Signed s = With(key_);
  s.ak = "TKAAAAAAAAAAAAAAAAAA";
  auto r = Send(s);
  ExpectGatewayError(r);
  EXPECT_NE(r.body.find("ak not exist"), std::string::npos) << r.body;
  std::string malformed = "SDK-HMAC-SHA256 Access=" + key_.ak;
  ExpectGatewayError(Send(With(key_), nullptr, &malformed));
  // No X-Sdk-Date.
  ExpectGatewayError(reader_->Get(AuditPath(), {{"Authorization", "SDK-HMAC-SHA256 Access=" +
                                                                      key_.ak +
                                                                      ", SignedHeaders=host, "
                                                                      "Signature=00"}}));
}

TEST_F(CodeArtsAkSk, AccessKeyIsBoundToItsTenant) {
  auto r = Send(With(other_key_));
  ExpectServiceError(r, 403);
  Signed s = With(other_key_);
  s.path = AuditPath("file", kRepo, kTenantId, std::string(32, '1'));
  r = Send(s);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(At(At(Json(r.body), "result"), "total").string, "0");
}

TEST_F(CodeArtsAkSk, AdminListsRevokesAndCreatesAccessKeysOnline) {
  Client admin(server_->url(), admin_), other_admin(server_->url(), other_admin_);
  auto listed = admin.Get("/v1/access-keys");
  EXPECT_EQ(ListedIds(listed), (std::vector<std::string>{key_.ak, other_key_.ak}) ) << listed.body;
  EXPECT_EQ(listed.body.find(key_.sk), std::string::npos) << "a secret key was listed";
  const auto listed_json = Json(listed.body);
  EXPECT_EQ(At(At(listed_json, "access_keys").items.at(0), "tenants").items.at(0).string,
            CodeArtsTenant());

  // A tenant's admin sees and revokes only its tenant's keys; another
  // tenant's key answers as an unknown one and keeps working.
  EXPECT_EQ(ListedIds(other_admin.Get("/v1/access-keys")),
            std::vector<std::string>{other_key_.ak});
  auto denied = other_admin.Send("DELETE", "/v1/access-keys/" + key_.ak, "");
  EXPECT_EQ(denied.status, 404) << denied.body;
  ASSERT_EQ(Send(With(key_)).status, 200);
  EXPECT_EQ(Client(server_->url(), token_).Get("/v1/access-keys").status, 403);  // no admin scope

  // Revoked: the very next signed request fails; revoking again is a 404.
  auto revoked = admin.Send("DELETE", "/v1/access-keys/" + key_.ak, "");
  EXPECT_EQ(revoked.status, 204) << revoked.body;
  auto refused = Send(With(key_));
  ExpectGatewayError(refused);
  EXPECT_NE(refused.body.find("ak not exist"), std::string::npos) << refused.body;
  EXPECT_EQ(admin.Send("DELETE", "/v1/access-keys/" + key_.ak, "").status, 404);
  EXPECT_EQ(admin.Send("DELETE", "/v1/access-keys/nonsense", "").status, 404);
  EXPECT_EQ(ListedIds(admin.Get("/v1/access-keys")), std::vector<std::string>{other_key_.ak});

  // Created online: the secret key is in the answer, once, and signs.
  auto created = admin.Post("/v1/access-keys", "{\"name\":\"ci\",\"tenants\":[\"" +
                                                   CodeArtsTenant() + "\"],\"scopes\":[\"" +
                                                   std::string(kReadScope) + "\"]}");
  ASSERT_EQ(created.status, 201) << created.body;
  auto body = Json(created.body);
  AccessKeyPair fresh{At(body, "access_key").string, At(body, "secret_key").string};
  EXPECT_EQ(At(body, "id").string, fresh.ak);
  EXPECT_EQ(At(body, "name").string, "ci");
  ASSERT_EQ(Send(With(fresh)).status, 200);
  // A tenant's admin cannot mint keys for another tenant; bad bodies are 400.
  EXPECT_EQ(other_admin
                .Post("/v1/access-keys", "{\"tenants\":[\"" + CodeArtsTenant() +
                                             "\"],\"scopes\":[\"" + std::string(kReadScope) +
                                             "\"]}")
                .status,
            403);
  EXPECT_EQ(admin.Post("/v1/access-keys", "{\"tenants\":[\"x\"]}").status, 400);
  EXPECT_EQ(admin.Post("/v1/access-keys", "[1]").status, 400);
  EXPECT_EQ(admin.Post("/v1/access-keys", "{\"tenants\":\"x\",\"scopes\":[\"nope\"]}").status,
            400);
}

TEST_F(CodeArtsAkSk, CliListsAndRevokesAccessKeysOffline) {
  server_->Stop(SIGTERM);
  CommandResult list = RunTrailkeep({"access-key", "list", "--data", dir_.path()});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find(key_.ak + "\t"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("tenants=" + OtherTenant()), std::string::npos) << list.out;
  EXPECT_EQ(list.out.find(key_.sk), std::string::npos) << "a secret key was listed";

  CommandResult revoke = RunTrailkeep({"access-key", "revoke", "--data", dir_.path(), key_.ak});
  EXPECT_EQ(revoke.exit_code, 0) << revoke.err;
  CommandResult again = RunTrailkeep({"access-key", "revoke", "--data", dir_.path(), key_.ak});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("no access key with id"), std::string::npos) << again.err;
  list = RunTrailkeep({"access-key", "list", "--data", dir_.path()});
  EXPECT_EQ(list.out.find(key_.ak), std::string::npos) << list.out;

  server_ = std::make_unique<ServerProcess>(dir_.path());
  reader_ = std::make_unique<Client>(server_->url(), "");
  auto refused = Send(With(key_));
  ExpectGatewayError(refused);
  EXPECT_NE(refused.body.find("ak not exist"), std::string::npos) << refused.body;
  ExpectServiceError(Send(With(other_key_)), 403);  // still known: its tenant is another
}

}  // namespace
}  // namespace trailkeep::testing
