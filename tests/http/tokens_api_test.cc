// Token administration over HTTP (/v1/tokens) and the admin token printed on
// a server's first start.
#include <gtest/gtest.h>


#include "http/json_util.h"
#include "http/native_error_util.h"
#include "http/server_process.h"
#include "http/text_shapes.h"

namespace trailkeep::testing {
namespace {

// Every token secret that appears in `text`.
std::vector<std::string> Secrets(const std::string& text) { return TokenSecretsIn(text); }

class TokensApi : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(dir_.path());
    admin_token_ = server_->FirstStartAdminToken();
    ASSERT_FALSE(admin_token_.empty()) << "no admin token printed on first start:\n"
                                       << server_->Output();
    admin_ = std::make_unique<Client>(server_->url(), admin_token_);
  }
  Client As(const std::string& token) { return Client(server_->url(), token); }

  // POST /v1/tokens; returns the parsed body (asserting 201).
  codec::JsonValue Create(const std::string& body) {
    auto r = admin_->Post("/v1/tokens", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return Json(r.body);
  }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
  std::string admin_token_;
  std::unique_ptr<Client> admin_;
};

TEST_F(TokensApi, FirstStartPrintsOneWorkingAdminTokenOnlyOnce) {
  std::string out = server_->Output();
  auto secrets = Secrets(out);
  // Printed (the curl examples repeat it), and it is one token.
  for (const auto& s : secrets) EXPECT_EQ(s, admin_token_);
  auto list = admin_->Get("/v1/tokens");
  ASSERT_EQ(list.status, 200) << list.body;
  auto tokens = At(Json(list.body), "tokens");
  ASSERT_EQ(tokens.items.size(), 1u) << list.body;
  EXPECT_EQ(At(tokens.items[0], "tenants").items.at(0).string, "*");
  EXPECT_EQ(At(tokens.items[0], "scopes").items.at(0).string, "admin");
  // It can write and read in any tenant it names.
  EXPECT_EQ(admin_->Post("/v1/events?tenant=demo", R"({"kind":"k","action":"a"})").status, 201);
  EXPECT_EQ(At(Json(admin_->Get("/v1/events?tenant=demo&total=true").body), "total").number, 1);

  // A second start on the same data prints no new token; the old one still works.
  server_.reset();
  ServerProcess again(dir_.path());
  std::string out2 = again.Output();
  EXPECT_TRUE(Secrets(out2).empty()) << out2;
  EXPECT_EQ(out2.find("First start"), std::string::npos) << out2;
  Client admin2(again.url(), admin_token_);
  auto list2 = admin2.Get("/v1/tokens");
  ASSERT_EQ(list2.status, 200) << list2.body;
  EXPECT_EQ(At(Json(list2.body), "tokens").items.size(), 1u);
}

TEST_F(TokensApi, CreatedTokenIsShownOnceAndWorksImmediately) {
  auto v =
      Create(R"({"name":"ci writer","tenants":["acme"],"scopes":["events.write","events.read"]})");
  std::string secret = At(v, "token").string;
  EXPECT_TRUE(IsTokenSecret(secret)) << secret;
  std::string id = At(v, "id").string;
  EXPECT_TRUE(IsLowerHex(id, 12)) << id;
  EXPECT_EQ(At(v, "name").string, "ci writer");
  EXPECT_EQ(At(v, "tenants").items.size(), 1u);
  EXPECT_EQ(At(v, "scopes").items.size(), 2u);
  EXPECT_FALSE(At(v, "created").string.empty());

  Client c = As(secret);
  auto post = c.Post("/v1/events", R"({"kind":"k","action":"a"})");
  EXPECT_EQ(post.status, 201) << post.body;
  auto list = c.Get("/v1/events?total=true");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(At(Json(list.body), "total").number, 1);
  EXPECT_EQ(At(At(Json(list.body), "events").items.at(0), "tenant").string, "acme");
  // Bound to its tenant and scopes.
  EXPECT_EQ(c.Get("/v1/events?tenant=globex").status, 403);
  EXPECT_EQ(c.Get("/v1/tokens").status, 403);

  auto ro = Create(R"({"tenants":"acme","scopes":"events.read"})");
  Client reader = As(At(ro, "token").string);
  EXPECT_EQ(reader.Get("/v1/events").status, 200);
  ExpectNativeError(reader.Post("/v1/events", R"({"kind":"k","action":"a"})"), 403,
                    "permission_denied");

  // Two creations never hand out the same secret or id.
  auto again = Create(R"({"tenants":["acme"],"scopes":["events.read"]})");
  EXPECT_NE(At(again, "token").string, At(ro, "token").string);
  EXPECT_NE(At(again, "id").string, At(ro, "id").string);
}

TEST_F(TokensApi, ListNeverShowsSecrets) {
  std::vector<std::string> secrets = {admin_token_};
  std::vector<std::string> ids;
  for (const char* body : {R"({"name":"a","tenants":["acme"],"scopes":["events.read"]})",
                           R"({"name":"b","tenants":["acme","globex"],"scopes":["admin"]})",
                           R"({"name":"c","tenants":["*"],"scopes":["auditLogs.read"]})"}) {
    auto v = Create(body);
    secrets.push_back(At(v, "token").string);
    ids.push_back(At(v, "id").string);
  }
  auto r = admin_->Get("/v1/tokens");
  ASSERT_EQ(r.status, 200) << r.body;
  for (const auto& s : secrets) {
    EXPECT_EQ(r.body.find(s), std::string::npos) << "secret listed: " << r.body;
    // Not even the random part without its prefix.
    EXPECT_EQ(r.body.find(s.substr(3)), std::string::npos) << r.body;
  }
  EXPECT_TRUE(Secrets(r.body).empty()) << r.body;
  auto tokens = At(Json(r.body), "tokens");
  ASSERT_EQ(tokens.items.size(), 4u) << r.body;
  for (const auto& t : tokens.items) {
    EXPECT_EQ(t.Find("token"), nullptr) << r.body;
    EXPECT_EQ(t.Find("secret"), nullptr) << r.body;
    EXPECT_EQ(t.Find("hash"), nullptr) << r.body;
  }
  for (const auto& id : ids) EXPECT_NE(r.body.find("\"" + id + "\""), std::string::npos);
}

TEST_F(TokensApi, DeleteRevokes) {
  auto v = Create(R"({"tenants":["acme"],"scopes":["events.read"]})");
  std::string secret = At(v, "token").string, id = At(v, "id").string;
  EXPECT_EQ(As(secret).Get("/v1/events").status, 200);

  auto del = admin_->Send("DELETE", "/v1/tokens/" + id, "");
  EXPECT_EQ(del.status, 204) << del.body;
  auto after = As(secret).Get("/v1/events");
  ExpectNativeError(after, 401, "unauthenticated");
  EXPECT_EQ(admin_->Get("/v1/tokens").body.find(id), std::string::npos);

  ExpectNativeError(admin_->Send("DELETE", "/v1/tokens/" + id, ""), 404, "not_found");
  ExpectNativeError(admin_->Send("DELETE", "/v1/tokens/000000000000", ""), 404, "not_found");
  ExpectNativeError(admin_->Send("DELETE", "/v1/tokens/not-an-id", ""), 404, "not_found");
  // Revoked stays revoked after a restart.
  server_.reset();
  ServerProcess again(dir_.path());
  ExpectNativeError(Client(again.url(), secret).Get("/v1/events"), 401, "unauthenticated");
  EXPECT_EQ(Client(again.url(), admin_token_).Get("/v1/tokens").status, 200);
}

TEST_F(TokensApi, ValidationErrorsAre400) {
  struct Case {
    std::string body, mention;
  };
  const Case cases[] = {
      {R"({"tenants":["acme"],"scopes":["events.read","fly"]})", "fly"},
      {R"({"tenants":["acme"],"scopes":["ADMIN"]})", "ADMIN"},
      {R"({"tenants":["acme"],"scopes":[]})", "scope"},
      {R"({"tenants":["acme"]})", "scopes"},
      {R"({"scopes":["events.read"]})", "tenants"},
      {R"({"tenants":[],"scopes":["events.read"]})", "tenant"},
      {R"({"tenants":["bad tenant"],"scopes":["events.read"]})", "tenant"},
      {R"({"tenants":["a/b"],"scopes":["events.read"]})", "tenant"},
      {R"({"tenants":[""],"scopes":["events.read"]})", "tenant"},
      {R"({"tenants":["*","acme"],"scopes":["events.read"]})", "*"},
      {R"({"tenants":[1],"scopes":["events.read"]})", "tenants"},
      {R"({"tenants":{"a":1},"scopes":["events.read"]})", "tenants"},
      {R"({"tenants":["acme"],"scopes":[true]})", "scopes"},
      {R"({"name":5,"tenants":["acme"],"scopes":["events.read"]})", "name"},
      {R"({"name":")" + std::string(300, 'n') + R"(","tenants":["acme"],"scopes":["events.read"]})",
       "name"},
      {R"(["acme"])", "object"},
      {R"("x")", "object"},
      {"not json", ""},
      {"", ""},
      {R"({"tenants":["acme"],"scopes":["events.read"])", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.body.substr(0, 80));
    auto r = admin_->Post("/v1/tokens", c.body);
    ExpectNativeError(r, 400, "invalid_argument", c.mention);
    EXPECT_TRUE(Secrets(r.body).empty()) << r.body;
  }
  // Nothing was created by the refused requests.
  EXPECT_EQ(At(Json(admin_->Get("/v1/tokens").body), "tokens").items.size(), 1u);
}

}  // namespace
}  // namespace trailkeep::testing
