// ForEach / FetchPage / CountMatching against the memory store, including a
// randomized comparison with a brute-force evaluation over parsed events.
#include "query/selection_scan.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <random>

#include "codec/canonical.h"
#include "store/open.h"

namespace trailkeep::query {
namespace {

using model::EventId;
using model::TenantId;
using model::TimeMs;
using Op = Condition::Op;
using store::Order;

constexpr int64_t kBase = 1'795'000'000'000;  // 2026-11-18T...Z

FieldRef Field(std::string_view path) { return FieldRef::Parse(path).value(); }

// A memory store filled with random events for two tenants, plus the
// brute-force view of tenant "t1": every stored event, parsed.
class SelectionScanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store::StoreOptions options;
    options.backend = store::Backend::kMemory;
    options.clock = &clock_;
    Result<std::unique_ptr<store::EventStore>> opened = store::OpenEventStore(options);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
    for (int batch = 0; batch < 12; ++batch) {
      for (const char* tenant : {"t1", "t2"}) {
        store::AppendBatch b;
        b.tenant = TenantId{tenant};
        for (int i = 0; i < 25; ++i) b.events.push_back(RandomEvent());
        Result<store::AppendResult> r = store_->Append(b);
        ASSERT_TRUE(r.ok()) << r.status().ToString();
      }
    }
    store::ScanSpec everything;
    everything.tenant = TenantId{"t1"};
    ASSERT_TRUE(store_->Scan(everything, [&](const store::StoredEvent& s) {
                  Result<model::Event> e = codec::ParseCanonical(s.canonical);
                  EXPECT_TRUE(e.ok()) << e.status().ToString();
                  if (e.ok()) all_.push_back(std::move(e).value());
                  return store::Visit::kContinue;
                }).ok());
    ASSERT_EQ(all_.size(), 300u);
  }

  template <typename T>
  const T& Pick(const std::vector<T>& v) { return v[rng_() % v.size()]; }
  bool Chance(int percent) { return static_cast<int>(rng_() % 100) < percent; }

  std::optional<std::string> Maybe(const std::vector<std::string>& domain) {
    if (Chance(30)) return std::nullopt;
    return Pick(domain);
  }

