// API-NOTES section 4.9 (Dynatrace conformance cases), one test per case,
// against the real binary over HTTP. Case numbers are in the test names.
#include <algorithm>

#include "dialects/dynatrace/dynatrace_fixture.h"

namespace trailkeep::testing::dynatrace {
namespace {

std::string Ms(int64_t ms) { return std::to_string(ms); }

class Conformance : public DynatraceServer {
 protected:
  void SetUp() override {
    DynatraceServer::SetUp();
    now_ = NowMs();
    auto e = [](const std::string& action, const std::string& category, int64_t t,
                const std::string& extra) {
      return R"({"kind":"user.action","action":")" + action + R"(","category":")" + category +
             R"(","time":)" + Ms(t) + extra + "}";
    };
    ids_ = PostNative(
        "envA",
        "[" + e("LOGIN", "WEB_UI", now_ - 1 * kHour,
                R"(,"actor":{"id":"alice@example.com","origin":"Forwarded: 240.204.62.255"},"entity":{"id":"240.204.62.255"})") +
            "," + e("LOGOUT", "WEB_UI", now_ - 2 * kHour, R"(,"actor":{"id":"bob"})") + "," +
            e("LOGIN", "CONFIG", now_ - 3 * kHour, R"(,"actor":{"id":"carol"})") + "," +
            e("UPDATE", "CONFIG", now_ - 26 * kHour,
              R"(,"actor":{"id":"a\"b"},"entity":{"id":"MOBILE_RUM: MOBILE_APPLICATION-752C223D59734CD2"})") +
            "," + e("CREATE", "CONFIG", now_ - 3 * kDay,
                    R"(,"actor":{"id":"carol"},"entity":{"id":"MOBILE_APPLICATION-1234"},"message":"created")") +
            "," +
            R"({"kind":"curation.package","action":"blocked","category":"npm","time":)" +
            Ms(now_ - 5 * kDay) + R"(,"actor":{"name":"dave"},"entity":{"id":"left-pad@1.3"}})" + "," +
            e("LOGIN", "WEB_UI", now_ - 15 * kDay, R"(,"actor":{"id":"old"})") + "," +
            e("LOGIN", "WEB_UI", now_ + 2 * kHour, R"(,"actor":{"id":"future"})") + "," +
            e("LOGIN", "WEB_UI", 1576073388149, "") + "," + e("LOGIN", "WEB_UI", 1576073388150, "") +
            "," + e("LOGIN", "WEB_UI", 1576073415531, "") + "," +
            e("LOGIN", "WEB_UI", 1576073415532, "") + "]");
    ASSERT_EQ(ids_.size(), 12u);
    PostNative("envB", e("LOGIN", "WEB_UI", now_ - kHour, R"(,"actor":{"id":"eve"})"));
  }
  int64_t now_ = 0;
  std::vector<uint64_t> ids_;
};

// 4.9.1: default list, newest first, last two weeks only.
TEST_F(Conformance, Case1DefaultListIsNewestFirstWithinTwoWeeks) {
  Reply r = Read("/api/v2/auditlogs");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
  const auto& total = At(r.json, "totalCount");
  ASSERT_EQ(total.type, codec::JsonValue::Type::kNumber);
  EXPECT_EQ(total.string, "6");  // the six events of the last 14 days, not the future one
  auto ts = Timestamps(r.json);
  EXPECT_EQ(ts.size(), 6u);
  EXPECT_LE(ts.size(), 1000u);
  EXPECT_TRUE(std::is_sorted(ts.rbegin(), ts.rend())) << r.body;
  for (int64_t t : ts) {
    EXPECT_GE(t, now_ - 14 * kDay);
    EXPECT_LT(t, NowMs() + 1);
  }
  EXPECT_EQ(At(r.json, "pageSize").string, "1000");
  EXPECT_EQ(At(r.json, "nextPageKey").type, codec::JsonValue::Type::kNull);
}

