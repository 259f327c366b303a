// The issue's bullets beyond API-NOTES 4.9, over HTTP against the real
// binary: credential forms, environments, nextPageKey integrity and
// freezing, entry shape, every kind of event.
#include <algorithm>
#include <set>

#include "dialects/dynatrace/dynatrace_fixture.h"

namespace trailkeep::testing::dynatrace {
namespace {

std::string Ms(int64_t ms) { return std::to_string(ms); }

class Features : public DynatraceServer {
 protected:
  void SetUp() override {
    DynatraceServer::SetUp();
    now_ = NowMs();
    std::string body = "[";
    for (int i = 0; i < 10; ++i) {
      body += std::string(i ? "," : "") + R"({"kind":"user.action","action":"LOGIN","category":"WEB_UI","time":)" +
              Ms(now_ - (i + 1) * kHour) + R"(,"actor":{"id":"u)" + std::to_string(i) + R"("}})";
    }
    ids_ = PostNative("envA", body + "]");
  }
  int64_t now_ = 0;
  std::vector<uint64_t> ids_;
};

TEST_F(Features, CredentialForms) {
  EXPECT_EQ(As(reader_token_, "/api/v2/auditlogs", "Bearer").status, 200);
  EXPECT_EQ(As(reader_token_, "/api/v2/auditlogs", "api-token").status, 200);
  EXPECT_EQ(As("", "/api/v2/auditlogs?Api-Token=" + reader_token_).status, 200);
  EXPECT_EQ(As(platform_token_, "/api/v2/auditlogs").status, 200);
  EXPECT_EQ(As(admin_token_, "/e/envA/api/v2/auditlogs").status, 200);
  EXPECT_EQ(As(reader_token_, "/api/v2/auditlogs", "Basic").status, 401);  // not base64 user:pass
}

TEST_F(Features, EnvironmentSelection) {
  // A token for several environments needs the /e/{environmentId} path;
  // `tenant` is not a Dynatrace parameter and is ignored.
  for (const std::string& target : {std::string("/api/v2/auditlogs"),
                                    std::string("/api/v2/auditlogs?tenant=envA")}) {
    Reply r = As(multi_token_, target);
    ASSERT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(ViolationPaths(r.json), (std::vector<std::string>{"environmentId"}));
    EXPECT_EQ(At(At(At(r.json, "error"), "constraintViolations").items[0], "parameterLocation").string,
              "PATH");
  }
  EXPECT_EQ(As(admin_token_, "/api/v2/auditlogs").status, 400);
  EXPECT_EQ(As(multi_token_, "/e/envA/api/v2/auditlogs").status, 200);
  Reply other = Read("/e/envB/api/v2/auditlogs");
  EXPECT_EQ(other.status, 403);
  EXPECT_EQ(At(At(other.json, "error"), "code").string, "403");
  EXPECT_EQ(Read("/e/envB/api/v2/auditlogs/" + Ms(ids_[0])).status, 403);
  EXPECT_EQ(Read("/e/bad%20env/api/v2/auditlogs").status, 404);
}

TEST_F(Features, PageKeyIsTamperEvidentAndBoundToItsEnvironment) {
  Reply p1 = As(multi_token_, "/e/envA/api/v2/auditlogs?pageSize=3");
  ASSERT_EQ(p1.status, 200) << p1.body;
  std::string key = At(p1.json, "nextPageKey").string;
  ASSERT_FALSE(key.empty());
  // The same key continues with the tenant it carries when the path has none.
  Reply p2 = As(multi_token_, "/api/v2/auditlogs?nextPageKey=" + key);
  ASSERT_EQ(p2.status, 200) << p2.body;
  EXPECT_EQ(LogIds(p2.json).size(), 3u);

  auto expect_bad_key = [&](const std::string& token, const std::string& target) {
    Reply r = As(token, target);
    EXPECT_EQ(r.status, 400) << target << " " << r.body;
    EXPECT_EQ(ViolationPaths(r.json), (std::vector<std::string>{"nextPageKey"})) << target;
  };
  // Another environment.
  expect_bad_key(multi_token_, "/e/envB/api/v2/auditlogs?nextPageKey=" + key);
  // Every single-character change in the key.
  for (size_t i = 0; i < key.size(); i += 7) {
    std::string tampered = key;
    tampered[i] = tampered[i] == 'A' ? 'B' : 'A';
    expect_bad_key(reader_token_, "/api/v2/auditlogs?nextPageKey=" + tampered);
  }
  expect_bad_key(reader_token_, "/api/v2/auditlogs?nextPageKey=" + key.substr(0, key.size() - 2));
  expect_bad_key(reader_token_, "/api/v2/auditlogs?nextPageKey=");
  expect_bad_key(reader_token_, "/api/v2/auditlogs?nextPageKey=not*base64");
  // The secret is stored with the data, so keys survive a restart.
  server_.reset();
  server_ = std::make_unique<ServerProcess>(dir_.path());
  reader_ = std::make_unique<Client>(server_->url(), "");
  EXPECT_EQ(Read("/api/v2/auditlogs?nextPageKey=" + key).status, 200);
}

TEST_F(Features, PagesAreFrozenWhileNewEventsArrive) {
  Reply p = Read("/api/v2/auditlogs?pageSize=3&from=now-1d");
  ASSERT_EQ(p.status, 200);
  std::vector<std::string> seen = LogIds(p.json);
  // New events inside the frozen window (backdated) and at "now".
  PostNative("envA", R"([{"kind":"k","action":"LOGIN","time":)" + Ms(now_ - 90 * 60 * 1000) +
                         R"(},{"kind":"k","action":"LOGIN","time":)" + Ms(now_ - 30 * 60 * 1000) +
                         R"(},{"kind":"k","action":"LOGIN","time":)" + Ms(now_ - 1000) + "}]");
  while (At(p.json, "nextPageKey").type == codec::JsonValue::Type::kString) {
    EXPECT_EQ(At(p.json, "totalCount").string, "10");
    p = Read("/api/v2/auditlogs?nextPageKey=" + At(p.json, "nextPageKey").string);
    ASSERT_EQ(p.status, 200) << p.body;
    for (auto& id : LogIds(p.json)) seen.push_back(id);
  }
  EXPECT_EQ(At(p.json, "totalCount").string, "10");
  std::vector<std::string> expected;
  for (auto id : ids_) expected.push_back(Ms(id));  // newest first = input order here
  EXPECT_EQ(seen, expected);
  // A new first page sees them.
  EXPECT_EQ(At(Read("/api/v2/auditlogs?from=now-1d").json, "totalCount").string, "13");
}

TEST_F(Features, EntryShape) {
  PostNative("envA", R"({"kind":"config.change","action":"UPDATE","category":"CONFIG","time":)" +
                         Ms(now_ - 60000) +
                         R"(,"actor":{"email":"x@example.com","type":"USER_NAME","ip":"10.0.0.1"},)"
                         R"("message":"changed","attributes":{"patch":[{"op":"replace","path":"/a","value":2,"oldValue":1}],"other":true}})");
  Reply r = Read("/api/v2/auditlogs?pageSize=2");
  ASSERT_EQ(r.status, 200);
  const auto& entries = At(r.json, "auditLogs").items;
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(ToJson(entries[0]),
            R"({"logId":")" + Ms(ids_.back() + 1) +
                R"(","eventType":"UPDATE","category":"CONFIG","environmentId":"envA","user":"x@example.com",)"
                R"("userType":"USER_NAME","userOrigin":"10.0.0.1","timestamp":)" + Ms(now_ - 60000) +
                R"(,"success":true,"message":"changed","patch":[{"op":"replace","path":"/a","value":2,"oldValue":1}]})");
  // No null fields: no message, entityId, userOrigin or patch keys at all.
  EXPECT_EQ(ToJson(entries[1]), R"({"logId":")" + Ms(ids_[0]) +
                                    R"(","eventType":"LOGIN","category":"WEB_UI","environmentId":"envA",)"
                                    R"("user":"u0","userType":"USER_NAME","timestamp":)" +
                                    Ms(now_ - kHour) + R"(,"success":true})");
  for (const auto& e : entries) {
    const std::string& id = At(e, "logId").string;
    EXPECT_LE(id.size(), 19u);
    EXPECT_EQ(id.find_first_not_of("0123456789"), std::string::npos);
  }
}

TEST_F(Features, EveryKindOfEventShows) {
  PostNative("envA", R"([{"kind":"curation.package","action":"blocked","time":)" + Ms(now_ - 1000) +
                         R"(},{"kind":"pipeline.activity","action":"run.failed","success":false,"time":)" +
                         Ms(now_ - 2000) + "}]");
  Reply r = Read("/api/v2/auditlogs?pageSize=2");
  ASSERT_EQ(At(r.json, "auditLogs").items.size(), 2u);
  EXPECT_EQ(At(At(r.json, "auditLogs").items[0], "eventType").string, "blocked");
  EXPECT_EQ(At(At(r.json, "auditLogs").items[1], "success").type, codec::JsonValue::Type::kBool);
  EXPECT_FALSE(At(At(r.json, "auditLogs").items[1], "success").boolean);
  EXPECT_EQ(At(r.json, "totalCount").string, "12");
}

}  // namespace
}  // namespace trailkeep::testing::dynatrace
