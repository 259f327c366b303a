// Randomized: a few thousand random events, a few hundred random queries
// (filters, windows, sorts, page sizes), each paged to the end over HTTP and
// compared with a straightforward evaluation in this file. Some queries get
// new events posted between their pages, which must not change the pages.
#include <algorithm>
#include <optional>
#include <random>

#include "dialects/dynatrace/dynatrace_fixture.h"

namespace trailkeep::testing::dynatrace {
namespace {

struct Ev {
  uint64_t id = 0;
  int64_t time = 0;
  std::string action;
  std::optional<std::string> category, actor_id, actor_email, actor_name, entity_id;

  std::optional<std::string> User() const {
    if (actor_id) return actor_id;
    if (actor_email) return actor_email;
    return actor_name;
  }
};

struct Criterion {
  std::string name;
  std::vector<std::string> values;
};

bool Matches(const Ev& e, const std::vector<Criterion>& filter) {
  for (const Criterion& c : filter) {
    std::optional<std::string> v;
    if (c.name == "eventType") v = e.action;
    if (c.name == "category") v = e.category;
    if (c.name == "entityId") v = e.entity_id;
    if (c.name == "user") v = e.User();
    if (!v) return false;
    bool any = false;
    for (const std::string& want : c.values) {
      any = any || (c.name == "entityId" ? v->find(want) != std::string::npos : *v == want);
    }
    if (!any) return false;
  }
  return true;
}

const std::vector<std::string> kActions = {"LOGIN", "LOGOUT", "UPDATE", "CREATE", "DELETE"};
const std::vector<std::string> kCategories = {"WEB_UI", "CONFIG", "TOKEN"};
const std::vector<std::string> kUsers = {"alice", "bob", "c,d", "e\"f", "g~h"};
const std::vector<std::string> kEntities = {"MOBILE_APPLICATION-1", "HOST-2", "APPLICATION-3",
                                            "x(y)"};

class Randomized : public DynatraceServer {
 protected:
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[rng_() % v.size()];
  }
  bool Chance(int percent) { return static_cast<int>(rng_() % 100) < percent; }

  std::string Str(std::string_view s) {
    std::string out;
    codec::AppendJsonString(s, &out);
    return out;
  }

  Ev RandomEvent(int64_t base) {
    Ev e;
    // Whole minutes, so that many events share a timestamp (ties by id).
    e.time = base - static_cast<int64_t>(rng_() % (13 * 24 * 60)) * 60000 - 60000;
    e.action = Pick(kActions);
    if (Chance(85)) e.category = Pick(kCategories);
    if (Chance(60)) e.actor_id = Pick(kUsers);
    if (Chance(40)) e.actor_email = Pick(kUsers) + "@x";
    if (Chance(40)) e.actor_name = Pick(kUsers);
    if (Chance(70)) e.entity_id = Pick(kEntities);
    return e;
  }

  std::string NativeJson(const Ev& e) {
    std::string s = R"({"kind":"k","action":)" + Str(e.action) + R"(,"time":)" + std::to_string(e.time);
    if (e.category) s += R"(,"category":)" + Str(*e.category);
    std::string actor;
    auto add = [&](const char* k, const std::optional<std::string>& v) {
      if (v) actor += std::string(actor.empty() ? "" : ",") + "\"" + k + "\":" + Str(*v);
    };
    add("id", e.actor_id);
    add("email", e.actor_email);
    add("name", e.actor_name);
    if (!actor.empty()) s += R"(,"actor":{)" + actor + "}";
    if (e.entity_id) s += R"(,"entity":{"id":)" + Str(*e.entity_id) + "}";
    return s + "}";
  }

  void Post(std::vector<Ev> batch) {
    std::string body = "[";
    for (size_t i = 0; i < batch.size(); ++i) body += (i ? "," : "") + NativeJson(batch[i]);
    auto ids = PostNative("envA", body + "]");
    ASSERT_EQ(ids.size(), batch.size());
    for (size_t i = 0; i < batch.size(); ++i) {
      batch[i].id = ids[i];
      events_.push_back(batch[i]);
    }
  }

  std::string Value(const std::string& v) {
    bool plain = v.find_first_of(",()\"") == std::string::npos;
    if (plain && Chance(40)) return v;
    std::string q = "\"";
    for (char c : v) {
      if (c == '"' || c == '~') q += '~';
      q += c;
    }
    return q + "\"";
  }

