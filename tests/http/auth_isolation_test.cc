// Authentication, scopes and tenant isolation over HTTP: no token reads
// another tenant's events by any endpoint or parameter.
#include <gtest/gtest.h>

#include <algorithm>
#include <future>

#include "http/json_util.h"
#include "http/native_error_util.h"
#include "http/server_process.h"

namespace trailkeep::testing {
namespace {

std::string Base64(const std::string& in) {
  static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    uint32_t v = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out.push_back(k[(v >> s) & 63]);
  }
  if (i + 1 == in.size()) {
    uint32_t v = uint8_t(in[i]) << 16;
    out += {k[(v >> 18) & 63], k[(v >> 12) & 63], '=', '='};
  } else if (i + 2 == in.size()) {
    uint32_t v = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8);
    out += {k[(v >> 18) & 63], k[(v >> 12) & 63], k[(v >> 6) & 63], '='};
  }
  return out;
}

// Markers that appear in every globex (resp. acme) event we store.
constexpr char kGlobexMarker[] = "GLOBEX-SECRET";
constexpr char kAcmeMarker[] = "ACME-PUBLIC";
constexpr int kAcmeEvents = 7;
constexpr int kGlobexEvents = 5;

// Ids from the JSON array "ids" (numbers, not strings).
std::vector<uint64_t> NumIds(const codec::JsonValue& v) {
  std::vector<uint64_t> out;
  for (const auto& i : v.items) out.push_back(static_cast<uint64_t>(i.number));
  return out;
}

struct Tokens {
  std::string acme_rw, globex_rw, acme_read, acme_write, acme_globex_read, star_read, acme_admin,
      star_admin, initech_rw, hooli_rw;
};

class AuthIsolation : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    server_ = new ServerProcess(dir_->path());
    const ServerProcess& s = *server_;
    t_ = new Tokens{
        MintToken(s, {"acme"}, {"events.read", "events.write"}),
        MintToken(s, {"globex"}, {"events.read", "events.write"}),
        MintToken(s, {"acme"}, {"events.read"}),
        MintToken(s, {"acme"}, {"events.write"}),
        MintToken(s, {"acme", "globex"}, {"events.read"}),
        MintToken(s, {"*"}, {"events.read"}),
        MintToken(s, {"acme"}, {"admin"}),
        s.FirstStartAdminToken(),  // all tenants, "admin"
        MintToken(s, {"initech"}, {"events.read", "events.write"}),
        MintToken(s, {"hooli"}, {"events.read", "events.write"}),
    };
    globex_ids_ = new std::vector<uint64_t>;
    acme_ids_ = new std::vector<uint64_t>;
    // Interleave the tenants so their ids alternate.
    Client acme(server_->url(), t_->acme_rw), globex(server_->url(), t_->globex_rw);
    for (int i = 0; i < std::max(kAcmeEvents, kGlobexEvents); ++i) {
      if (i < kAcmeEvents) {
        auto r = acme.Post("/v1/events", R"({"kind":"user.action","action":"login","message":")" +
                                             std::string(kAcmeMarker) + R"("})");
        ASSERT_EQ(r.status, 201) << r.body;
        for (auto id : NumIds(At(Json(r.body), "ids"))) acme_ids_->push_back(id);
      }
      if (i < kGlobexEvents) {
        auto r = globex.Post("/v1/events", R"({"kind":"user.action","action":"login","message":")" +
                                               std::string(kGlobexMarker) + R"("})");
        ASSERT_EQ(r.status, 201) << r.body;
        for (auto id : NumIds(At(Json(r.body), "ids"))) globex_ids_->push_back(id);
      }
    }
  }
  static void TearDownTestSuite() {
    delete server_;
    delete t_;
    delete dir_;
    delete globex_ids_;
    delete acme_ids_;
  }

  Client As(const std::string& token) { return Client(server_->url(), token); }

  static TempDir* dir_;
  static Tokens* t_;
  static ServerProcess* server_;
  static std::vector<uint64_t>* globex_ids_;
  static std::vector<uint64_t>* acme_ids_;
};