  model::Event RandomEvent() {
    model::Event e;
    e.time = TimeMs{kBase + static_cast<int64_t>(rng_() % 100) * 60'000};  // ties happen
    e.kind = Pick(kinds_);
    e.action = Pick(actions_);
    e.category = Maybe(categories_);
    e.success = Chance(70);
    e.actor.email = Maybe(emails_);
    e.actor.name = Maybe(names_);
    e.actor.ip = Maybe(ips_);
    e.entity.id = Maybe(entities_);
    e.message = Maybe(messages_);
    if (Chance(60)) e.attributes = Pick(attributes_);
    return e;
  }

  // A random condition over the fields above, values mostly from the domain.
  Condition RandomCondition() {
    struct Domain {
      const char* path;
      const std::vector<std::string>* values;
    };
    static const std::vector<std::string> kBools = {"true", "false"};
    const std::vector<Domain> domains = {
        {"kind", &kinds_},         {"action", &actions_},           {"category", &categories_},
        {"success", &kBools},      {"actor.email", &emails_},       {"actor.name", &names_},
        {"actor.ip", &ips_},       {"entity.id", &entities_},       {"message", &messages_},
        {"attributes.a.b", &attr_values_}, {"attributes.n", &attr_values_}};
    const Domain& d = Pick(domains);
    Condition c{Field(d.path), Chance(25) ? Op::kContains : Op::kEquals, {}};
    size_t n = 1 + rng_() % 3;
    for (size_t i = 0; i < n; ++i) {
      std::string v = Pick(*d.values);
      if (c.op == Op::kContains && !v.empty()) v = v.substr(rng_() % v.size(), 1 + rng_() % 4);
      if (Chance(5)) v = "absent-value";
      c.values.push_back(v);
    }
    return c;
  }

  // Tenant t1's events matching `s` in [from, to) in `order`: the oracle.
  std::vector<EventId> Expected(const Selection& s, TimeMs from, TimeMs to, Order order) {
    std::vector<const model::Event*> hits;
    for (const model::Event& e : all_) {
      if (e.time >= from && e.time < to && s.Matches(e)) hits.push_back(&e);
    }
    auto by_time = [](const model::Event* a, const model::Event* b) {
      return std::pair(a->time, a->id) < std::pair(b->time, b->id);
    };
    auto by_id = [](const model::Event* a, const model::Event* b) { return a->id < b->id; };
    if (order == Order::kIdAsc || order == Order::kIdDesc) {
      std::sort(hits.begin(), hits.end(), by_id);
    } else {
      std::sort(hits.begin(), hits.end(), by_time);
    }
    if (order == Order::kIdDesc || order == Order::kTimeDesc) std::reverse(hits.begin(), hits.end());
    std::vector<EventId> ids;
    for (const model::Event* e : hits) ids.push_back(e->id);
    return ids;
  }

  store::ScanSpec Spec(TimeMs from, TimeMs to, Order order) {
    store::ScanSpec spec;
    spec.tenant = TenantId{"t1"};
    spec.from = from;
    spec.to = to;
    spec.order = order;
    return spec;
  }

  std::vector<EventId> Visit(const Selection& s, const store::ScanSpec& spec) {
    std::vector<EventId> ids;
    Status st = ForEach(*store_, spec, s, [&](const store::StoredEvent& e) {
      ids.push_back(e.id);
      return store::Visit::kContinue;
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return ids;
  }

  // Pages through with `limit`, resuming after the last event of each page.
  std::vector<EventId> PageThrough(const Selection& s, store::ScanSpec spec, size_t limit) {
    std::vector<EventId> ids;
    for (int pages = 0; pages < 1000; ++pages) {
      Result<Page> page = FetchPage(*store_, spec, s, limit);
      EXPECT_TRUE(page.ok()) << page.status().ToString();
      if (!page.ok()) break;
      EXPECT_LE(page->events.size(), limit);
      for (const OwnedEvent& e : page->events) ids.push_back(e.id);
      if (!page->more) break;
      EXPECT_EQ(page->events.size(), limit) << "a page with more must be full";
      spec.after = store::Position{page->events.back().time, page->events.back().id};
    }
    return ids;
  }

  FakeClock clock_{kBase + 86'400'000};
  std::unique_ptr<store::EventStore> store_;
  std::vector<model::Event> all_;
  std::mt19937_64 rng_{424242};
  const std::vector<std::string> kinds_ = {"user.action", "token.use", "config.change"};
  const std::vector<std::string> actions_ = {"LOGIN", "LOGOUT", "CREATE", "DELETE"};
  const std::vector<std::string> categories_ = {"WEB_UI", "CONFIG", "TOKEN"};
  const std::vector<std::string> emails_ = {"a@example.com", "b@example.com", "c@example.org"};
  const std::vector<std::string> names_ = {"Ann", "Bob", "Ann Lee"};
  const std::vector<std::string> ips_ = {"10.0.0.1", "10.0.0.2"};
  const std::vector<std::string> entities_ = {"MOBILE_RUM: MOBILE_APPLICATION-752C", "HOST-1",
                                              "MOBILE_APPLICATION-9", "HOST-12"};
  const std::vector<std::string> messages_ = {"ok", "denied", ""};
  const std::vector<std::string> attributes_ = {R"({"a":{"b":"x"},"n":1})",
                                                R"({"a":{"b":"y~\"z"},"n":2})", R"({"n":"1"})",
                                                R"({"a":{"b":{"deep":true}}})"};
  const std::vector<std::string> attr_values_ = {"x", "y~\"z", "1", "2"};
};

TEST_F(SelectionScanTest, EmptySelectionSeesEverythingOfTheTenant) {
  Selection all;
  EXPECT_EQ(Visit(all, Spec(TimeMs{INT64_MIN}, TimeMs{INT64_MAX}, Order::kIdAsc)).size(), 300u);
  EXPECT_EQ(*CountMatching(*store_, TenantId{"t1"}, TimeMs{INT64_MIN}, TimeMs{INT64_MAX}, all),
            300u);
  EXPECT_EQ(*CountMatching(*store_, TenantId{"nobody"}, TimeMs{INT64_MIN}, TimeMs{INT64_MAX}, all),
            0u);
}

