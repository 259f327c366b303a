// A randomized comparison of the CodeArts endpoint with a straightforward
// reference evaluation (filter, sort newest first, slice) over events
// ingested through the native API.
#include <algorithm>
#include <random>

#include "dialects/codearts/codearts_fixture.h"

namespace trailkeep::testing {
namespace {

struct RefEvent {
  uint64_t id = 0;
  int64_t time_ms = 0;
  std::string kind, module, repo, user_id, instance_id, operation;
};

std::string IsoMs(int64_t ms) {
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, int(ms % 1000));
  return buf;
}

// "yyyy/MM/dd HH:mm:ss" in UTC+8, computed with the C library.
std::string Beijing(int64_t ms) {
  std::time_t secs = static_cast<std::time_t>(ms / 1000 + 8 * 3600);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y/%m/%d %H:%M:%S", &tm);
  return buf;
}

TEST_F(CodeArtsHttp, RandomQueriesMatchAReferenceEvaluation) {
  std::mt19937 rng(20261126);
  auto pick = [&](const std::vector<std::string>& v) { return v[rng() % v.size()]; };
  const std::vector<std::string> kinds = {"artifact.audit", "artifact.audit", "artifact.audit",
                                          "user.action"};
  const std::vector<std::string> modules = {"file", "repository"};
  const std::vector<std::string> repos = {kRepo, kOtherRepo};
  const std::vector<std::string> users = {"", "u1", "u2", "u3"};
  const std::vector<std::string> instances = {"", "i1", "i2"};
  const std::vector<std::string> ops = {"upload", "download", "delete", "update", "create"};
  const int64_t base = 1'700'000'000'000;

  std::vector<RefEvent> ref;
  for (int batch = 0; batch < 4; ++batch) {
    std::vector<RefEvent> events(100);
    std::string body = "[";
    for (size_t i = 0; i < events.size(); ++i) {
      RefEvent& e = events[i];
      e.kind = pick(kinds);
      e.module = pick(modules);
      e.repo = pick(repos);
      e.user_id = pick(users);
      e.instance_id = pick(instances);
      e.operation = pick(ops);
      // Few distinct seconds, so ties in time are common.
      e.time_ms = base + static_cast<int64_t>(rng() % 40) * 1000 + (rng() % 3) * 7;
      body += std::string(i ? "," : "") + R"({"kind":")" + e.kind + R"(","action":")" +
              e.operation + R"(","category":")" + e.module + R"(","time":")" + IsoMs(e.time_ms) +
              R"(","entity":{"id":")" + e.repo + R"("})";
      if (!e.user_id.empty()) body += R"(,"actor":{"id":")" + e.user_id + R"("})";
      if (!e.instance_id.empty()) body += R"(,"attributes":{"instanceId":")" + e.instance_id + R"("})";
      body += "}";
    }
    body += "]";
    auto r = writer_->Post("/v1/events?tenant=" + CodeArtsTenant(), body);
    ASSERT_EQ(r.status, 201) << r.body;
    auto id_list = At(Json(r.body), "ids");
    ASSERT_EQ(id_list.items.size(), events.size());
    for (size_t i = 0; i < events.size(); ++i) {
      events[i].id = std::stoull(id_list.items[i].string);
      ref.push_back(events[i]);
    }
  }

  for (int round = 0; round < 80; ++round) {
    std::string module = pick(modules), repo = pick(repos), user = pick(users),
                instance = pick(instances);
    if (round % 7 == 0) user = "nobody";
    int64_t page_size = 1 + rng() % (round % 2 ? 100 : 15);
    int64_t page_num = 1 + rng() % 6;
    std::string q = "?page_num=" + std::to_string(page_num) + "&page_size=" + std::to_string(page_size);
    if (!user.empty()) q += "&user_id=" + user;
    if (!instance.empty()) q += "&instance_id=" + instance;
    SCOPED_TRACE(module + " " + repo + " " + q);

    std::vector<RefEvent> want;
    for (const RefEvent& e : ref) {
      if (e.kind == "artifact.audit" && e.module == module && e.repo == repo &&
          (user.empty() || e.user_id == user) && (instance.empty() || e.instance_id == instance)) {
        want.push_back(e);
      }
    }
    std::sort(want.begin(), want.end(), [](const RefEvent& a, const RefEvent& b) {
      return a.time_ms != b.time_ms ? a.time_ms > b.time_ms : a.id > b.id;
    });
    size_t first = std::min(want.size(), size_t((page_num - 1) * page_size));
    size_t last = std::min(want.size(), first + size_t(page_size));

    auto r = Get(AuditPath(module, repo) + q);
    ASSERT_EQ(r.status, 200) << r.body;
    auto result = At(Json(r.body), "result");
    EXPECT_EQ(At(result, "total").string, std::to_string(want.size()));
    const auto& got = At(result, "auditInfoList").items;
    ASSERT_EQ(got.size(), last - first);
    for (size_t i = 0; i < got.size(); ++i) {
      const RefEvent& e = want[first + i];
      EXPECT_EQ(At(got[i], "id").string, std::to_string(e.id));
      EXPECT_EQ(At(got[i], "operation").string, e.operation);
      EXPECT_EQ(At(got[i], "module").string, module);
      EXPECT_EQ(At(got[i], "info").string, repo);
      EXPECT_EQ(At(got[i], "time").string, Beijing(e.time_ms));
    }
  }
}

}  // namespace
}  // namespace trailkeep::testing