  std::vector<Criterion> RandomFilter() {
    std::vector<Criterion> filter;
    int n = static_cast<int>(rng_() % 4);
    for (int i = 0; i < n; ++i) {
      Criterion c;
      switch (rng_() % 4) {
        case 0: c.name = "eventType"; break;
        case 1: c.name = "category"; break;
        case 2: c.name = "entityId"; break;
        default: c.name = "user"; break;
      }
      int values = 1 + static_cast<int>(rng_() % 2);
      for (int j = 0; j < values; ++j) {
        if (c.name == "eventType") c.values.push_back(Chance(90) ? Pick(kActions) : "login");
        if (c.name == "category") c.values.push_back(Pick(kCategories));
        if (c.name == "entityId") {
          std::string ent = Pick(kEntities);
          size_t from = rng_() % ent.size();
          c.values.push_back(ent.substr(from, 1 + rng_() % (ent.size() - from)));
        }
        if (c.name == "user") c.values.push_back(Chance(70) ? Pick(kUsers) : Pick(kUsers) + "@x");
      }
      filter.push_back(std::move(c));
    }
    return filter;
  }

  std::string FilterText(const std::vector<Criterion>& filter) {
    std::string s;
    for (const Criterion& c : filter) {
      s += (s.empty() ? "" : ",") + c.name + "(";
      for (size_t i = 0; i < c.values.size(); ++i) s += (i ? "," : "") + Value(c.values[i]);
      s += ")";
    }
    return s;
  }

  std::mt19937_64 rng_{20261126};
  std::vector<Ev> events_;
};

TEST_F(Randomized, PagedQueriesMatchAReferenceEvaluation) {
  const int64_t base = NowMs();
  for (int b = 0; b < 6; ++b) {
    std::vector<Ev> batch;
    for (int i = 0; i < 500; ++i) batch.push_back(RandomEvent(base));
    Post(std::move(batch));
  }
  const int64_t oldest = base - 14 * kDay + kHour;  // inside every default window
  int requests = 0;
  for (int q = 0; q < 400; ++q) {
    std::vector<Criterion> filter = RandomFilter();
    std::string target = "/api/v2/auditlogs?";
    std::optional<int64_t> from, to;
    if (Chance(60)) from = oldest + static_cast<int64_t>(rng_() % (13 * kDay));
    if (Chance(50)) to = (from ? *from : oldest) + static_cast<int64_t>(rng_() % (8 * kDay)) + 1;
    bool oldest_first = Chance(50);
    if (from) target += "from=" + std::to_string(*from) + "&";
    if (to) target += "to=" + std::to_string(*to) + "&";
    if (oldest_first) target += "sort=timestamp&";
    else if (Chance(30)) target += "sort=-timestamp&";
    if (!filter.empty()) target += "filter=" + api::PercentEncode(FilterText(filter)) + "&";

    std::vector<const Ev*> expected;
    for (const Ev& e : events_) {
      if (from && e.time < *from) continue;
      if (to && e.time >= *to) continue;
      if (Matches(e, filter)) expected.push_back(&e);
    }
    std::sort(expected.begin(), expected.end(), [&](const Ev* a, const Ev* b) {
      auto ka = std::pair(a->time, a->id), kb = std::pair(b->time, b->id);
      return oldest_first ? ka < kb : ka > kb;
    });
    // Ids now: posting late events below may move events_ in memory.
    std::vector<std::string> want;
    for (const Ev* e : expected) want.push_back(std::to_string(e->id));
    const size_t expected_total = expected.size();
    // Page sizes that keep a query at 1..~20 pages.
    size_t min_size = std::max<size_t>(1, expected.size() / 20);
    size_t page_size = min_size + rng_() % (min_size * 3 + 3);
    if (Chance(10)) page_size = 5000;
    target += "pageSize=" + std::to_string(page_size);

    SCOPED_TRACE("query " + std::to_string(q) + ": " + target);
    Reply page = Read(target);
    ++requests;
    ASSERT_EQ(page.status, 200) << page.body;
    std::vector<std::string> got;
    bool interfere = Chance(15);
    for (int n = 0;; ++n) {
      ASSERT_EQ(At(page.json, "totalCount").string, std::to_string(expected_total));
      ASSERT_EQ(At(page.json, "pageSize").string, std::to_string(page_size));
      auto ids = LogIds(page.json);
      got.insert(got.end(), ids.begin(), ids.end());
      const auto& next = At(page.json, "nextPageKey");
      if (next.type != codec::JsonValue::Type::kString) break;
      ASSERT_EQ(ids.size(), page_size);
      if (interfere && n == 0) {
        // Matching-looking events inside the frozen window, after page 1.
        std::vector<Ev> late;
        for (int i = 0; i < 5; ++i) late.push_back(RandomEvent(base));
        Post(std::move(late));
      }
      page = Read("/api/v2/auditlogs?nextPageKey=" + next.string);
      ++requests;
      ASSERT_EQ(page.status, 200) << page.body;
      ASSERT_LT(n, 100);
    }
    ASSERT_EQ(got, want);
  }
  RecordProperty("requests", requests);
}

}  // namespace
}  // namespace trailkeep::testing::dynatrace
