// The CodeArts audit endpoint over HTTP against the real binary: the
// API-NOTES 3.8 conformance cases (named Case1..Case8) and the rest of the
// endpoint's behaviour (token auth, tenants, filters, order, X-Request-Id).
#include <set>

#include "dialects/codearts/codearts_fixture.h"

namespace trailkeep::testing {
namespace {

using Type = codec::JsonValue::Type;

std::vector<Rec> Records(int n) {
  std::vector<Rec> recs(n);
  for (int i = 0; i < n; ++i) recs[i].time = MinuteTime(i);
  return recs;
}

TEST_F(CodeArtsHttp, Case1ValidRequestShape) {
  Import(JsonArray(Records(7)));
  auto r = Get(AuditPath() + "?page_num=1&page_size=5");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers.empty(), false);
  EXPECT_TRUE(IsLowerHex(HeaderOf(r, "X-Request-Id"), 32));
  EXPECT_EQ(HeaderOf(r, "Content-Type").find("application/json"), 0u);
  auto v = Json(r.body);
  EXPECT_EQ(At(v, "status").string, "success");
  EXPECT_TRUE(IsDashedDigits(At(v, "trace_id").string, 3)) << r.body;
  const auto& result = At(v, "result");
  ASSERT_EQ(At(result, "total").type, Type::kNumber);
  EXPECT_EQ(At(result, "total").string, "7");
  const auto& list = At(result, "auditInfoList");
  ASSERT_EQ(list.type, Type::kArray);
  ASSERT_EQ(list.items.size(), 5u);
  const std::set<std::string> allowed = {"id",       "module",           "operation",
                                         "time",     "info",             "data",
                                         "reason",   "userAgent",        "operator",
                                         "operatorNickName", "operatorTenantName", "ipSource"};
  for (const auto& e : list.items) {
    for (const auto& [k, value] : e.members) EXPECT_TRUE(allowed.count(k)) << k;
    EXPECT_TRUE(MatchesShape(At(e, "time").string, "9999/99/99 99:99:99"));
    EXPECT_EQ(At(e, "id").type, Type::kString);
    EXPECT_EQ(At(e, "module").string, "file");
    EXPECT_EQ(At(e, "info").string, kRepo);
    EXPECT_NE(e.Find("userAgent"), nullptr);
    EXPECT_NE(e.Find("ipSource"), nullptr);
  }
  // Newest first.
  EXPECT_EQ(At(list.items[0], "time").string, MinuteTime(6));
  EXPECT_EQ(At(list.items[4], "time").string, MinuteTime(2));
}

TEST_F(CodeArtsHttp, Case2DefaultPageSizeIsTen) {
  Import(JsonArray(Records(15)));
  auto v = Json(Get(AuditPath()).body);
  EXPECT_EQ(At(At(v, "result"), "auditInfoList").items.size(), 10u);
  EXPECT_EQ(At(At(v, "result"), "total").string, "15");
}

TEST_F(CodeArtsHttp, Case3SecondPageAndPagesPastTheEnd) {
  Import(JsonArray(Records(15)));
  auto page1 = Json(Get(AuditPath() + "?page_num=1&page_size=10").body);
  auto page2 = Json(Get(AuditPath() + "?page_num=2&page_size=10").body);
  const auto& list2 = At(At(page2, "result"), "auditInfoList");
  ASSERT_EQ(list2.items.size(), 5u);
  EXPECT_EQ(At(At(page2, "result"), "total").string, "15");
  // The pages do not overlap and continue newest first.
  EXPECT_EQ(At(list2.items[0], "time").string, MinuteTime(4));
  EXPECT_EQ(At(list2.items[4], "time").string, MinuteTime(0));
  std::set<std::string> ids;
  for (const auto* p : {&page1, &page2}) {
    for (const auto& e : At(At(*p, "result"), "auditInfoList").items) ids.insert(At(e, "id").string);
  }
  EXPECT_EQ(ids.size(), 15u);
  for (std::string q : {"?page_num=3&page_size=10", "?page_num=2147483647&page_size=100"}) {
    auto r = Get(AuditPath() + q);
    ASSERT_EQ(r.status, 200) << r.body;
    auto v = Json(r.body);
    EXPECT_EQ(At(At(v, "result"), "auditInfoList").type, Type::kArray);
    EXPECT_TRUE(At(At(v, "result"), "auditInfoList").items.empty());
    EXPECT_EQ(At(At(v, "result"), "total").string, "15");
  }
}

TEST_F(CodeArtsHttp, Case4PageBoundsAreValidated) {
  for (std::string q : {"page_size=101", "page_size=0", "page_num=0", "page_num=-3",
                        "page_num=2147483648", "page_size=ten", "page_num=1.0", "page_size="}) {
    SCOPED_TRACE(q);
    ExpectServiceError(Get(AuditPath() + "?" + q), 400);
  }
  EXPECT_EQ(Get(AuditPath() + "?page_size=100").status, 200);
  EXPECT_EQ(Get(AuditPath() + "?page_size=1&page_num=1").status, 200);
  EXPECT_EQ(Get(AuditPath() + "?unknown=1").status, 200);
}

TEST_F(CodeArtsHttp, Case5PathIsValidated) {
  std::string domain = "5a775fdcb14f4431b6c0015618140bc3";
  ExpectServiceError(Get(AuditPath("file", kRepo, kTenantId, std::string(kProjectId).substr(1))), 400);
  ExpectServiceError(Get(AuditPath("foo")), 400);
  ExpectServiceError(Get(AuditPath("file", "cn-north-7_" + domain + "_maven2_1")), 400);
  ExpectServiceError(Get(AuditPath("file", kRepo, "abc1234")), 400);             // 7 chars
  ExpectServiceError(Get(AuditPath("file", kRepo, std::string(33, 'a'))), 400);  // 33 chars
  ExpectServiceError(Get(AuditPath("file", kRepo, "abcd_1234")), 400);
  ExpectServiceError(Get(AuditPath("file", kRepo, kTenantId, std::string(32, '-'))), 400);
  ExpectServiceError(Get(AuditPath("file", "cn-north-7_" + domain + "_maven")), 400);
  ExpectServiceError(Get(AuditPath("file", "cn-north-7_" + domain.substr(1) + "_maven_1")), 400);
  // Every listed format and both modules are accepted.
  for (std::string f : {"npm", "go", "pypi", "rpm", "composer", "maven", "debian", "conan",
                        "nuget", "docker2", "cocoapods", "ohpm"}) {
    for (std::string m : {"file", "repository"}) {
      auto r = Get(AuditPath(m, "ap-southeast-3_" + domain + "_" + f + "_12"));
      EXPECT_EQ(r.status, 200) << f << " " << m << ": " << r.body;
    }
  }
}

TEST_F(CodeArtsHttp, Case6NoCredentialsIsAGateway401) {
  ExpectGatewayError(reader_->Get(AuditPath()));
  // A native Bearer token is not a CodeArts credential.
  ExpectGatewayError(reader_->Get(AuditPath(), {{"Authorization", "Bearer " + token_}}));
  ExpectGatewayError(Get(AuditPath(), "tk_not-a-real-token"));
  ExpectGatewayError(Get(AuditPath(), "bad token with spaces"));
  // 401 comes before 400.
  ExpectGatewayError(reader_->Get(AuditPath("foo") + "?page_size=0"));
}

TEST_F(CodeArtsHttp, Case7UserIdFilter) {
  std::vector<Rec> recs = Records(9);
  for (int i = 0; i < 9; ++i) {
    recs[i].user_id = i % 3 == 0 ? "u-alice" : "u-bob";
    recs[i].op = i % 3 == 0 ? "devcloud_alice" : "devcloud_bob";
  }
  Import(JsonArray(recs));
  auto v = Json(Get(AuditPath() + "?user_id=u-alice").body);
  const auto& list = At(At(v, "result"), "auditInfoList");
  EXPECT_EQ(At(At(v, "result"), "total").string, "3");
  ASSERT_EQ(list.items.size(), 3u);
  for (const auto& e : list.items) EXPECT_EQ(At(e, "operator").string, "devcloud_alice");
  v = Json(Get(AuditPath() + "?user_id=u-nobody").body);
  EXPECT_EQ(At(At(v, "result"), "total").string, "0");
  EXPECT_EQ(At(At(v, "result"), "auditInfoList").type, Type::kArray);
  EXPECT_TRUE(At(At(v, "result"), "auditInfoList").items.empty());
  // The operator's display name is not the user id.
  v = Json(Get(AuditPath() + "?user_id=devcloud_alice").body);
  EXPECT_EQ(At(At(v, "result"), "total").string, "0");
}

TEST_F(CodeArtsHttp, Case8NullReasonAndAbsentNickName) {
  std::vector<Rec> recs = Records(2);
  recs[1].reason = "quota exceeded";
  recs[1].nick = "Alice";
  Import(JsonArray(recs));
  auto r = Get(AuditPath());
  ASSERT_EQ(r.status, 200);
  auto list = At(At(Json(r.body), "result"), "auditInfoList");
  ASSERT_EQ(list.items.size(), 2u);
  const auto& with = list.items[0];  // newest: recs[1]
  const auto& without = list.items[1];
  EXPECT_EQ(At(with, "reason").string, "quota exceeded");
  EXPECT_EQ(At(with, "operatorNickName").string, "Alice");
  ASSERT_NE(without.Find("reason"), nullptr);
  EXPECT_EQ(without.Find("reason")->type, Type::kNull);
  EXPECT_EQ(without.Find("operatorNickName"), nullptr);
  EXPECT_EQ(without.Find("operatorTenantName"), nullptr);
  EXPECT_NE(r.body.find("\"reason\":null"), std::string::npos);
}

TEST_F(CodeArtsHttp, ModuleRepoAndInstanceSelectTheirOwnRecords) {
  std::vector<Rec> recs = Records(8);
  recs[1].module = "repository";
  recs[2].info = kOtherRepo;
  recs[3].instance_id = "inst-1";
  recs[4].instance_id = "inst-1";
  recs[5].instance_id = "inst-2";
  Import(JsonArray(recs));
  auto total = [&](const std::string& target) {
    auto v = Json(Get(target).body);
    return At(At(v, "result"), "total").string;
  };
  EXPECT_EQ(total(AuditPath("file")), "6");
  EXPECT_EQ(total(AuditPath("repository")), "1");
  EXPECT_EQ(total(AuditPath("file", kOtherRepo)), "1");
  EXPECT_EQ(total(AuditPath("repository", kOtherRepo)), "0");
  EXPECT_EQ(total(AuditPath() + "?instance_id=inst-1"), "2");
  EXPECT_EQ(total(AuditPath() + "?instance_id=inst-2"), "1");
  EXPECT_EQ(total(AuditPath() + "?instance_id="), "6");  // empty = absent
  // Native events of another kind never show, even with matching fields.
  ASSERT_EQ(writer_->Post("/v1/events?tenant=" + CodeArtsTenant(),
                          std::string(R"({"kind":"user.action","action":"upload","category":"file",)") +
                              R"("entity":{"id":")" + kRepo + R"("}})").status,
            201);
  EXPECT_EQ(total(AuditPath("file")), "6");
}

TEST_F(CodeArtsHttp, NativeEventsRenderThroughTheMapping) {
  std::string body = std::string(R"({"kind":"artifact.audit","action":"delete","category":"repository",)") +
                     R"("time":"2024-02-29T16:30:05.999Z","entity":{"id":")" + kRepo +
                     R"(","name":"a/b.tgz"},"actor":{"id":"u1","name":"bob","ip":"::1",)" +
                     R"("user_agent":"npm/10"},"attributes":{"operatorTenantName":"acme",)" +
                     R"("operatorNickName":7}})";
  ASSERT_EQ(writer_->Post("/v1/events?tenant=" + CodeArtsTenant(), body).status, 201);
  auto r = Get(AuditPath("repository"));
  ASSERT_EQ(r.status, 200);
  auto list = At(At(Json(r.body), "result"), "auditInfoList");
  ASSERT_EQ(list.items.size(), 1u);
  EXPECT_EQ(codec::ToJson(list.items[0]),
            std::string(R"({"id":"1","module":"repository","operation":"delete",)") +
                R"("time":"2024/03/01 00:30:05","info":")" + kRepo +
                R"(","data":"a/b.tgz","reason":null,"userAgent":"npm/10","operator":"bob",)" +
                R"("operatorTenantName":"acme","ipSource":"::1"})");
}