// 4.9.2: the /e/{environmentId} prefix (and the platform prefix) answer the same.
TEST_F(Conformance, Case2EnvironmentPrefixGivesTheSameResult) {
  Reply plain = Read("/api/v2/auditlogs");
  Reply env = Read("/e/envA/api/v2/auditlogs");
  Reply platform = Read("/platform/classic/environment-api/v2/auditlogs");
  ASSERT_EQ(env.status, 200) << env.body;
  ASSERT_EQ(platform.status, 200) << platform.body;
  EXPECT_EQ(ToJson(At(env.json, "auditLogs")), ToJson(At(plain.json, "auditLogs")));
  EXPECT_EQ(ToJson(At(platform.json, "auditLogs")), ToJson(At(plain.json, "auditLogs")));
  EXPECT_EQ(At(env.json, "totalCount").string, At(plain.json, "totalCount").string);
  // The other environment's path shows only its own event (multi-env token).
  Reply b = As(multi_token_, "/e/envB/api/v2/auditlogs");
  ASSERT_EQ(b.status, 200) << b.body;
  ASSERT_EQ(At(b.json, "auditLogs").items.size(), 1u);
  EXPECT_EQ(At(At(b.json, "auditLogs").items[0], "user").string, "eve");
  EXPECT_EQ(At(At(b.json, "auditLogs").items[0], "environmentId").string, "envB");
}

// 4.9.3: pageSize=2, oldest first, over 5 entries: 2 + 2 + 1, totalCount 5 throughout.
TEST_F(Conformance, Case3PagingWithNextPageKey) {
  std::string five;
  for (int i = 0; i < 5; ++i) {
    five += std::string(i ? "," : "") + R"({"kind":"k","action":"LOGIN","time":)" +
            Ms(now_ - (10 - i) * kHour) + "}";
  }
  auto ids = PostNative("envP", "[" + five + "]");
  Reply p1 = As(multi_token_, "/e/envP/api/v2/auditlogs?pageSize=2&sort=timestamp");
  ASSERT_EQ(p1.status, 200) << p1.body;
  EXPECT_EQ(LogIds(p1.json), (std::vector<std::string>{Ms(ids[0]), Ms(ids[1])}));
  EXPECT_EQ(At(p1.json, "totalCount").string, "5");
  ASSERT_EQ(At(p1.json, "nextPageKey").type, codec::JsonValue::Type::kString);
  std::string k1 = At(p1.json, "nextPageKey").string;

  Reply p2 = As(multi_token_, "/e/envP/api/v2/auditlogs?nextPageKey=" + k1);
  ASSERT_EQ(p2.status, 200) << p2.body;
  EXPECT_EQ(LogIds(p2.json), (std::vector<std::string>{Ms(ids[2]), Ms(ids[3])}));
  EXPECT_EQ(At(p2.json, "totalCount").string, "5");
  ASSERT_EQ(At(p2.json, "nextPageKey").type, codec::JsonValue::Type::kString);

  Reply p3 = As(multi_token_, "/e/envP/api/v2/auditlogs?nextPageKey=" +
                                  At(p2.json, "nextPageKey").string);
  ASSERT_EQ(p3.status, 200) << p3.body;
  EXPECT_EQ(LogIds(p3.json), (std::vector<std::string>{Ms(ids[4])}));
  EXPECT_EQ(At(p3.json, "totalCount").string, "5");
  EXPECT_EQ(At(p3.json, "nextPageKey").type, codec::JsonValue::Type::kNull);
  EXPECT_EQ(At(p3.json, "pageSize").string, "2");
}