TempDir* AuthIsolation::dir_ = nullptr;
Tokens* AuthIsolation::t_ = nullptr;
ServerProcess* AuthIsolation::server_ = nullptr;
std::vector<uint64_t>* AuthIsolation::globex_ids_ = nullptr;
std::vector<uint64_t>* AuthIsolation::acme_ids_ = nullptr;

void Expect401(const api::ClientResponse& r) {
  ExpectNativeError(r, 401, "unauthenticated");
  EXPECT_NE(HeaderOf(r, "WWW-Authenticate").find("Bearer"), std::string::npos)
      << "401 without WWW-Authenticate";
}

TEST_F(AuthIsolation, NoOrBadCredentialsAre401) {
  Client anon(server_->url(), "");
  const std::string targets[] = {"/v1/events", "/v1/events/1", "/v1/events/export",
                                 "/v1/events/tail?wait=0s", "/v1/tokens"};
  for (const auto& t : targets) {
    SCOPED_TRACE(t);
    Expect401(anon.Get(t));
    Expect401(anon.Get(t, {{"Authorization", "Bearer tk_not-a-real-token"}}));
    Expect401(anon.Get(t, {{"Authorization", "Bearer"}}));
    Expect401(anon.Get(t, {{"Authorization", "Token " + t_->acme_rw}}));
    Expect401(anon.Get(t, {{"X-Auth-Token", "tk_nope"}}));
  }
  Expect401(anon.Post("/v1/events", R"({"kind":"k","action":"a"})"));
  // A malformed Authorization is not replaced by a good X-Auth-Token.
  Expect401(
      anon.Get("/v1/events", {{"Authorization", "Bogus xyz"}, {"X-Auth-Token", t_->acme_rw}}));
  // Basic without a colon is malformed.
  Expect401(anon.Get("/v1/events", {{"Authorization", "Basic " + Base64(t_->acme_rw)}}));
  // A token with one character changed.
  std::string tampered = t_->acme_rw;
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  Expect401(As(tampered).Get("/v1/events"));
}

TEST_F(AuthIsolation, AllFourCredentialFormsWork) {
  Client anon(server_->url(), "");
  const std::string& tok = t_->acme_read;
  const api::HeaderList forms[] = {
      {{"Authorization", "Bearer " + tok}},
      {{"Authorization", "bearer " + tok}},
      {{"Authorization", "Api-Token " + tok}},
      {{"Authorization", "Basic " + Base64("anyone:" + tok)}},
      {{"Authorization", "Basic " + Base64(":" + tok)}},
      {{"X-Auth-Token", tok}},
  };
  for (const auto& h : forms) {
    SCOPED_TRACE(h[0].first + ": " + h[0].second);
    auto r = anon.Get("/v1/events?total=true", h);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(At(Json(r.body), "total").number, kAcmeEvents);
  }
}

TEST_F(AuthIsolation, RevokedTokenIs401) {
  Client admin = As(t_->star_admin);
  auto created = admin.Post("/v1/tokens", R"({"tenants":["acme"],"scopes":["events.read"]})");
  ASSERT_EQ(created.status, 201) << created.body;
  auto v = Json(created.body);
  std::string secret = At(v, "token").string, id = At(v, "id").string;
  EXPECT_EQ(As(secret).Get("/v1/events").status, 200);
  EXPECT_EQ(admin.Send("DELETE", "/v1/tokens/" + id, "").status, 204);
  Expect401(As(secret).Get("/v1/events"));
  Expect401(As(secret).Get("/v1/events/" + std::to_string(acme_ids_->front())));
}

