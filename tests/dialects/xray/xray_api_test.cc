// GET /xray/api/v1/curation/audit/packages over HTTP against the real binary:
// API-NOTES §1.9 cases 1-7, 9, 10 and the endpoint bullets of the issue
// (auth forms, error shape, project selection, defaults, validation, meta,
// explanations). CSV (case 8) is in xray_csv_test.cc.
#include <gtest/gtest.h>

#include "crypto/base64.h"
#include "dialects/xray/xray_fixture.h"

namespace trailkeep::testing {
namespace {

class XrayApi : public XrayServer {
 protected:
  // `n` events one minute apart ending an hour ago; policies as given.
  std::vector<TestEvent> Recent(int n) {
    std::vector<TestEvent> events(n);
    int64_t now = NowSeconds();
    for (int i = 0; i < n; ++i) {
      events[i].time_ms = now - kHourMs - (n - i) * 60'000;
      events[i].package_name = "pkg" + std::to_string(i);
      events[i].policies = {TestPolicy{"onlyOfficial", 3, false}};
    }
    Import(&events);
    return events;
  }

  std::string ErrorMessage(const codec::JsonValue& body, int status) {
    const auto& errors = At(body, "errors");
    EXPECT_EQ(errors.items.size(), 1u);
    if (errors.items.empty()) return "";
    EXPECT_EQ(At(errors.items[0], "status").number, status);
    return At(errors.items[0], "message").string;
  }
};

// §1.9 case 1: defaults, basic auth.
TEST_F(XrayApi, DefaultsWithBasicAuth) {
  auto events = Recent(5);
  Client basic(server_->url(), "");
  std::string cred = crypto::Base64Encode("admin:" + token_);
  auto r = basic.Get(kAuditPath, {{"Authorization", "Basic " + cred}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(HeaderOf(r, "Content-Type"), "application/json");
  auto v = Json(r.body);
  const auto& meta = At(v, "meta");
  EXPECT_EQ(At(meta, "order_by").string, "id");
  EXPECT_EQ(At(meta, "direction").string, "desc");
  EXPECT_EQ(At(meta, "num_of_rows").number, 100);
  EXPECT_EQ(At(meta, "offset").number, 0);
  EXPECT_FALSE(At(meta, "include_total").boolean);
  EXPECT_FALSE(At(meta, "include_explanation_and_recommendation").boolean);
  EXPECT_EQ(meta.Find("total_count"), nullptr);
  EXPECT_EQ(At(meta, "result_count").number, 5);
  EXPECT_EQ(At(meta, "next_offset").number, 0);
  auto start = ParseIsoMs(At(meta, "created_at_start").string);
  auto end = ParseIsoMs(At(meta, "created_at_end").string);
  ASSERT_TRUE(start && end);
  EXPECT_EQ(*end - *start, 168 * kHourMs);
  EXPECT_NEAR(static_cast<double>(*end), static_cast<double>(NowSeconds()), 60'000.0);
  EXPECT_EQ(Ids(At(v, "data")), (std::vector<uint64_t>{5, 4, 3, 2, 1}));
  // The meta keys come in the spec's order.
  EXPECT_NE(
      r.body.find(
          R"("meta":{"result_count":5,"next_offset":0,"order_by":"id","direction":"desc","num_of_rows":100,"offset":0,"include_total":false,"include_explanation_and_recommendation":false,"created_at_start":")"),
      std::string::npos)
      << r.body;
}

// §1.9 cases 2 and 3: total, next_offset, last page.
TEST_F(XrayApi, TotalNextOffsetAndLastPage) {
  Recent(7);
  auto v = Page("include_total=true&num_of_rows=1&offset=0");
  const auto& meta = At(v, "meta");
  EXPECT_EQ(At(meta, "total_count").number, 7);
  EXPECT_EQ(At(meta, "result_count").number, 1);
  EXPECT_EQ(At(meta, "next_offset").number, 1);
  EXPECT_EQ(Ids(At(v, "data")), (std::vector<uint64_t>{7}));
  EXPECT_TRUE(At(meta, "include_total").boolean);

  auto last = Page("num_of_rows=1000&offset=6");
  EXPECT_EQ(At(At(last, "meta"), "result_count").number, 1);
  EXPECT_EQ(At(At(last, "meta"), "next_offset").number, 0);
  EXPECT_EQ(At(At(last, "meta"), "num_of_rows").number, 1000);
  EXPECT_EQ(Ids(At(last, "data")), (std::vector<uint64_t>{1}));

  auto middle = Page("num_of_rows=3&offset=3&direction=asc");
  EXPECT_EQ(Ids(At(middle, "data")), (std::vector<uint64_t>{4, 5, 6}));
  EXPECT_EQ(At(At(middle, "meta"), "next_offset").number, 6);

  auto beyond = Page("offset=50");
  EXPECT_TRUE(At(beyond, "data").items.empty());
  EXPECT_EQ(At(beyond, "data").type, codec::JsonValue::Type::kArray);
  EXPECT_EQ(At(At(beyond, "meta"), "next_offset").number, 0);
}

// §1.9 case 4.
TEST_F(XrayApi, NumOfRowsRange) {
  Recent(1);
  EXPECT_EQ(ErrorMessage(Page("num_of_rows=0", 400), 400),
            "num_of_rows must be between 1 and 2000");
  EXPECT_EQ(ErrorMessage(Page("num_of_rows=2001", 400), 400),
            "num_of_rows must be between 1 and 2000");
  Page("num_of_rows=abc", 400);
  EXPECT_EQ(At(At(Page("num_of_rows=2000"), "meta"), "num_of_rows").number, 2000);
}

// §1.9 cases 5 and 6, and the other window rules.
TEST_F(XrayApi, WindowRules) {
  auto v = Page("created_at_start=2024-01-01T00:00:00Z&created_at_end=2024-01-09T00:00:00Z", 400);
  EXPECT_EQ(ErrorMessage(v, 400), "Maximum allowed duration is 168 hours");
  v = Page("created_at_start=2024-01-01T00:00:00.000Z&created_at_end=2024-01-08T00:00:00Z");
  EXPECT_EQ(At(At(v, "meta"), "created_at_start").string, "2024-01-01T00:00:00Z");
  EXPECT_EQ(At(At(v, "meta"), "created_at_end").string, "2024-01-08T00:00:00Z");
  // One millisecond too long.
  Page("created_at_start=2024-01-01T00:00:00.000Z&created_at_end=2024-01-08T00:00:00.001Z", 400);
  // Offsets are accepted (%2B for '+').
  v = Page("created_at_start=2024-01-01T02:00:00%2B02:00&created_at_end=2024-01-02T00:00:00Z");
  EXPECT_EQ(At(At(v, "meta"), "created_at_start").string, "2024-01-01T00:00:00Z");
  // Only start: end = start + 168 h (capped at now).
  v = Page("created_at_start=2024-03-01T00:00:00Z");
  EXPECT_EQ(At(At(v, "meta"), "created_at_end").string, "2024-03-08T00:00:00Z");
  int64_t recent = NowSeconds() - kDayMs;
  v = Page("created_at_start=" + Rfc3339(recent));
  auto end = ParseIsoMs(At(At(v, "meta"), "created_at_end").string);
  ASSERT_TRUE(end.has_value());
  EXPECT_NEAR(static_cast<double>(*end), static_cast<double>(NowSeconds()), 60'000.0);
  // Only end: start = end - 168 h.
  v = Page("created_at_end=2024-03-08T00:00:00Z");
  EXPECT_EQ(At(At(v, "meta"), "created_at_start").string, "2024-03-01T00:00:00Z");
  // start after end, bad formats.
  EXPECT_EQ(
      ErrorMessage(
          Page("created_at_start=2024-01-02T00:00:00Z&created_at_end=2024-01-01T00:00:00Z", 400),
          400),
      "created_at_start must be before created_at_end");
  EXPECT_EQ(ErrorMessage(Page("created_at_start=2024-01-01", 400), 400),
            "invalid created_at_start");
  EXPECT_EQ(ErrorMessage(Page("created_at_end=yesterday", 400), 400), "invalid created_at_end");
  Page("created_at_start=2024-01-01T00:00Z", 400);
  Page("created_at_start=2024-01-01T00:00:00", 400);
}

// §1.9 case 7 and the other parameter rules.
TEST_F(XrayApi, OrderDirectionAndParameterValidation) {
  Recent(4);
  EXPECT_EQ(Ids(At(Page("direction=asc&order_by=id"), "data")),
            (std::vector<uint64_t>{1, 2, 3, 4}));
  EXPECT_EQ(Ids(At(Page("direction=ASC"), "data")), (std::vector<uint64_t>{1, 2, 3, 4}));
  EXPECT_EQ(At(At(Page("direction=ASC"), "meta"), "direction").string, "asc");
  EXPECT_EQ(ErrorMessage(Page("direction=up", 400), 400), "invalid direction");
  EXPECT_EQ(ErrorMessage(Page("order_by=password", 400), 400), "invalid order_by column");
  EXPECT_EQ(Ids(At(Page("order_by=package_name&direction=desc"), "data")),
            (std::vector<uint64_t>{4, 3, 2, 1}));
  EXPECT_EQ(Ids(At(Page("order_by=created_at&direction=asc"), "data")),
            (std::vector<uint64_t>{1, 2, 3, 4}));
  EXPECT_EQ(ErrorMessage(Page("offset=-1", 400), 400), "invalid offset");
  EXPECT_EQ(ErrorMessage(Page("include_total=yes", 400), 400), "invalid include_total");
  EXPECT_EQ(ErrorMessage(Page("dry_run=2", 400), 400), "invalid dry_run");
  EXPECT_EQ(ErrorMessage(Page("format=xml", 400), 400), "invalid format");
  EXPECT_EQ(ErrorMessage(Page("format=csv&include_total=true", 400), 400),
            "include_total is not allowed when format is csv");
  // Go booleans, unknown parameters ignored, first of a repeated one wins.
  EXPECT_EQ(At(At(Page("include_total=T&whatever=1"), "meta"), "total_count").number, 4);
  EXPECT_EQ(Ids(At(Page("direction=asc&direction=desc&num_of_rows=1"), "data")),
            (std::vector<uint64_t>{1}));
}

// §1.9 case 9: the dry-run view.
TEST_F(XrayApi, DryRunShowsOneEventPerDryRunPolicy) {
  std::vector<TestEvent> events(3);
  int64_t now = NowSeconds();
  for (int i = 0; i < 3; ++i) events[i].time_ms = now - kHourMs + i * 1000;
  events[0].policies = {TestPolicy{"real", 1, false}};
  events[1].policies = {TestPolicy{"real", 1, false}, TestPolicy{"dry-a", 2, true},
                        TestPolicy{"dry-b", 3, true}};
  events[2].action = "approved";
  events[2].policies = {TestPolicy{"dry-c", 4, true}};
  Import(&events);

  auto v = Page("dry_run=true&direction=asc&include_total=true");
  EXPECT_EQ(RowsOf(v), (std::vector<RefRow>{{2, {"dry-a"}}, {2, {"dry-b"}}, {3, {"dry-c"}}}));
  for (const auto& e : At(v, "data").items) {
    for (const auto& p : At(e, "policies").items) EXPECT_TRUE(At(p, "dry_run").boolean);
  }
  EXPECT_EQ(At(At(v, "meta"), "total_count").number, 3);
  auto paged = Page("dry_run=true&direction=asc&num_of_rows=1&offset=1");
  EXPECT_EQ(RowsOf(paged), (std::vector<RefRow>{{2, {"dry-b"}}}));
  EXPECT_EQ(At(At(paged, "meta"), "next_offset").number, 2);
  // The real view lists every event with its non-dry-run policies only.
  EXPECT_EQ(RowsOf(Page("direction=asc")),
            (std::vector<RefRow>{{1, {"real"}}, {2, {"real"}}, {3, {}}}));
}

// §1.9 case 10 and the auth forms.
TEST_F(XrayApi, AuthenticationAndPermission) {
  Recent(1);
  Client anonymous(server_->url(), "");
  auto r = anonymous.Get(kAuditPath);
  EXPECT_EQ(r.status, 401);
  EXPECT_FALSE(ErrorMessage(Json(r.body), 401).empty());
  Client wrong(server_->url(), "tk_not_a_token");
  EXPECT_EQ(wrong.Get(kAuditPath).status, 401);
  EXPECT_EQ(anonymous.Get(kAuditPath, {{"Authorization", "Basic bm9jb2xvbg=="}}).status, 401);

  Client no_scope(server_->url(), reader_);
  r = no_scope.Get(kAuditPath);
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(ErrorMessage(Json(r.body), 403).find("VIEW_POLICIES"), std::string::npos);
  // Auth comes before validation.
  EXPECT_EQ(no_scope.Get(std::string(kAuditPath) + "?direction=up").status, 403);
  EXPECT_EQ(anonymous.Get(std::string(kAuditPath) + "?direction=up").status, 401);

  EXPECT_EQ(Client(server_->url(), admin_).Get(kAuditPath).status, 200);
  EXPECT_EQ(anonymous.Get(kAuditPath, {{"X-JFrog-Art-Api", token_}}).status, 200);
  std::string cred = crypto::Base64Encode("someone:" + token_);
  EXPECT_EQ(anonymous.Get(kAuditPath, {{"Authorization", "Basic " + cred}}).status, 200);
}

// Tenants: a token's own tenant; several tenants need ?project= or
// X-JFrog-Project; other tenants' events never show.
TEST_F(XrayApi, ProjectSelectsTheTenant) {
  Recent(2);
  Client other(server_->url(), other_);
  TestEvent e;
  e.time_ms = NowSeconds() - kHourMs;
  ASSERT_EQ(other.Post("/v1/events?format=xray", "[" + XrayJson(e) + "]").status, 201);
  EXPECT_EQ(Ids(At(Json(other.Get(kAuditPath).body), "data")), (std::vector<uint64_t>{3}));
  EXPECT_EQ(Ids(At(Page(""), "data")), (std::vector<uint64_t>{2, 1}));

  Client multi(server_->url(), multi_);
  auto r = multi.Get(kAuditPath);
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("project"), std::string::npos);
  EXPECT_EQ(Ids(At(Json(multi.Get(std::string(kAuditPath) + "?project=other").body), "data")),
            (std::vector<uint64_t>{3}));
  r = multi.Get(kAuditPath, {{"X-JFrog-Project", "acme"}});
  EXPECT_EQ(Ids(At(Json(r.body), "data")), (std::vector<uint64_t>{2, 1}));
  EXPECT_EQ(client_->Get(std::string(kAuditPath) + "?project=other").status, 403);
}

// The AuditEvent shape, and include_explanation_and_recommendation.
TEST_F(XrayApi, EventShapeAndExplanations) {
  std::vector<TestEvent> events(1);
  events[0].time_ms = NowSeconds() - kHourMs;
  events[0].policies = {TestPolicy{"onlyOffical", 3, false}};
  Import(&events);
  auto r = client_->Get(kAuditPath);
  ASSERT_EQ(r.status, 200);
  std::string expected_prefix =
      R"({"data":[{"id":1,"created_at":")" + Rfc3339(events[0].time_ms) +
      R"(","action":"blocked","package_type":"Docker","package_name":"library/nginx","package_version":"latest","package_url":"https://registry-1.docker.io/v2/x","reason":"Policy violations","curated_repository_server_name":"","curated_repository_name":"docker-remote","curated_project":"default","username":"admin","user_mail":"","origin_repository_server_name":"z0curdocktest","origin_repository_name":"docker-remote","origin_project":"default","public_repo_url":"https://registry-1.docker.io","public_repo_name":"Docker Hub","policies":[{"policy_name":"onlyOffical","policy_id":3,"dry_run":false,"condition_name":"Image is not Docker Hub official","condition_category":"operational"}]}],)";
  EXPECT_EQ(r.body.substr(0, expected_prefix.size()), expected_prefix);

  auto v = Page("include_explanation_and_recommendation=true");
  EXPECT_TRUE(At(At(v, "meta"), "include_explanation_and_recommendation").boolean);
  const auto& policy = At(At(v, "data").items.at(0), "policies").items.at(0);
  EXPECT_EQ(At(policy, "explanation").type, codec::JsonValue::Type::kString);
  EXPECT_EQ(At(policy, "recommendation").type, codec::JsonValue::Type::kString);
  // Events of other kinds are not curation audit events.
  ASSERT_EQ(client_->Post("/v1/events", R"({"kind":"user.action","action":"login"})").status, 201);
  EXPECT_EQ(Ids(At(Page(""), "data")), (std::vector<uint64_t>{1}));
}

}  // namespace
}  // namespace trailkeep::testing
