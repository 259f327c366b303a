// The four Opsera endpoints over HTTP against the real binary: API-NOTES
// §2.9 cases 1–11 (marked "Case N") and the issue's parameter, validation and
// rendering bullets.
#include <algorithm>

#include "dialects/opsera/opsera_fixture.h"

namespace trailkeep::testing::opsera {
namespace {

const char* kV2Tag = "v2win";

class OpseraEndpoints : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new OpseraServer({
        {"writer", {"events.write"}},
        {"other_writer", {"events.write"}},
        {"api_site_admin", {"api", "opsera.role.site_admin"}},
        {"other_api_site_admin", {"api", "opsera.role.site_admin"}},
        {"api_power_user", {"api", "opsera.role.power_user"}},
        {"seclogs_site_admin", {"security_logs", "opsera.role.site_admin"}},
        {"seclogs_power_user", {"security_logs", "opsera.role.power_user"}},
        {"apiread_site_admin", {"api_read", "opsera.role.site_admin"}},
        {"apiread_auditor", {"api_read", "opsera.role.auditor"}},
        {"api_administrator", {"api", "opsera.role.administrator"}},
        {"api_auditor", {"api", "opsera.role.auditor"}},
        {"seclogs_security_manager", {"security_logs", "opsera.role.security_manager"}},
        {"events_read_site_admin", {"events.read", "opsera.role.site_admin"}},
        {"api_no_role", {"api"}},
        {"role_no_scope", {"opsera.role.site_admin", "opsera.role.auditor"}},
        {"admin", {"admin"}},
    });
    now_ = WallNowMs();
    std::vector<std::string> actions = {
        ActionRecord(now_ - 1 * kHourMs, "pipeline", "update"),  // A1
        ActionRecord(now_ - 2 * kDayMs, "registry", "create"),   // A2
        ActionRecord(now_ - 4 * kDayMs, "pipeline", "delete"),   // A3
        ActionRecord(now_ - 6 * kDayMs, "login", "login"),       // A4
        ActionRecord(now_ - 8 * kDayMs, "pipeline", "update"),   // A5: older than 7 days
        R"({"_id":"61042540e1d666c9ded178c4","user_id":"5e1cbf251c26d68f7ce6361e","user_email":"support@opsera.io","type":"pipeline","action":"update","target_id":"5fbe589a0fae8b021e137534","account":"org-opsera-dnd-acc0","createdAt":"2021-07-30T16:13:52.109Z","updatedAt":"2021-07-30T16:13:52.109Z","__v":0})",
        ActionRecord(*ParseIsoMs("2021-07-30T23:59:59.999Z"), "registry", "create"),
        ActionRecord(*ParseIsoMs("2021-07-31T00:00:00.000Z"), "pipeline", "create"),
        ActionRecord(*ParseIsoMs("2021-07-29T23:59:59.999Z"), "pipeline", "create"),
    };
    // The v2 window records: alternate users, emails, targets, actions.
    const char* times[] = {"2023-11-01T08:59:59.999Z", "2023-11-01T09:00:00.000Z",
                           "2023-11-03T12:00:00.000Z", "2023-11-05T17:00:00.000Z",
                           "2023-11-05T17:00:00.001Z", "2023-11-05T17:00:01.000Z"};
    for (int i = 0; i < 6; ++i) {
      bool odd = i % 2;
      actions.push_back(ActionRecord(*ParseIsoMs(times[i]), kV2Tag, odd ? "update" : "create",
                                     odd ? "aaaaaaaaaaaaaaaaaaaaaaaa" : "bbbbbbbbbbbbbbbbbbbbbbbb",
                                     odd ? "odd@opsera.io" : "even@opsera.io",
                                     odd ? "111111111111111111111111" : "222222222222222222222222"));
    }
    server_->Import("writer", JsonArray(actions));
    server_->Import("writer", JsonArray({
        TokenRecord(now_ - 1 * kHourMs, "api"),
        TokenRecord(now_ - 2 * kDayMs, "security_logs"),
        TokenRecord(now_ - 3 * kDayMs, "api"),
        TokenRecord(now_ - 10 * kDayMs, "api"),
        R"({"_id":"61057f3a1429a35336563240","token_id":"61043b2bbcb6d95b55adc5fd","scope":"api","target":"/v1/logs/user/tokens","user_id":"5e1cbf251c26d68f7ce6361e","account":"org-opsera-dnd-acc0","createdAt":"2021-07-31T16:50:02.242Z","updatedAt":"2021-07-31T16:50:02.242Z","__v":0})",
    }));
    server_->Import("writer", JsonArray({
        PipelineRecord(now_ - 1 * kHourMs, "consumer.response"),
        PipelineRecord(now_ - 30 * kDayMs, "jenkins"),
        R"({"_id":"627a9c44621d7e001d743568","user_id":"60157c8c70628140f776e359","pipeline_id":"611e7dca57f4eff66e9db084","tool_identifier":"consumer.response","step_id":"611508513ce36642d3180dc8","step_index":2,"step_name":"anchore","step_configuration":{"tool":"event based automation","topic":"opsera.pipeline.response"},"action":"start confirmation","api_response":{"pipelineId":"611e7dca57f4eff66e9db084","customerId":"60157c8c70628140f776e359","stepId":"611508513ce36642d3180dc8","message":"Anchore Scan Started Successfully","status":"analyzing","runCount":174,"stepIdentifier":"anchore-integrator"},"message":"Anchore Scan Started Successfully","status":"analyzing","run_count":174,"createdAt":"2022-05-10T17:09:24.080Z","updatedAt":"2022-05-10T17:09:24.080Z","__v":0})",
        PipelineRecord(*ParseIsoMs("2021-07-30T10:00:00.000Z"), "jenkins"),
    }));
    server_->Import("other_writer", JsonArray({ActionRecord(now_ - kHourMs, "pipeline", "other")}));
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  // GET as `token`, expecting `status`; returns the parsed body.
  static codec::JsonValue Get(const std::string& token, const std::string& target, int status = 200) {
    auto r = server_->As(token).Get(target);
    EXPECT_EQ(r.status, status) << target << " -> " << r.body;
    EXPECT_EQ(HeaderOf(r, "Content-Type").rfind("application/json", 0), 0u) << target;
    return Json(r.body);
  }
  static codec::JsonValue Ok(const std::string& target) { return Get("api_site_admin", target); }
  // The body of an error response has exactly a string "message".
  static void ExpectError(const std::string& token, const std::string& target, int status) {
    auto v = Get(token, target, status);
    ASSERT_EQ(v.type, codec::JsonValue::Type::kObject) << target;
    EXPECT_EQ(v.members.size(), 1u) << target;
    EXPECT_EQ(At(v, "message").type, codec::JsonValue::Type::kString) << target;
    EXPECT_FALSE(At(v, "message").string.empty()) << target;
  }
  static std::vector<std::string> Field(const codec::JsonValue& body, const std::string& name) {
    std::vector<std::string> out;
    for (const auto& r : At(body, "data").items) out.push_back(At(r, name).string);
    return out;
  }
  static std::vector<std::string> CreatedAt(const codec::JsonValue& body) {
    return Field(body, "createdAt");
  }
  static std::string WithoutId(codec::JsonValue record) {
    std::erase_if(record.members, [](const auto& m) { return m.first == "_id"; });
    return codec::ToJson(record);
  }
  static int64_t now_;
  static OpseraServer* server_;
};

int64_t OpseraEndpoints::now_ = 0;
OpseraServer* OpseraEndpoints::server_ = nullptr;

const std::vector<std::string> kAllRoutes = {kV1Actions, kV2Audit, kV1Tokens, kV1Pipelines};

// Case 1 (and every route): no Authorization → 401; an unknown token too;
// authentication is checked before parameter validation.
TEST_F(OpseraEndpoints, Case1MissingOrInvalidTokenIs401) {
  Client anonymous(server_->url(), "");
  Client bogus(server_->url(), "tk_notarealtoken");
  for (const std::string& route : kAllRoutes) {
    for (Client* c : {&anonymous, &bogus}) {
      for (std::string query : {"", "?range=3x&page=0&date=nope"}) {
        auto r = c->Get(route + query);
        EXPECT_EQ(r.status, 401) << route << query;
        EXPECT_EQ(At(Json(r.body), "message").type, codec::JsonValue::Type::kString);
      }
    }
  }
}

// Case 2: no params → the last 7 days, newest first, count = total.
TEST_F(OpseraEndpoints, Case2ActionsDefaultToTheLastSevenDaysNewestFirst) {
  auto v = Ok(kV1Actions);
  const auto& data = At(v, "data");
  ASSERT_EQ(data.type, codec::JsonValue::Type::kArray);
  EXPECT_EQ(At(v, "count").number, 4);  // A1..A4; A5 is 8 days old
  std::vector<int64_t> times = CreatedTimes(data);
  ASSERT_EQ(times.size(), 4u);
  EXPECT_TRUE(std::is_sorted(times.rbegin(), times.rend()));
  int64_t now = WallNowMs();
  for (int64_t t : times) {
    EXPECT_GE(t, now - 7 * kDayMs);
    EXPECT_LE(t, now);
  }
  EXPECT_EQ(Field(v, "action"), (std::vector<std::string>{"update", "create", "delete", "login"}));
  EXPECT_EQ(Field(v, "account"), std::vector<std::string>(4, kTenant));
}

// Case 3: date=D → exactly that UTC day.
TEST_F(OpseraEndpoints, Case3DateSelectsOneUtcDay) {
  auto v = Ok(std::string(kV1Actions) + "?date=2021-07-30");
  EXPECT_EQ(CreatedAt(v),
            (std::vector<std::string>{"2021-07-30T23:59:59.999Z", "2021-07-30T16:13:52.109Z"}));
  EXPECT_EQ(At(v, "count").number, 2);
}

// Case 4: range=3d → the last 72 h; range=3x → 400. Every unit works.
TEST_F(OpseraEndpoints, Case4RangeIsRelativeToNowAndValidated) {
  auto v = Ok(std::string(kV1Actions) + "?range=3d");
  EXPECT_EQ(Field(v, "action"), (std::vector<std::string>{"update", "create"}));
  for (int64_t t : CreatedTimes(At(v, "data"))) EXPECT_GE(t, WallNowMs() - 3 * kDayMs);
  EXPECT_EQ(At(Ok(std::string(kV1Actions) + "?range=30s"), "count").number, 0);
  EXPECT_EQ(At(Ok(std::string(kV1Actions) + "?range=13m"), "count").number, 0);
  EXPECT_EQ(At(Ok(std::string(kV1Actions) + "?range=2h"), "count").number, 1);
  EXPECT_EQ(At(Ok(std::string(kV1Actions) + "?range=1w"), "count").number, 4);
  EXPECT_EQ(At(Ok(std::string(kV1Actions) + "?range=2w"), "count").number, 5);
  EXPECT_EQ(At(Ok(std::string(kV1Pipelines) + "?range=3d"), "count").number, 1);
  for (std::string bad : {"3x", "3", "d", "-3d", "3.5d", "3D", "3%20d", "1h2m"}) {
    ExpectError("api_site_admin", std::string(kV1Actions) + "?range=" + bad, 400);
    ExpectError("api_site_admin", std::string(kV1Pipelines) + "?range=" + bad, 400);
  }
}

// Case 5: count limits data, the response count stays the total.
TEST_F(OpseraEndpoints, Case5CountLimitsDataNotTheTotal) {
  auto v = Ok(std::string(kV1Actions) + "?range=5d&count=2");  // A1..A3 match
  EXPECT_EQ(At(v, "count").number, 3);
  EXPECT_EQ(Field(v, "action"), (std::vector<std::string>{"update", "create"}));
  v = Ok(std::string(kV1Actions) + "?range=2w&count=2");
  EXPECT_EQ(At(v, "count").number, 5);
  EXPECT_EQ(At(v, "data").items.size(), 2u);
  EXPECT_EQ(At(Ok(std::string(kV1Actions) + "?count=5000"), "data").items.size(), 4u);
  for (std::string bad : {"0", "-1", "abc", "1.5", "2e3"}) {
    ExpectError("api_site_admin", std::string(kV1Actions) + "?count=" + bad, 400);
    ExpectError("api_site_admin", std::string(kV1Pipelines) + "?count=" + bad, 400);
  }
}

// Case 6: pipelines without a date include records older than 7 days.
TEST_F(OpseraEndpoints, Case6PipelinesDefaultToAllTime) {
  auto v = Ok(kV1Pipelines);
  EXPECT_EQ(At(v, "count").number, 4);
  EXPECT_EQ(CreatedAt(v)[2], "2022-05-10T17:09:24.080Z");
  EXPECT_EQ(CreatedAt(v)[3], "2021-07-30T10:00:00.000Z");
  EXPECT_EQ(At(Ok(std::string(kV1Pipelines) + "?date=2021-07-30"), "count").number, 1);
  EXPECT_EQ(At(Ok(std::string(kV1Pipelines) + "?start=2022-01-01&end=2022-12-31"), "count").number, 1);
  // type matches tool_identifier.
  v = Ok(std::string(kV1Pipelines) + "?type=jenkins");
  EXPECT_EQ(Field(v, "tool_identifier"), (std::vector<std::string>{"jenkins", "jenkins"}));
}

// Case 7: tokens?scope=api → only scope "api"; default last 7 days.
TEST_F(OpseraEndpoints, Case7TokensScopeFilterAndDefaultWindow) {
  auto v = Ok(std::string(kV1Tokens) + "?scope=api");
  EXPECT_EQ(Field(v, "scope"), (std::vector<std::string>{"api", "api"}));
  EXPECT_EQ(At(v, "count").number, 2);
  EXPECT_EQ(At(Ok(kV1Tokens), "count").number, 3);
  v = Ok(std::string(kV1Tokens) + "?date=2021-07-31&scope=api");
  EXPECT_EQ(At(v, "count").number, 1);
  EXPECT_EQ(At(Ok(std::string(kV1Tokens) + "?scope=nope"), "count").number, 0);
  ExpectError("api_site_admin", std::string(kV1Tokens) + "?date=2021-7-31", 400);
}

// Case 8: v2 paging is 1-based; page_size is 1..1000.
TEST_F(OpseraEndpoints, Case8V2PageAndPageSize) {
  std::string window = std::string(kV2Audit) +
                       "?start_date=2023-11-01&start_time=09:00&end_date=2023-11-05&end_time=17:00:00";
  auto v = Ok(window + "&page=2&page_size=1");
  EXPECT_EQ(At(v, "count").number, 3);
  EXPECT_EQ(CreatedAt(v), (std::vector<std::string>{"2023-11-03T12:00:00.000Z"}));
  EXPECT_EQ(CreatedAt(Ok(window + "&page=1&page_size=1")),
            (std::vector<std::string>{"2023-11-05T17:00:00.000Z"}));
  EXPECT_EQ(CreatedAt(Ok(window + "&page=3&page_size=1")),
            (std::vector<std::string>{"2023-11-01T09:00:00.000Z"}));
  v = Ok(window + "&page=4&page_size=1");  // past the end
  EXPECT_TRUE(At(v, "data").items.empty());
  EXPECT_EQ(At(v, "count").number, 3);
  v = Ok(window + "&page=99999999999999999999&page_size=1000");
  EXPECT_TRUE(At(v, "data").items.empty());
  EXPECT_EQ(At(Ok(window + "&page_size=1000"), "data").items.size(), 3u);
  for (std::string bad : {"page_size=1001", "page_size=0", "page_size=x", "page=0",
                                 "page=-1", "page=1.5", "page=two"}) {
    ExpectError("api_site_admin", std::string(kV2Audit) + "?" + bad, 400);
  }
}

// Case 9: a time without its date → 422.
TEST_F(OpseraEndpoints, Case9TimeWithoutDateIs422) {
  ExpectError("api_site_admin", std::string(kV2Audit) + "?start_time=09:00", 422);
  ExpectError("api_site_admin", std::string(kV2Audit) + "?end_time=17:00:00", 422);
  ExpectError("api_site_admin", std::string(kV2Audit) + "?end_date=2023-11-05&start_time=09:00", 422);
}

// Case 10: the full window; both bounds inclusive to the millisecond.
TEST_F(OpseraEndpoints, Case10V2DateTimeWindow) {
  auto v = Ok(std::string(kV2Audit) +
              "?start_date=2023-11-01&start_time=09:00&end_date=2023-11-05&end_time=17:00:00");
  EXPECT_EQ(CreatedAt(v), (std::vector<std::string>{"2023-11-05T17:00:00.000Z",
                                                    "2023-11-03T12:00:00.000Z",
                                                    "2023-11-01T09:00:00.000Z"}));
  for (int64_t t : CreatedTimes(At(v, "data"))) {
    EXPECT_GE(t, *ParseIsoMs("2023-11-01T09:00:00Z"));
    EXPECT_LE(t, *ParseIsoMs("2023-11-05T17:00:00Z"));
  }
  // Dates alone cover whole days; a time may have one hour digit and seconds.
  EXPECT_EQ(At(Ok(std::string(kV2Audit) + "?start_date=2023-11-01&end_date=2023-11-05"), "count").number, 6);
  EXPECT_EQ(At(Ok(std::string(kV2Audit) + "?start_date=2023-11-05&start_time=17:00:01&type=v2win"), "count").number, 1);
  EXPECT_EQ(At(Ok(std::string(kV2Audit) + "?end_date=2023-11-01&end_time=8:59:59"), "count").number,
            4);  // the four 2021 records; 08:59:59.999 is after 08:59:59.000
  for (std::string bad :
       {"start_date=2023-11-1", "start_date=2023-02-30", "end_date=tomorrow",
        "start_date=2023-11-01&start_time=24:00", "start_date=2023-11-01&start_time=9",
        "start_date=2023-11-01&start_time=09:60", "end_date=2023-11-01&end_time=09:00:00.5",
        "start_date=2023-11-05&end_date=2023-11-01", "user_id=xyz",
        "user_id=5e1cbf251c26d68f7ce6361"}) {
    ExpectError("api_site_admin", std::string(kV2Audit) + "?" + bad, 400);
  }
}

// Case 11 (per route): the scope AND the role must be allowed, else 403.
TEST_F(OpseraEndpoints, Case11ScopeAndRoleRefusalsPerRoute) {
  struct Expect {
    std::string token;
    int v1, v2;
  };
  const std::vector<Expect> matrix = {
      {"api_site_admin", 200, 200},         {"api_power_user", 200, 200},
      {"seclogs_site_admin", 200, 200},     {"seclogs_power_user", 200, 200},
      {"apiread_site_admin", 403, 200},     {"apiread_auditor", 403, 200},
      {"api_administrator", 403, 200},      {"api_auditor", 403, 200},
      {"seclogs_security_manager", 403, 200}, {"events_read_site_admin", 403, 403},
      {"api_no_role", 403, 403},            {"role_no_scope", 403, 403},
      {"admin", 200, 200},                  {"writer", 403, 403},
  };
  for (const Expect& e : matrix) {
    for (const std::string& route : kAllRoutes) {
      int want = route == kV2Audit ? e.v2 : e.v1;
      if (want == 200) {
        Get(e.token, route, 200);
      } else {
        ExpectError(e.token, route, want);
      }
    }
  }
  // 403 comes before parameter validation.
  ExpectError("api_no_role", std::string(kV1Actions) + "?range=3x", 403);
  ExpectError("apiread_site_admin", std::string(kV1Pipelines) + "?count=0", 403);
}

TEST_F(OpseraEndpoints, RecordsRenderExactlyAsTheSpecSamples) {
  auto v = Ok(std::string(kV1Actions) + "?date=2021-07-30&count=1&type=pipeline");
  ASSERT_EQ(At(v, "data").items.size(), 1u);
  const auto& action = At(v, "data").items[0];
  EXPECT_EQ(WithoutId(action),
            R"({"user_id":"5e1cbf251c26d68f7ce6361e","user_email":"support@opsera.io","type":"pipeline","action":"update","target_id":"5fbe589a0fae8b021e137534","account":"org-opsera-dnd-acc0","createdAt":"2021-07-30T16:13:52.109Z","updatedAt":"2021-07-30T16:13:52.109Z","__v":0})");
  v = Ok(std::string(kV1Tokens) + "?date=2021-07-31");
  ASSERT_EQ(At(v, "data").items.size(), 1u);
  EXPECT_EQ(WithoutId(At(v, "data").items[0]),
            R"({"token_id":"61043b2bbcb6d95b55adc5fd","scope":"api","target":"/v1/logs/user/tokens","user_id":"5e1cbf251c26d68f7ce6361e","account":"org-opsera-dnd-acc0","createdAt":"2021-07-31T16:50:02.242Z","updatedAt":"2021-07-31T16:50:02.242Z","__v":0})");
  v = Ok(std::string(kV1Pipelines) + "?date=2022-05-10");
  ASSERT_EQ(At(v, "data").items.size(), 1u);
  EXPECT_EQ(WithoutId(At(v, "data").items[0]),
            R"({"user_id":"60157c8c70628140f776e359","pipeline_id":"611e7dca57f4eff66e9db084","tool_identifier":"consumer.response","step_id":"611508513ce36642d3180dc8","step_index":2,"step_name":"anchore","step_configuration":{"tool":"event based automation","topic":"opsera.pipeline.response"},"action":"start confirmation","api_response":{"pipelineId":"611e7dca57f4eff66e9db084","customerId":"60157c8c70628140f776e359","stepId":"611508513ce36642d3180dc8","message":"Anchore Scan Started Successfully","status":"analyzing","runCount":174,"stepIdentifier":"anchore-integrator"},"message":"Anchore Scan Started Successfully","status":"analyzing","run_count":174,"createdAt":"2022-05-10T17:09:24.080Z","updatedAt":"2022-05-10T17:09:24.080Z","__v":0})");
}

TEST_F(OpseraEndpoints, IdsAre24HexStableAndUnique) {
  // Shape checks by pattern: '9' a digit, 'f' a lower-case hex digit, any
  // other character itself. (std::regex trips GCC 12 warnings under ASan.)
  auto matches = [](std::string_view s, std::string_view pattern) {
    if (s.size() != pattern.size()) return false;
    for (size_t i = 0; i < s.size(); ++i) {
      char c = s[i];
      bool digit = c >= '0' && c <= '9';
      if (pattern[i] == '9' ? !digit
          : pattern[i] == 'f' ? !(digit || (c >= 'a' && c <= 'f'))
                              : c != pattern[i]) {
        return false;
      }
    }
    return true;
  };
  const std::string object_id(24, 'f');
  const std::string iso_ms = "9999-99-99T99:99:99.999Z";
  std::vector<std::string> all;
  for (const std::string& route : kAllRoutes) {
    std::string target = route == kV2Audit ? route : route + (route == kV1Tokens ? "" : "?range=520w");
    auto first = Ok(target);
    auto again = Ok(target);
    EXPECT_EQ(Field(first, "_id"), Field(again, "_id")) << route;
    for (const auto& r : At(first, "data").items) {
      EXPECT_TRUE(matches(At(r, "_id").string, object_id)) << At(r, "_id").string;
      EXPECT_TRUE(matches(At(r, "createdAt").string, iso_ms));
      EXPECT_TRUE(matches(At(r, "updatedAt").string, iso_ms));
      EXPECT_EQ(At(r, "__v").string, "0");
      if (route != kV2Audit) all.push_back(At(r, "_id").string);
    }
  }
  std::sort(all.begin(), all.end());
  EXPECT_EQ(std::adjacent_find(all.begin(), all.end()), all.end());
  // The v1 and v2 views render the same record with the same _id.
  auto v1 = Ok(std::string(kV1Actions) + "?date=2021-07-30");
  auto v2 = Ok(std::string(kV2Audit) + "?start_date=2021-07-30&end_date=2021-07-30");
  EXPECT_EQ(codec::ToJson(At(v1, "data")), codec::ToJson(At(v2, "data")));
}

TEST_F(OpseraEndpoints, V1StartEndAndPrecedence) {
  auto dates = [](const codec::JsonValue& v) { return CreatedAt(v); };
  EXPECT_EQ(dates(Ok(std::string(kV1Actions) + "?start=2021-07-30&end=2021-07-30")),
            (std::vector<std::string>{"2021-07-30T23:59:59.999Z", "2021-07-30T16:13:52.109Z"}));
  EXPECT_EQ(At(Ok(std::string(kV1Actions) + "?start=2021-07-29&end=2021-07-31"), "count").number, 4);
  // Only end: everything before the end of that day.
  EXPECT_EQ(At(Ok(std::string(kV1Actions) + "?end=2021-07-30"), "count").number, 3);
  // Only start: from that day to now (A1..A5 plus the six 2023 records).
  EXPECT_EQ(At(Ok(std::string(kV1Actions) + "?start=2023-01-01"), "count").number, 11);
  // date beats start/end, which beat range, which beats the default.
  EXPECT_EQ(At(Ok(std::string(kV1Actions) + "?date=2021-07-31&start=2021-07-29&end=2021-07-30&range=1h"), "count").number, 1);
  EXPECT_EQ(At(Ok(std::string(kV1Actions) + "?start=2021-07-29&end=2021-07-29&range=1w"), "count").number, 1);
  EXPECT_EQ(At(Ok(std::string(kV1Actions) + "?range=2h&type=pipeline"), "count").number, 1);
  // type filters on the record's type.
  EXPECT_EQ(Field(Ok(std::string(kV1Actions) + "?range=1w&type=pipeline"), "action"),
            (std::vector<std::string>{"update", "delete"}));
  for (std::string bad : {"date=2021-07-32", "date=20210730", "start=2021-07-31&end=2021-07-30",
                                 "start=yesterday", "end=2021-7-1", "date=2021-07-30&range=3x"}) {
    ExpectError("api_site_admin", std::string(kV1Actions) + "?" + bad, 400);
    ExpectError("api_site_admin", std::string(kV1Pipelines) + "?" + bad, 400);
  }
  // Unknown parameters are ignored; empty values count as absent.
  EXPECT_EQ(At(Ok(std::string(kV1Actions) + "?foo=bar&date=&type="), "count").number, 4);
}

TEST_F(OpseraEndpoints, V2FiltersAndDefaults) {
  std::string all = std::string(kV2Audit) + "?type=" + kV2Tag;
  EXPECT_EQ(At(Ok(all), "count").number, 6);
  EXPECT_EQ(At(Ok(kV2Audit), "count").number, 15);  // no dates: all time
  auto v = Ok(all + "&action=update");
  EXPECT_EQ(Field(v, "action"), std::vector<std::string>(3, "update"));
  v = Ok(all + "&user_id=aaaaaaaaaaaaaaaaaaaaaaaa");
  EXPECT_EQ(Field(v, "user_email"), std::vector<std::string>(3, "odd@opsera.io"));
  v = Ok(all + "&user_email=even@opsera.io&target_id=222222222222222222222222");
  EXPECT_EQ(Field(v, "user_id"), std::vector<std::string>(3, "bbbbbbbbbbbbbbbbbbbbbbbb"));
  EXPECT_EQ(At(Ok(all + "&user_email=even@opsera.io&target_id=111111111111111111111111"), "count").number, 0);
  EXPECT_EQ(At(Ok(all + "&action=create&page_size=2"), "data").items.size(), 2u);
  EXPECT_EQ(At(Ok(all + "&action=create&page=2&page_size=2"), "data").items.size(), 1u);
  EXPECT_EQ(At(Ok(all + "&start_date=2023-11-05"), "count").number, 3);
}

TEST_F(OpseraEndpoints, TenantIsTheTokensAccount) {
  auto v = Get("other_api_site_admin", kV1Actions);
  EXPECT_EQ(At(v, "count").number, 1);
  EXPECT_EQ(Field(v, "action"), (std::vector<std::string>{"other"}));
  EXPECT_EQ(At(Get("other_api_site_admin", kV1Pipelines), "count").number, 0);
  EXPECT_EQ(At(Get("other_api_site_admin", kV2Audit), "count").number, 1);
  // Naming another tenant is refused.
  ExpectError("other_api_site_admin", std::string(kV1Actions) + "?tenant=" + kTenant, 403);
}

TEST(OpseraRoles, TokenCreateAcceptsEveryRoleScope) {
  TempDir dir;
  for (std::string role : {"site_admin", "power_user", "administrator", "auditor", "security_manager"}) {
    auto r = RunTrailkeep({"token", "create", "--data", dir.path(), "--tenant", "acc", "--scope",
                           "api_read", "--scope", "opsera.role." + role});
    EXPECT_EQ(r.exit_code, 0) << role << " " << r.err;
  }
  auto bad = RunTrailkeep({"token", "create", "--data", dir.path(), "--tenant", "acc", "--scope",
                           "opsera.role.intern"});
  EXPECT_NE(bad.exit_code, 0);
}

TEST_F(OpseraEndpoints, UnknownLogPathsAre404InOpserasShape) {
  for (std::string path : {"/api/v1/logs/nope", "/api/v1/logs/user/nope", "/api/v2/logs/audit/nope",
                           "/api/v2/logs/audit/user/extra"}) {
    auto r = server_->As("api_site_admin").Get(path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.body, R"({"message":"Not Found"})") << path;
  }
}

}  // namespace
}  // namespace trailkeep::testing::opsera