TEST_F(AuthIsolation, MissingScopeIs403) {
  auto post = As(t_->acme_read).Post("/v1/events", R"({"kind":"k","action":"a"})");
  ExpectNativeError(post, 403, "permission_denied", "events.write");
  for (const std::string t :
       {"/v1/events", "/v1/events/1", "/v1/events/export", "/v1/events/tail?wait=0s"}) {
    SCOPED_TRACE(t);
    ExpectNativeError(As(t_->acme_write).Get(t), 403, "permission_denied", "events.read");
  }
  for (const std::string& tok : {t_->acme_rw, t_->star_read}) {
    ExpectNativeError(As(tok).Get("/v1/tokens"), 403, "permission_denied", "admin");
    ExpectNativeError(As(tok).Post("/v1/tokens", R"({"tenants":["acme"],"scopes":["admin"]})"), 403,
                      "permission_denied", "admin");
    ExpectNativeError(As(tok).Send("DELETE", "/v1/tokens/000000000000", ""), 403,
                      "permission_denied", "admin");
  }
  // Nothing was stored by the refused write.
  auto total = As(t_->acme_read).Get("/v1/events?total=true");
  EXPECT_EQ(At(Json(total.body), "total").number, kAcmeEvents);
}

TEST_F(AuthIsolation, ListAndTotalsShowOnlyOwnTenant) {
  auto r = As(t_->acme_rw).Get("/v1/events?total=true&limit=1000");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body.find(kGlobexMarker), std::string::npos) << r.body;
  auto v = Json(r.body);
  EXPECT_EQ(At(v, "total").number, kAcmeEvents);
  auto ids = Ids(At(v, "events"));
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, *acme_ids_);
  for (const auto& e : At(v, "events").items) EXPECT_EQ(At(e, "tenant").string, "acme");
  // Paging with a cursor into the other tenant's id range finds only own events.
  auto after = As(t_->acme_rw)
                   .Get("/v1/events?order=asc&after=" + std::to_string(globex_ids_->front()) +
                        "&total=true");
  EXPECT_EQ(after.body.find(kGlobexMarker), std::string::npos);
  // Filters and windows do not widen the tenant either.
  auto f = As(t_->acme_rw).Get("/v1/events?total=true&filter=action(login)&from=now-1d");
  EXPECT_EQ(At(Json(f.body), "total").number, kAcmeEvents);
  EXPECT_EQ(f.body.find(kGlobexMarker), std::string::npos);
}

TEST_F(AuthIsolation, GetByIdOfOtherTenantNeverReturnsTheEvent) {
  for (uint64_t id : *globex_ids_) {
    for (const std::string& tok : {t_->acme_rw, t_->acme_read}) {
      auto r = As(tok).Get("/v1/events/" + std::to_string(id));
      EXPECT_TRUE(r.status == 404 || r.status == 403) << id << ": " << r.status << " " << r.body;
      EXPECT_EQ(r.body.find(kGlobexMarker), std::string::npos) << r.body;
    }
    // The owner sees it.
    auto own = As(t_->globex_rw).Get("/v1/events/" + std::to_string(id));
    EXPECT_EQ(own.status, 200);
    EXPECT_NE(own.body.find(kGlobexMarker), std::string::npos);
  }
  for (uint64_t id : *acme_ids_) {
    EXPECT_EQ(As(t_->acme_rw).Get("/v1/events/" + std::to_string(id)).status, 200);
  }
}