// 4.9.4: nextPageKey with another parameter → 400, one violation per extra parameter.
TEST_F(Conformance, Case4NextPageKeyMustComeAlone) {
  Reply p1 = Read("/api/v2/auditlogs?pageSize=2");
  ASSERT_EQ(p1.status, 200);
  std::string key = At(p1.json, "nextPageKey").string;
  ASSERT_FALSE(key.empty());
  Reply bad = Read("/api/v2/auditlogs?nextPageKey=" + key + "&pageSize=2");
  ASSERT_EQ(bad.status, 400) << bad.body;
  const auto& error = At(bad.json, "error");
  EXPECT_EQ(At(error, "code").string, "400");
  EXPECT_EQ(At(error, "message").string, "Constraints violated.");
  ASSERT_EQ(At(error, "constraintViolations").items.size(), 1u);
  const auto& v = At(error, "constraintViolations").items[0];
  EXPECT_EQ(At(v, "path").string, "pageSize");
  EXPECT_EQ(At(v, "parameterLocation").string, "QUERY");
  EXPECT_EQ(At(v, "message").string,
            "must not be used in combination with nextPageKey query parameter.");
  EXPECT_EQ(At(v, "location").type, codec::JsonValue::Type::kNull);

  Reply two = Read("/api/v2/auditlogs?sort=timestamp&nextPageKey=" + key + "&filter=x(1)&sort=y");
  ASSERT_EQ(two.status, 400);
  EXPECT_EQ(ViolationPaths(two.json), (std::vector<std::string>{"sort", "filter"}));
}

// 4.9.5: pageSize limits.
TEST_F(Conformance, Case5PageSizeLimits) {
  Reply over = Read("/api/v2/auditlogs?pageSize=5001");
  ASSERT_EQ(over.status, 400) << over.body;
  EXPECT_EQ(ViolationPaths(over.json), (std::vector<std::string>{"pageSize"}));
  EXPECT_EQ(At(At(At(over.json, "error"), "constraintViolations").items[0], "message").string,
            "must be less than or equal to 5000");
  EXPECT_EQ(Read("/api/v2/auditlogs?pageSize=5000").status, 200);
  EXPECT_EQ(Read("/api/v2/auditlogs?pageSize=1").status, 200);
  Reply zero = Read("/api/v2/auditlogs?pageSize=0");
  EXPECT_EQ(zero.status, 400);
  EXPECT_EQ(At(At(At(zero.json, "error"), "constraintViolations").items[0], "message").string,
            "must be greater than or equal to 1");
  EXPECT_EQ(Read("/api/v2/auditlogs?pageSize=ten").status, 400);
  EXPECT_EQ(Read("/api/v2/auditlogs?pageSize=99999999999999999999").status, 400);
}

// 4.9.6: filters.
TEST_F(Conformance, Case6Filters) {
  Reply r = Read("/api/v2/auditlogs?filter=" +
                 api::PercentEncode(R"(eventType("LOGIN","LOGOUT"),category("WEB_UI"))"));
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(At(r.json, "auditLogs").items.size(), 2u);  // alice's LOGIN, bob's LOGOUT
  for (const auto& e : At(r.json, "auditLogs").items) {
    EXPECT_TRUE(At(e, "eventType").string == "LOGIN" || At(e, "eventType").string == "LOGOUT");
    EXPECT_EQ(At(e, "category").string, "WEB_UI");
  }
  EXPECT_EQ(At(r.json, "totalCount").string, "2");

  Reply unquoted = Read("/api/v2/auditlogs?filter=eventType%28LOGIN%29");
  ASSERT_EQ(unquoted.status, 200) << unquoted.body;
  ASSERT_EQ(At(unquoted.json, "auditLogs").items.size(), 2u);  // WEB_UI and CONFIG logins
  for (const auto& e : At(unquoted.json, "auditLogs").items) EXPECT_EQ(At(e, "eventType").string, "LOGIN");

  Reply contains = Read("/api/v2/auditlogs?filter=" + api::PercentEncode(R"(entityId("MOBILE_APPLICATION"))"));
  ASSERT_EQ(contains.status, 200) << contains.body;
  std::vector<std::string> entities;
  for (const auto& e : At(contains.json, "auditLogs").items) entities.push_back(At(e, "entityId").string);
  EXPECT_EQ(entities, (std::vector<std::string>{"MOBILE_RUM: MOBILE_APPLICATION-752C223D59734CD2",
                                                "MOBILE_APPLICATION-1234"}));
  EXPECT_EQ(At(contains.json, "totalCount").string, "2");

  Reply quote = Read("/api/v2/auditlogs?filter=" + api::PercentEncode(R"(user("a~"b"))"));
  ASSERT_EQ(quote.status, 200) << quote.body;
  ASSERT_EQ(At(quote.json, "auditLogs").items.size(), 1u);
  EXPECT_EQ(At(At(quote.json, "auditLogs").items[0], "user").string, "a\"b");

  // AND across criteria, user falling back to actor.name, unknown criterion.
  Reply both = Read("/api/v2/auditlogs?filter=" + api::PercentEncode(R"(user("carol"),category("CONFIG"),eventType("CREATE"))"));
  EXPECT_EQ(At(both.json, "totalCount").string, "1");
  Reply dave = Read("/api/v2/auditlogs?filter=user(dave)");
  EXPECT_EQ(At(dave.json, "totalCount").string, "1");
  Reply unknown = Read("/api/v2/auditlogs?filter=kind(x)");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(ViolationPaths(unknown.json), (std::vector<std::string>{"filter"}));
  EXPECT_EQ(Read("/api/v2/auditlogs?filter=" + api::PercentEncode(R"(user("a~b"))")).status, 400);
}

