// Importing CodeArts-shaped records (POST /v1/events?format=codearts and
// `trailkeep ingest --format codearts`) and reading them back through the
// CodeArts endpoint: the same objects apart from ids.
#include <fstream>

#include "dialects/codearts/codearts_fixture.h"

namespace trailkeep::testing {
namespace {

// `v` (an object) without its "id" member, as compact JSON.
std::string WithoutId(codec::JsonValue v) {
  std::erase_if(v.members, [](const auto& m) { return m.first == "id"; });
  return codec::ToJson(v);
}

// Vendor records covering every AuditDO field, oldest first.
std::vector<std::string> VendorRecords() {
  return {
      std::string(R"({"id":"2271180","module":"file","operation":"upload","time":"2023/10/27 15:46:17",)") +
          R"("info":")" + kRepo + R"(","data":"1/1/1/1-1-1.jar","reason":null,)" +
          R"j("userAgent":"Apache-HttpClient/4.5.13 (Java/1.8.0_232)",)j" +
          R"("operator":"devcloud_devcloud_y00226182_01","ipSource":"10.172.180.79"})",
      std::string(R"({"id":"2271181","module":"file","operation":"delete","time":"2023/10/27 15:46:18",)") +
          R"("info":")" + kRepo + R"(","data":"dir/\u00e9t\u00e9 \"q\".pom","reason":"cleanup policy",)" +
          R"("userAgent":"curl/8.0","operator":"ops","operatorNickName":"Ops Bot",)" +
          R"("operatorTenantName":"acme-prod","ipSource":"2001:db8::1"})",
      std::string(R"({"id":"2271182","module":"file","operation":"download","time":"2023/12/31 23:59:59",)") +
          R"("info":")" + kRepo + R"(","data":"x","reason":null,"operator":"anon"})",
  };
}

TEST_F(CodeArtsHttp, ImportedRecordsReadBackIdenticalApartFromIds) {
  auto recs = VendorRecords();
  Import("[" + recs[0] + "," + recs[1] + "," + recs[2] + "]");
  auto r = Get(AuditPath());
  ASSERT_EQ(r.status, 200) << r.body;
  auto list = At(At(Json(r.body), "result"), "auditInfoList");
  ASSERT_EQ(list.items.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(WithoutId(list.items[i]), WithoutId(Json(recs[2 - i])));
    EXPECT_NE(At(list.items[i], "id").string, At(Json(recs[2 - i]), "id").string);
  }
}

TEST_F(CodeArtsHttp, ImportsNdjsonAndSavedResponseDocuments) {
  auto recs = VendorRecords();
  Import(recs[0] + "\n" + recs[1] + "\n");
  Import(R"({"status":"success","trace_id":"143002-1701222589443-431","result":{"auditInfoList":[)" +
         recs[2] + R"(],"total":1}})");
  // A whole saved answer of this server imports into another project too.
  std::string saved = Get(AuditPath() + "?page_size=100").body;
  std::string other = std::string(kTenantId) + "." + std::string(32, '7');
  std::string token = MintToken(*server_, {other}, {kReadScope, "events.write"});
  Client writer(server_->url(), token);
  Client reader(server_->url(), "");
  ASSERT_EQ(writer.Post("/v1/events?format=codearts", saved).status, 201);
  auto copy = reader.Get(AuditPath("file", kRepo, kTenantId, std::string(32, '7')) + "?page_size=100",
                         {{"X-Auth-Token", token}});
  ASSERT_EQ(copy.status, 200) << copy.body;
  auto a = At(At(Json(saved), "result"), "auditInfoList");
  auto b = At(At(Json(copy.body), "result"), "auditInfoList");
  ASSERT_EQ(a.items.size(), 3u);
  ASSERT_EQ(b.items.size(), 3u);
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(WithoutId(a.items[i]), WithoutId(b.items[i]));
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(WithoutId(b.items[i]), WithoutId(Json(VendorRecords()[2 - i])));
}

TEST_F(CodeArtsHttp, BadRecordRejectsTheWholeBatch) {
  auto recs = VendorRecords();
  std::string bad = R"({"module":"file","operation":"upload","time":"27/10/2023","info":"r"})";
  auto r = writer_->Post("/v1/events?format=codearts&tenant=" + CodeArtsTenant(),
                         "[" + recs[0] + "," + bad + "]");
  EXPECT_EQ(r.status, 400) << r.body;
  auto error = At(Json(r.body), "error");
  EXPECT_EQ(At(error, "index").string, "1") << r.body;
  EXPECT_EQ(At(error, "field").string, "time") << r.body;
  EXPECT_EQ(At(At(Json(Get(AuditPath()).body), "result"), "total").string, "0");
}

TEST_F(CodeArtsHttp, CliIngestWithCodeArtsFormat) {
  auto recs = VendorRecords();
  std::string file = dir_.path() + "/audit.json";
  std::ofstream(file) << "[" << recs[0] << "," << recs[1] << "]";
  CommandResult r = RunTrailkeep({"ingest", "--format", "codearts", "--url", server_->url(),
                                  "--token", token_, "--tenant", CodeArtsTenant(), file});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto list = At(At(Json(Get(AuditPath()).body), "result"), "auditInfoList");
  ASSERT_EQ(list.items.size(), 2u);
  EXPECT_EQ(WithoutId(list.items[0]), WithoutId(Json(recs[1])));
  EXPECT_EQ(WithoutId(list.items[1]), WithoutId(Json(recs[0])));
}

}  // namespace
}  // namespace trailkeep::testing