TEST_F(AuthIsolation, ExportsShowOnlyOwnTenant) {
  auto nd = As(t_->acme_rw).Get("/v1/events/export?format=ndjson");
  ASSERT_EQ(nd.status, 200);
  EXPECT_EQ(nd.body.find(kGlobexMarker), std::string::npos);
  EXPECT_EQ(std::count(nd.body.begin(), nd.body.end(), '\n'), kAcmeEvents) << nd.body;
  auto csv = As(t_->acme_rw).Get("/v1/events/export?format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.find(kGlobexMarker), std::string::npos);
  EXPECT_EQ(std::count(csv.body.begin(), csv.body.end(), '\n'), kAcmeEvents + 1) << csv.body;
  auto def = As(t_->acme_rw).Get("/v1/events/export");
  EXPECT_EQ(def.body.find(kGlobexMarker), std::string::npos);
}

TEST_F(AuthIsolation, TailShowsOnlyOwnTenant) {
  // From the beginning: everything of acme at once, nothing of globex.
  auto all = As(t_->acme_rw).Get("/v1/events/tail?after=0&wait=0s&limit=1000");
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(all.body.find(kGlobexMarker), std::string::npos);
  EXPECT_EQ(At(Json(all.body), "events").items.size(), static_cast<size_t>(kAcmeEvents));

  // Live: a commit of another tenant does not answer the tail; the next commit
  // of its own tenant does. (Own tenants, so the other tests' counts hold.)
  uint64_t last = static_cast<uint64_t>(
      At(Json(Client(server_->url(), "").Get("/healthz").body), "last_id").number);
  auto h = std::async(std::launch::async, [this, last] {
    return As(t_->initech_rw)
        .Get("/v1/events/tail?wait=30s&format=ndjson&after=" + std::to_string(last));
  });
  auto g = As(t_->hooli_rw)
               .Post("/v1/events", R"({"kind":"k","action":"live","message":")" +
                                       std::string(kGlobexMarker) + R"("})");
  ASSERT_EQ(g.status, 201);
  auto a = As(t_->initech_rw).Post("/v1/events", R"({"kind":"k","action":"live"})");
  ASSERT_EQ(a.status, 201);
  auto tail = h.get();
  ASSERT_EQ(tail.status, 200) << tail.body;
  EXPECT_EQ(tail.body.find(kGlobexMarker), std::string::npos) << tail.body;
  ASSERT_EQ(std::count(tail.body.begin(), tail.body.end(), '\n'), 1) << tail.body;
  EXPECT_NE(tail.body.find("\"tenant\":\"initech\""), std::string::npos) << tail.body;
  uint64_t own_id = NumIds(At(Json(a.body), "ids")).at(0);
  EXPECT_EQ(HeaderOf(tail, "Trailkeep-Next-After"), std::to_string(own_id));
}

TEST_F(AuthIsolation, NamingAnotherTenantIs403Everywhere) {
  const std::string targets[] = {"/v1/events", "/v1/events/" + std::to_string(globex_ids_->front()),
                                 "/v1/events/export", "/v1/events/export?format=csv",
                                 "/v1/events/tail?after=0&wait=0s"};
  for (const auto& t : targets) {
    SCOPED_TRACE(t);
    std::string sep = t.find('?') == std::string::npos ? "?" : "&";
    auto q = As(t_->acme_rw).Get(t + sep + "tenant=globex");
    ExpectNativeError(q, 403, "permission_denied", "globex");
    EXPECT_EQ(q.body.find(kGlobexMarker), std::string::npos);
    auto h = As(t_->acme_rw).Get(t, {{"X-Trailkeep-Tenant", "globex"}});
    ExpectNativeError(h, 403, "permission_denied", "globex");
    EXPECT_EQ(h.body.find(kGlobexMarker), std::string::npos);
    // An invalid tenant name is 400, and never echoed.
    auto bad = As(t_->acme_rw).Get(t + sep + "tenant=%3Cscript%3E");
    ExpectNativeError(bad, 400, "invalid_argument");
    EXPECT_EQ(bad.body.find("<script>"), std::string::npos);
  }
  // Writing into another tenant is refused too, and nothing lands there.
  ExpectNativeError(
      As(t_->acme_rw).Post("/v1/events?tenant=globex", R"({"kind":"k","action":"x"})"), 403,
      "permission_denied");
  ExpectNativeError(
      As(t_->acme_rw)
          .Post("/v1/events", R"({"kind":"k","action":"x"})", {{"X-Trailkeep-Tenant", "globex"}}),
      403, "permission_denied");
  // An empty tenant parameter is invalid, not absent.
  ExpectNativeError(As(t_->acme_rw).Get("/v1/events?tenant="), 400, "invalid_argument");
  // "*" is not a tenant name a request can ask for.
  EXPECT_NE(As(t_->star_read).Get("/v1/events?tenant=*").status, 200);
  auto total = As(t_->globex_rw).Get("/v1/events?total=true&filter=action(x)");
  EXPECT_EQ(At(Json(total.body), "total").number, 0);
}