// 4.9.7: time formats.
TEST_F(Conformance, Case7TimeFormats) {
  Reply day = Read("/api/v2/auditlogs?from=now-1d/d&to=now");
  ASSERT_EQ(day.status, 200) << day.body;
  const int64_t yesterday = (now_ / kDay - 1) * kDay;
  size_t expected = 0;
  for (int64_t t : {now_ - kHour, now_ - 2 * kHour, now_ - 3 * kHour, now_ - 26 * kHour}) {
    if (t >= yesterday) ++expected;
  }
  auto ts = Timestamps(day.json);
  EXPECT_EQ(ts.size(), expected);
  for (int64_t t : ts) EXPECT_GE(t, yesterday);

  Reply epoch = Read("/api/v2/auditlogs?from=1576073388150&to=1576073415532");
  ASSERT_EQ(epoch.status, 200) << epoch.body;
  EXPECT_EQ(Timestamps(epoch.json), (std::vector<int64_t>{1576073415531, 1576073388150}));

  Reply space = Read("/api/v2/auditlogs?from=2019-12-11%2014:09:48&to=2019-12-11T14:09:48.151Z");
  ASSERT_EQ(space.status, 200) << space.body;
  EXPECT_EQ(Timestamps(space.json), (std::vector<int64_t>{1576073388150, 1576073388149}));

  // A zone offset, sent as %2B and as a raw '+' that query decoding made a space.
  Reply offset = Read("/api/v2/auditlogs?from=2019-12-11T15:09:48.150%2B01:00&to=2019-12-11T15:09:48.151+01:00");
  ASSERT_EQ(offset.status, 200) << offset.body;
  EXPECT_EQ(Timestamps(offset.json), (std::vector<int64_t>{1576073388150}));

  Reply week = Read("/api/v2/auditlogs?from=now-1w&sort=timestamp");
  EXPECT_EQ(At(week.json, "totalCount").string, "6");
  Reply month = Read("/api/v2/auditlogs?from=now-1M");  // includes the 15-day-old one
  EXPECT_EQ(At(month.json, "totalCount").string, "7");
}

// 4.9.8: bad parameters.
TEST_F(Conformance, Case8BadParameters) {
  Reply from = Read("/api/v2/auditlogs?from=yesterday");
  ASSERT_EQ(from.status, 400) << from.body;
  EXPECT_EQ(At(At(from.json, "error"), "message").string, "Constraints violated.");
  EXPECT_EQ(ViolationPaths(from.json), (std::vector<std::string>{"from"}));
  Reply sort = Read("/api/v2/auditlogs?sort=user");
  ASSERT_EQ(sort.status, 400);
  EXPECT_EQ(ViolationPaths(sort.json), (std::vector<std::string>{"sort"}));
  // Every bad parameter is reported at once.
  Reply many = Read("/api/v2/auditlogs?pageSize=0&from=now-1x&to=2019-13-01T00:00&sort=x&filter=a(");
  EXPECT_EQ(ViolationPaths(many.json),
            (std::vector<std::string>{"pageSize", "from", "to", "sort", "filter"}));
  Reply order = Read("/api/v2/auditlogs?from=now-1h&to=now-2h");
  EXPECT_EQ(ViolationPaths(order.json), (std::vector<std::string>{"from"}));
  EXPECT_EQ(Read("/api/v2/auditlogs?from=2019-12-11").status, 400);  // a bare date
}