TEST_F(SelectionScanTest, NativeFilterEndToEnd) {
  Result<std::vector<Criterion>> criteria =
      ParseFilter(R"(action("LOGIN","LOGOUT"),attributes.a.b("y~~~"z"))");
  ASSERT_TRUE(criteria.ok());
  Result<Selection> s = NativeSelection(*criteria);
  ASSERT_TRUE(s.ok());
  TimeMs from{INT64_MIN}, to{INT64_MAX};
  std::vector<EventId> expected = Expected(*s, from, to, Order::kTimeDesc);
  ASSERT_FALSE(expected.empty()) << "fixture should contain matches";
  EXPECT_EQ(Visit(*s, Spec(from, to, Order::kTimeDesc)), expected);
  EXPECT_EQ(*CountMatching(*store_, TenantId{"t1"}, from, to, *s), expected.size());
}

TEST_F(SelectionScanTest, StopIsHonoured) {
  Selection s({{Field("entity.id"), Op::kContains, {"HOST"}}});
  int seen = 0;
  Status st = ForEach(*store_, Spec(TimeMs{INT64_MIN}, TimeMs{INT64_MAX}, Order::kIdAsc), s,
                      [&](const store::StoredEvent&) {
                        ++seen;
                        return store::Visit::kStop;
                      });
  EXPECT_TRUE(st.ok());
  EXPECT_EQ(seen, 1);
}

TEST_F(SelectionScanTest, ZeroLimitAnswersOnlyMore) {
  Selection s;
  Result<Page> page =
      FetchPage(*store_, Spec(TimeMs{INT64_MIN}, TimeMs{INT64_MAX}, Order::kIdAsc), s, 0);
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->events.empty());
  EXPECT_TRUE(page->more);
  Selection none({{Field("kind"), Op::kEquals, {}}});
  page = FetchPage(*store_, Spec(TimeMs{INT64_MIN}, TimeMs{INT64_MAX}, Order::kIdAsc), none, 10);
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->events.empty());
  EXPECT_FALSE(page->more);
}

TEST_F(SelectionScanTest, PageCarriesCanonicalBytes) {
  Selection s({{Field("kind"), Op::kEquals, {"token.use"}}});
  Result<Page> page =
      FetchPage(*store_, Spec(TimeMs{INT64_MIN}, TimeMs{INT64_MAX}, Order::kIdAsc), s, 3);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->events.size(), 3u);
  for (const OwnedEvent& e : page->events) {
    Result<std::optional<std::string>> got = store_->Get(TenantId{"t1"}, e.id);
    ASSERT_TRUE(got.ok() && got->has_value());
    EXPECT_EQ(**got, e.canonical);
    EXPECT_EQ(codec::ParseCanonical(e.canonical)->time, e.time);
  }
}

TEST_F(SelectionScanTest, RandomizedAgainstBruteForce) {
  const Order orders[] = {Order::kIdAsc, Order::kIdDesc, Order::kTimeAsc, Order::kTimeDesc};
  int nonempty = 0, cheap = 0;
  for (int round = 0; round < 300; ++round) {
    Selection s;
    int n = static_cast<int>(rng_() % 4);
    for (int i = 0; i < n; ++i) s.Add(RandomCondition());
    TimeMs from{INT64_MIN}, to{INT64_MAX};
    if (Chance(60)) {
      from = TimeMs{kBase + static_cast<int64_t>(rng_() % 100) * 60'000};
      to = TimeMs{from.ms + static_cast<int64_t>(rng_() % 60) * 60'000};
    }
    Order order = orders[rng_() % 4];
    SCOPED_TRACE("round " + std::to_string(round));
    std::vector<EventId> expected = Expected(s, from, to, order);
    nonempty += !expected.empty();
    cheap += s.has_cheap_count();

    EXPECT_EQ(Visit(s, Spec(from, to, order)), expected);
    EXPECT_EQ(PageThrough(s, Spec(from, to, order), 1 + rng_() % 7), expected);
    Result<uint64_t> count = CountMatching(*store_, TenantId{"t1"}, from, to, s);
    ASSERT_TRUE(count.ok()) << count.status().ToString();
    EXPECT_EQ(*count, expected.size());
  }
  // The random mix must exercise both answers and both count paths.
  EXPECT_GT(nonempty, 100);
  EXPECT_GT(cheap, 30);
  EXPECT_LT(cheap, 270);
}

}  // namespace
}  // namespace trailkeep::query