TEST_F(AuthIsolation, MultiTenantTokensMustNameTheTenant) {
  for (const std::string& tok : {t_->acme_globex_read, t_->star_read}) {
    for (const std::string t :
         {"/v1/events", "/v1/events/1", "/v1/events/export", "/v1/events/tail?wait=0s"}) {
      SCOPED_TRACE(t);
      ExpectNativeError(As(tok).Get(t), 400, "invalid_argument", "tenant required");
    }
    auto g = As(tok).Get("/v1/events?tenant=globex&total=true&limit=1000");
    ASSERT_EQ(g.status, 200) << g.body;
    auto v = Json(g.body);
    EXPECT_GE(At(v, "total").number, kGlobexEvents);
    EXPECT_EQ(g.body.find(kAcmeMarker), std::string::npos);
    for (const auto& e : At(v, "events").items) EXPECT_EQ(At(e, "tenant").string, "globex");
    auto a = As(tok).Get("/v1/events?total=true&limit=1000", {{"X-Trailkeep-Tenant", "acme"}});
    ASSERT_EQ(a.status, 200) << a.body;
    EXPECT_EQ(a.body.find(kGlobexMarker), std::string::npos);
    auto acme = Json(a.body);  // kept alive: the loop below views into it
    for (const auto& e : At(acme, "events").items) EXPECT_EQ(At(e, "tenant").string, "acme");
    // Get by id is scoped to the named tenant.
    auto cross = As(tok).Get("/v1/events/" + std::to_string(globex_ids_->front()) + "?tenant=acme");
    EXPECT_TRUE(cross.status == 404 || cross.status == 403) << cross.body;
    EXPECT_EQ(cross.body.find(kGlobexMarker), std::string::npos);
  }
  // A two-tenant token cannot reach a third tenant.
  ExpectNativeError(As(t_->acme_globex_read).Get("/v1/events?tenant=initech"), 403,
                    "permission_denied");
}

TEST_F(AuthIsolation, TenantAdminCannotMintTokensForOtherTenants) {
  Client admin = As(t_->acme_admin);
  // Within its own tenant: fine.
  auto own = admin.Post("/v1/tokens", R"({"tenants":["acme"],"scopes":["events.read"]})");
  EXPECT_EQ(own.status, 201) << own.body;
  // Another tenant, or all tenants: that would be a way to read globex.
  for (const std::string body : {R"({"tenants":["globex"],"scopes":["events.read"]})",
                                 R"({"tenants":["acme","globex"],"scopes":["events.read"]})",
                                 R"({"tenants":["*"],"scopes":["events.read"]})"}) {
    SCOPED_TRACE(body);
    auto r = admin.Post("/v1/tokens", body);
    EXPECT_EQ(r.status, 403) << r.body;
    if (r.status == 201) {
      std::string leaked = At(Json(r.body), "token").string;
      auto g = As(leaked).Get("/v1/events?tenant=globex");
      EXPECT_EQ(g.body.find(kGlobexMarker), std::string::npos)
          << "globex events leaked to acme admin";
    }
  }
}

TEST_F(AuthIsolation, TenantAdminSeesAndRevokesOnlyItsTenantsTokens) {
  auto made =
      As(t_->star_admin)
          .Post("/v1/tokens",
                R"({"name":"globex-reader","tenants":["globex"],"scopes":["events.read"]})");
  ASSERT_EQ(made.status, 201) << made.body;
  auto v = Json(made.body);
  std::string id = At(v, "id").string, secret = At(v, "token").string;

  auto list = As(t_->acme_admin).Get("/v1/tokens");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.body.find(id), std::string::npos) << list.body;
  EXPECT_EQ(list.body.find("globex"), std::string::npos) << list.body;
  auto all = As(t_->star_admin).Get("/v1/tokens");
  EXPECT_NE(all.body.find(id), std::string::npos) << all.body;

  ExpectNativeError(As(t_->acme_admin).Send("DELETE", "/v1/tokens/" + id, ""), 404, "not_found");
  EXPECT_EQ(As(secret).Get("/v1/events?total=true").status, 200)
      << "acme admin revoked a globex token";
}

}  // namespace
}  // namespace trailkeep::testing
