// Import of Dynatrace-shaped records (POST /v1/events?format=dynatrace and
// `trailkeep ingest --format dynatrace FILE`) read back through the
// audit-log endpoint: identical apart from logId.
#include <fstream>

#include "dialects/dynatrace/dynatrace_fixture.h"

namespace trailkeep::testing::dynatrace {
namespace {

// The spec's real response (003_*.txt), environment ids set to the
// environment it is imported into, plus the schema example's entry with a
// patch, settings fields and a field from a future API version.
const char* kSavedDocument = R"json({
  "totalCount": 5820,
  "nextPageKey": "vu8y3hPZ3q0AAAAAAi_neQJ8qUAAAAFu0T-ECgAAAW71TAgKAAAD6AAQZXZlbnRUeXBlKExPR0lOKQC-7zLeE9nerQ",
  "auditLogs": [
    {"logId": "157607341600050000", "eventType": "LOGIN", "category": "WEB_UI",
     "entityId": "240.204.62.255", "environmentId": "yasmuoujsw",
     "user": "Astromkey support user #877988415", "userType": "USER_NAME",
     "userOrigin": "Forwarded: 240.204.62.255", "timestamp": 1576073415531, "success": true},
    {"logId": "157607338800050000", "eventType": "LOGIN", "category": "WEB_UI",
     "entityId": "55.199.177.119", "environmentId": "yasmuoujsw",
     "user": "Astromkey support user #490812376", "userType": "USER_NAME",
     "userOrigin": "Forwarded: 55.199.177.119", "timestamp": 1576073388150, "success": true},
    {"logId": "197425568800060000", "eventType": "UPDATE", "category": "CONFIG",
     "entityId": "MOBILE_RUM: MOBILE_APPLICATION-752C223D59734CD2", "environmentId": "yasmuoujsw",
     "user": "test.user@company.com", "userType": "USER_NAME", "userOrigin": "webui (192.168.0.2)",
     "timestamp": 1974255688445, "success": false, "message": "changed \"refresh\"",
     "patch": [{"op": "replace", "path": "/refreshTimeIntervalMillis", "value": 30000, "oldValue": 20000}],
     "dt.settings.schema_id": "builtin:rum.mobile", "dt.settings.key": "k-1",
     "futureField": {"nested": [1, 2.50, null]}}
  ]
})json";

class Import : public DynatraceServer {
 protected:
  // The entries of yasmuoujsw over all time, oldest first.
  std::vector<codec::JsonValue> ReadBack() {
    Reply r = As(multi_token_,
                 "/e/yasmuoujsw/api/v2/auditlogs?from=1000000000000&to=2100000000000&sort=timestamp");
    EXPECT_EQ(r.status, 200) << r.body;
    return At(r.json, "auditLogs").items;
  }

  static std::string WithoutLogId(codec::JsonValue v) {
    std::erase_if(v.members, [](const auto& m) { return m.first == "logId"; });
    return ToJson(v);
  }
};

TEST_F(Import, SavedResponseDocumentReadsBackIdentical) {
  auto ids = PostDynatrace("yasmuoujsw", kSavedDocument);
  ASSERT_EQ(ids.size(), 3u);
  auto original = At(Json(kSavedDocument), "auditLogs").items;
  auto back = ReadBack();
  ASSERT_EQ(back.size(), 3u);
  // Oldest first: records 1, 0, 2.
  EXPECT_EQ(WithoutLogId(back[0]), WithoutLogId(original[1]));
  EXPECT_EQ(WithoutLogId(back[1]), WithoutLogId(original[0]));
  EXPECT_EQ(WithoutLogId(back[2]), WithoutLogId(original[2]));
  EXPECT_EQ(At(back[2], "logId").string, std::to_string(ids[2]));

  // Filters see the imported fields.
  Reply s = As(multi_token_, "/e/yasmuoujsw/api/v2/auditlogs?from=1000000000000&to=2100000000000&filter=" +
                                 api::PercentEncode(R"(dt.settings.key("k-1"),user("test.user@company.com"))"));
  EXPECT_EQ(At(s.json, "totalCount").string, "1");

  // Importing the same records again stores nothing new.
  EXPECT_EQ(PostDynatrace("yasmuoujsw", kSavedDocument), ids);
  EXPECT_EQ(ReadBack().size(), 3u);
}

TEST_F(Import, ArrayAndNdjson) {
  auto records = At(Json(kSavedDocument), "auditLogs").items;
  std::string array = "[" + ToJson(records[0]) + "," + ToJson(records[1]) + "]";
  EXPECT_EQ(PostDynatrace("yasmuoujsw", array).size(), 2u);
  std::string ndjson = ToJson(records[2]) + "\n";
  EXPECT_EQ(PostDynatrace("yasmuoujsw", ndjson).size(), 1u);
  auto back = ReadBack();
  ASSERT_EQ(back.size(), 3u);
  EXPECT_EQ(WithoutLogId(back[2]), WithoutLogId(records[2]));
}

TEST_F(Import, EnvironmentIsTheOneImportedInto) {
  PostDynatrace("envA", R"({"logId":"1","eventType":"LOGIN","category":"WEB_UI","environmentId":"elsewhere",)"
                        R"("user":"u","userType":"USER_NAME","timestamp":1576073415531,"success":true})");
  Reply r = Read("/api/v2/auditlogs?from=1576073415531&to=1576073415532");
  ASSERT_EQ(At(r.json, "auditLogs").items.size(), 1u);
  EXPECT_EQ(At(At(r.json, "auditLogs").items[0], "environmentId").string, "envA");
}

TEST_F(Import, BadRecordRejectsTheBatchWithIndexAndField) {
  auto r = writer_->Post("/v1/events?format=dynatrace&tenant=envA",
                         R"([{"eventType":"LOGIN","timestamp":1},{"category":"WEB_UI","timestamp":2}])");
  ASSERT_EQ(r.status, 400) << r.body;
  auto error = At(Json(r.body), "error");
  EXPECT_EQ(At(error, "index").string, "1");
  EXPECT_EQ(At(error, "field").string, "eventType");
  auto ts = writer_->Post("/v1/events?format=dynatrace&tenant=envA",
                          R"([{"eventType":"LOGIN","timestamp":"yesterday"}])");
  EXPECT_EQ(ts.status, 400);
  EXPECT_EQ(At(At(Json(ts.body), "error"), "field").string, "timestamp");
  EXPECT_EQ(At(Json(Read("/api/v2/auditlogs?from=0").body), "totalCount").string, "0");
}

TEST_F(Import, CliIngestFormatDynatrace) {
  TempDir files;
  std::string path = files.path() + "/saved.json";
  std::ofstream(path) << kSavedDocument;
  auto r = RunTrailkeep({"ingest", "--format", "dynatrace", path, "--url", server_->url(),
                         "--token", writer_token_, "--tenant", "yasmuoujsw"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto original = At(Json(kSavedDocument), "auditLogs").items;
  auto back = ReadBack();
  ASSERT_EQ(back.size(), 3u);
  EXPECT_EQ(WithoutLogId(back[2]), WithoutLogId(original[2]));
}

}  // namespace
}  // namespace trailkeep::testing::dynatrace