// 4.9.9: authentication and scope.
TEST_F(Conformance, Case9AuthErrors) {
  Reply none = As("", "/api/v2/auditlogs");
  ASSERT_EQ(none.status, 401);
  EXPECT_EQ(none.body, R"({"error":{"code":401,"message":"Missing authorization parameter."}})");
  Reply bad = As("tk_not_a_token", "/api/v2/auditlogs");
  ASSERT_EQ(bad.status, 401);
  EXPECT_EQ(bad.body, R"({"error":{"code":401,"message":"Token Authentication failed"}})");
  Reply scope = As(noscope_token_, "/api/v2/auditlogs");
  ASSERT_EQ(scope.status, 403);
  EXPECT_EQ(At(At(scope.json, "error"), "code").string, "403");
  EXPECT_NE(At(At(scope.json, "error"), "message").string.find("auditLogs.read"), std::string::npos);
  EXPECT_EQ(As(noscope_token_, "/api/v2/auditlogs/1").status, 403);
  // 401 before 400.
  EXPECT_EQ(As("", "/api/v2/auditlogs?pageSize=0").status, 401);
}

// 4.9.10: GET by id.
TEST_F(Conformance, Case10GetById) {
  const std::string id = Ms(ids_[0]);
  Reply one = Read("/api/v2/auditlogs/" + id);
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(At(one.json, "logId").string, id);
  EXPECT_EQ(At(one.json, "eventType").string, "LOGIN");
  EXPECT_EQ(At(one.json, "userOrigin").string, "Forwarded: 240.204.62.255");
  // The same entry as in the list.
  Reply list = Read("/api/v2/auditlogs?pageSize=1");
  ASSERT_EQ(At(list.json, "auditLogs").items.size(), 1u) << list.body;
  EXPECT_EQ(ToJson(At(list.json, "auditLogs").items[0]), ToJson(one.json));
  EXPECT_EQ(Read("/e/envA/api/v2/auditlogs/" + id).status, 200);

  Reply abc = Read("/api/v2/auditlogs/abc");
  ASSERT_EQ(abc.status, 400);
  EXPECT_EQ(ViolationPaths(abc.json), (std::vector<std::string>{"id"}));
  EXPECT_EQ(At(At(At(abc.json, "error"), "constraintViolations").items[0], "parameterLocation").string, "PATH");
  EXPECT_EQ(Read("/api/v2/auditlogs/12345678901234567890").status, 400);
  Reply missing = Read("/api/v2/auditlogs/157607341600050000");
  ASSERT_EQ(missing.status, 404);
  EXPECT_EQ(missing.body,
            R"({"error":{"code":404,"message":"Audit log entry with ID 157607341600050000 not found"}})");
  // envB's event is not visible from envA.
  Reply b = As(multi_token_, "/e/envB/api/v2/auditlogs");
  ASSERT_EQ(At(b.json, "auditLogs").items.size(), 1u) << b.body;
  std::string b_id = At(At(b.json, "auditLogs").items[0], "logId").string;
  EXPECT_EQ(Read("/api/v2/auditlogs/" + b_id).status, 404);
  EXPECT_EQ(As(multi_token_, "/e/envA/api/v2/auditlogs/" + b_id).status, 404);
  EXPECT_EQ(As(multi_token_, "/e/envB/api/v2/auditlogs/" + b_id).status, 200);
}

}  // namespace
}  // namespace trailkeep::testing::dynatrace