TEST_F(CodeArtsHttp, TenantBindingAndScope) {
  Import(JsonArray(Records(3)));
  // A token for another project of the same tenant id.
  std::string other_project = std::string(kTenantId) + "." + std::string(32, '9');
  std::string other = MintToken(*server_, {other_project}, {kReadScope});
  std::string no_scope = MintToken(*server_, {CodeArtsTenant()}, {"events.read"});
  std::string all = MintToken(*server_, {"*"}, {kReadScope});
  std::string admin_token = MintToken(*server_, {CodeArtsTenant()}, {"admin"});

  ExpectServiceError(Get(AuditPath(), other), 403);
  EXPECT_EQ(At(Json(Get(AuditPath(), other).body), "error_code").string, "CR.4102");
  ExpectServiceError(Get(AuditPath(), no_scope), 403);
  // The other project's own path works for it (and is empty).
  auto r = Get(AuditPath("file", kRepo, kTenantId, std::string(32, '9')), other);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(At(At(Json(r.body), "result"), "total").string, "0");
  for (const std::string& t : {all, admin_token}) {
    auto ok = Get(AuditPath(), t);
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_EQ(At(At(Json(ok.body), "result"), "total").string, "3");
  }
}

TEST_F(CodeArtsHttp, EveryAnswerCarriesARequestId) {
  std::set<std::string> ids;
  for (const auto& r : {Get(AuditPath()), Get(AuditPath() + "?page_size=0"), reader_->Get(AuditPath()),
                        Get(AuditPath("foo"))}) {
    std::string id = HeaderOf(r, "X-Request-Id");
    EXPECT_TRUE(IsLowerHex(id, 32)) << r.status;
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), 4u);
}

TEST_F(CodeArtsHttp, SameTimeRecordsComeNewestIdFirst) {
  Import(JsonArray(std::vector<Rec>(4)));  // all at the same second
  auto list = At(At(Json(Get(AuditPath()).body), "result"), "auditInfoList");
  ASSERT_EQ(list.items.size(), 4u);
  for (size_t i = 0; i + 1 < list.items.size(); ++i) {
    EXPECT_GT(std::stoull(At(list.items[i], "id").string),
              std::stoull(At(list.items[i + 1], "id").string));
  }
}

}  // namespace
}  // namespace trailkeep::testing
