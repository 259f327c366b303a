// The one typed suite every EventStore backend must pass.
#include <map>
#include <random>
#include <set>
#include <thread>

#include "store/store_test_util.h"

namespace trailkeep::store::testing {
namespace {

template <typename Backend>
class EventStoreTest : public StoreFixture<Backend> {};
TYPED_TEST_SUITE(EventStoreTest, Backends, BackendNames);

// Reopening only means something for a backend that keeps its data.
template <typename Backend>
class DurableEventStoreTest : public StoreFixture<Backend> {};
TYPED_TEST_SUITE(DurableEventStoreTest, ::testing::Types<RocksDbBackend>, BackendNames);

using model::IndexedField;

TYPED_TEST(EventStoreTest, IdsAreConsecutiveFromOneAcrossBatchesAndTenants) {
  EXPECT_EQ(this->store_->LastCommittedId(), EventId{0});
  auto a = this->Append("a", {MakeEvent(1), MakeEvent(2), MakeEvent(3)});
  auto b = this->Append("b", {MakeEvent(1)});
  auto c = this->Append("a", {MakeEvent(5), MakeEvent(4)});
  EXPECT_EQ(a, (std::vector<EventId>{{1}, {2}, {3}}));
  EXPECT_EQ(b, (std::vector<EventId>{{4}}));
  EXPECT_EQ(c, (std::vector<EventId>{{5}, {6}}));
  EXPECT_EQ(this->store_->LastCommittedId(), EventId{6});
}

TYPED_TEST(EventStoreTest, RejectsEmptyBatchAndBadTenant) {
  auto r = this->store_->Append(AppendBatch{TenantId{"a"}, {}, std::nullopt, ""});
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  r = this->store_->Append(AppendBatch{TenantId{"bad tenant!"}, {MakeEvent(1)}, std::nullopt, ""});
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(this->store_->LastCommittedId(), EventId{0});
}

TYPED_TEST(DurableEventStoreTest, SurvivesReopen) {
  this->Append("a", {MakeEvent(10), MakeEvent(20)});
  this->Append("b", {MakeEvent(30)});
  auto before = this->store_->Get(TenantId{"b"}, EventId{3});
  this->Reopen();
  EXPECT_EQ(this->store_->LastCommittedId(), EventId{3});
  EXPECT_EQ(*this->store_->Get(TenantId{"b"}, EventId{3}), *before);
  auto next = this->Append("c", {MakeEvent(40)});
  EXPECT_EQ(next, (std::vector<EventId>{{4}}));
  EXPECT_EQ(this->Count(CountFor("a")), 2u);
  auto tenants = this->store_->ListTenants();
  EXPECT_EQ(*tenants, (std::vector<TenantId>{{"a"}, {"b"}, {"c"}}));
}

model::Event WithEntity(int64_t time, std::string entity) {
  model::Event e = MakeEvent(time);
  e.entity.id = std::move(entity);
  return e;
}

std::optional<std::vector<std::string>> Containing(EventStore& store, const char* tenant,
                                                   std::string_view needle, size_t max = 100) {
  auto r = store.ValuesContaining(TenantId{tenant}, IndexedField::kEntityId, needle, max);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : std::nullopt;
}

TYPED_TEST(EventStoreTest, ValuesContainingListsDistinctStoredValues) {
  this->Append("a", {WithEntity(1, "pkg-001"), WithEntity(2, "pkg-002"), WithEntity(3, "pkg-001")});
  this->Append("a", {WithEntity(4, "lib-001"), MakeEvent(5)});
  this->Append("b", {WithEntity(6, "pkg-003")});
  using V = std::vector<std::string>;
  EXPECT_EQ(Containing(*this->store_, "a", "001"), (V{"lib-001", "pkg-001"}));
  EXPECT_EQ(Containing(*this->store_, "a", "pkg"), (V{"pkg-001", "pkg-002"}));
  EXPECT_EQ(Containing(*this->store_, "a", ""), (V{"lib-001", "pkg-001", "pkg-002"}));
  EXPECT_EQ(Containing(*this->store_, "a", "003"), V{});      // another tenant's value
  EXPECT_EQ(Containing(*this->store_, "nobody", "pkg"), V{});  // unknown tenant
  EXPECT_EQ(Containing(*this->store_, "a", "pkg", 1), std::nullopt);  // too many
  // A needle spanning the end of one value and the start of another.
  EXPECT_EQ(Containing(*this->store_, "a", std::string("001\0p", 5)), V{});
  EXPECT_EQ(Containing(*this->store_, "a", "1"), (V{"lib-001", "pkg-001"}));
}

TYPED_TEST(DurableEventStoreTest, ValuesContainingSurvivesReopen) {
  this->Append("a", {WithEntity(1, std::string("zero\0byte", 9)), WithEntity(2, "pkg-002")});
  this->Reopen();
  this->Append("a", {WithEntity(3, "pkg-002"), WithEntity(4, "pkg-004")});
  this->Append("b", {WithEntity(5, "pkg-005"), WithEntity(6, "")});
  using V = std::vector<std::string>;
  for (int round = 0; round < 2; ++round) {
    EXPECT_EQ(Containing(*this->store_, "a", "pkg"), (V{"pkg-002", "pkg-004"}));
    EXPECT_EQ(Containing(*this->store_, "a", std::string("\0", 1)),
              V{std::string("zero\0byte", 9)});
    EXPECT_EQ(Containing(*this->store_, "b", ""), (V{"", "pkg-005"}));
    this->Reopen();  // the second round reads what the first reopen loaded
  }
}

TYPED_TEST(EventStoreTest, ConcurrentAppendsAreGapFree) {
  constexpr int kThreads = 6, kBatches = 40;
  std::vector<std::vector<std::vector<EventId>>> got(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kBatches; ++i) {
        std::vector<model::Event> events(1 + (t + i) % 5, MakeEvent(i));
        const char* tenants[] = {"t0", "t1", "t2"};
        AppendBatch b{TenantId{tenants[t % 3]}, events, std::nullopt, ""};
        auto r = this->store_->Append(b);
        ASSERT_TRUE(r.ok()) << r.status().ToString();
        got[t].push_back(r->ids);
      }
    });
  }
  for (auto& th : threads) th.join();
  std::vector<uint64_t> all;
  for (auto& per_thread : got) {
    uint64_t prev = 0;
    for (auto& ids : per_thread) {
      for (EventId id : ids) {
        EXPECT_GT(id.value, prev);  // commit order follows each thread's order
        prev = id.value;
        all.push_back(id.value);
      }
    }
  }
  std::sort(all.begin(), all.end());
  for (size_t i = 0; i < all.size(); ++i) ASSERT_EQ(all[i], i + 1);
  EXPECT_EQ(this->store_->LastCommittedId(), EventId{all.size()});
  uint64_t total = 0;
  for (int t = 0; t < 3; ++t) total += this->Count(CountFor("t" + std::to_string(t)));
  EXPECT_EQ(total, all.size());
}

TYPED_TEST(EventStoreTest, TenantsAreIsolated) {
  this->Append("a", {MakeEvent(1, "k", "x")});
  this->Append("b", {MakeEvent(1, "k", "x"), MakeEvent(2, "k", "y")});
  EXPECT_TRUE(this->store_->Get(TenantId{"a"}, EventId{1})->has_value());
  EXPECT_FALSE(this->store_->Get(TenantId{"b"}, EventId{1})->has_value());
  EXPECT_FALSE(this->store_->Get(TenantId{"c"}, EventId{1})->has_value());
  EXPECT_FALSE(this->store_->Get(TenantId{"a"}, EventId{99})->has_value());
  for (Order o : {Order::kIdAsc, Order::kIdDesc, Order::kTimeAsc, Order::kTimeDesc}) {
    ScanSpec spec = ScanFor("a");
    spec.order = o;
    EXPECT_EQ(this->ScanIds(spec), (std::vector<uint64_t>{1}));
    spec.tenant = TenantId{"c"};
    EXPECT_TRUE(this->ScanIds(spec).empty());
  }
  EXPECT_EQ(this->Count(CountFor("a")), 1u);
  EXPECT_EQ(this->Count(CountFor("b")), 2u);
  EXPECT_EQ(this->Count(CountFor("c")), 0u);
  CountSpec m = CountFor("b");
  m.match = FieldMatch{IndexedField::kAction, {"x"}};
  EXPECT_EQ(this->Count(m), 1u);
  EXPECT_EQ(*this->store_->ListTenants(), (std::vector<TenantId>{{"a"}, {"b"}}));
}

TYPED_TEST(EventStoreTest, ScanOrdersWindowsAndCursors) {
  // Times out of commit order, with ties.
  std::vector<int64_t> times = {50, 10, 30, 10, -20, 40, 30, 60};
  std::vector<model::Event> events;
  for (int64_t t : times) events.push_back(MakeEvent(t));
  this->Append("a", events);
  this->Append("z", {MakeEvent(35)});
  ScanSpec spec = ScanFor("a");
  spec.from = TimeMs{10};
  spec.to = TimeMs{50};
  spec.order = Order::kIdAsc;
  EXPECT_EQ(this->ScanIds(spec), (std::vector<uint64_t>{2, 3, 4, 6, 7}));
  spec.order = Order::kIdDesc;
  EXPECT_EQ(this->ScanIds(spec), (std::vector<uint64_t>{7, 6, 4, 3, 2}));
  spec.order = Order::kTimeAsc;
  EXPECT_EQ(this->ScanIds(spec), (std::vector<uint64_t>{2, 4, 3, 7, 6}));
  spec.order = Order::kTimeDesc;
  EXPECT_EQ(this->ScanIds(spec), (std::vector<uint64_t>{6, 7, 3, 4, 2}));
  spec.after = Position{TimeMs{30}, EventId{7}};
  EXPECT_EQ(this->ScanIds(spec), (std::vector<uint64_t>{3, 4, 2}));
  spec.order = Order::kTimeAsc;
  EXPECT_EQ(this->ScanIds(spec), (std::vector<uint64_t>{6}));
  spec.order = Order::kIdAsc;
  spec.after = Position{TimeMs{0}, EventId{3}};
  EXPECT_EQ(this->ScanIds(spec), (std::vector<uint64_t>{4, 6, 7}));
  spec.from = TimeMs{INT64_MIN};
  spec.to = TimeMs{INT64_MAX};
  spec.after.reset();
  spec.order = Order::kTimeAsc;
  EXPECT_EQ(this->ScanIds(spec, 2), (std::vector<uint64_t>{5, 2}));
}

TYPED_TEST(EventStoreTest, MatchesSeveralValuesAndFields) {
  auto e = [](std::string kind, std::string action, std::optional<std::string> email, bool ok) {
    model::Event ev = MakeEvent(100, std::move(kind), std::move(action));
    ev.actor.email = std::move(email);
    ev.success = ok;
    return ev;
  };
  this->Append("a", {e("k1", "x", "u@x", true), e("k1", "y", std::nullopt, false),
                     e("k2", "x", "v@x", false), e("k3", "z", "u@x", true)});
  for (Order o : {Order::kIdAsc, Order::kIdDesc, Order::kTimeAsc, Order::kTimeDesc}) {
    ScanSpec spec = ScanFor("a");
    spec.order = o;
    bool desc = o == Order::kIdDesc || o == Order::kTimeDesc;
    auto expect = [&](std::vector<uint64_t> ids) {
      if (desc) std::reverse(ids.begin(), ids.end());
      EXPECT_EQ(this->ScanIds(spec), ids);
    };
    spec.matches = {{IndexedField::kKind, {"k1", "k2", "nope"}}};
    expect({1, 2, 3});
    spec.matches.push_back({IndexedField::kAction, {"x"}});
    expect({1, 3});
    spec.matches.push_back({IndexedField::kSuccess, {"false"}});
    expect({3});
    spec.matches = {{IndexedField::kActorEmail, {"u@x", "v@x"}}};
    expect({1, 3, 4});  // event 2 has no email: never matches
    spec.matches = {{IndexedField::kCategory, {""}}};
    expect({});
    spec.matches = {{IndexedField::kKind, {}}};
    expect({});
  }
  CountSpec c = CountFor("a");
  c.match = FieldMatch{IndexedField::kActorEmail, {"u@x", "v@x", "u@x"}};
  EXPECT_EQ(this->Count(c), 3u);
  c.match = FieldMatch{IndexedField::kSuccess, {"true"}};
  EXPECT_EQ(this->Count(c), 2u);
}

TYPED_TEST(EventStoreTest, UidDeduplicatesWithinAndAcrossBatches) {
  auto with_uid = [](int64_t t, std::string uid) {
    model::Event e = MakeEvent(t);
    e.uid = std::move(uid);
    return e;
  };
  auto ids = this->Append("a", {with_uid(1, "u1"), with_uid(2, "u2"), with_uid(3, "u1"), MakeEvent(4)});
  EXPECT_EQ(ids, (std::vector<EventId>{{1}, {2}, {1}, {3}}));
  ids = this->Append("a", {with_uid(5, "u2"), with_uid(6, "u3")});
  EXPECT_EQ(ids, (std::vector<EventId>{{2}, {4}}));
  ids = this->Append("b", {with_uid(7, "u1")});  // uids are per tenant
  EXPECT_EQ(ids, (std::vector<EventId>{{5}}));
  ids = this->Append("a", {with_uid(8, "u1")});
  EXPECT_EQ(ids, (std::vector<EventId>{{1}}));
  EXPECT_EQ(this->store_->LastCommittedId(), EventId{5});
  EXPECT_EQ(this->Count(CountFor("a")), 4u);
}

TYPED_TEST(EventStoreTest, IdempotencyKeyReplaysAndConflicts) {
  AppendBatch b{TenantId{"a"}, {MakeEvent(1), MakeEvent(2)}, "key-1", "hash-1"};
  auto first = this->store_->Append(b);
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(first->replayed);
  auto again = this->store_->Append(b);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->replayed);
  EXPECT_EQ(again->ids, first->ids);
  EXPECT_EQ(this->store_->LastCommittedId(), EventId{2});
  b.request_hash = "hash-2";
  EXPECT_EQ(this->store_->Append(b).status().code(), StatusCode::kAlreadyExists);
  b.tenant = TenantId{"other"};  // keys are per tenant
  auto other = this->store_->Append(b);
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->replayed);
  EXPECT_EQ(this->store_->LastCommittedId(), EventId{4});
}

TYPED_TEST(EventStoreTest, CanonicalBytesAreKeptAsCommitted) {
  model::Event e = MakeEvent(-1234, "config.change", "update");
  e.category = "settings";
  e.actor.id = "u-1";
  e.actor.name = "Zoë \"quoted\"";
  e.entity.id = "obj-9";
  e.message = "line1\nline2";
  e.attributes = R"({"b":[1,2,{"c":null}],"a":"\u00e9"})";
  auto ids = this->Append("t1", {e});
  model::Event stored = e;
  stored.id = ids[0];
  stored.tenant = TenantId{"t1"};
  stored.received = TimeMs{kNow};
  std::string expected = codec::CanonicalJson(stored);
  EXPECT_EQ(**this->store_->Get(TenantId{"t1"}, ids[0]), expected);
  auto scanned = this->ScanAll(ScanFor("t1"));
  ASSERT_EQ(scanned.size(), 1u);
  EXPECT_EQ(scanned[0].second, expected);
}

// The store assigns id and received and overwrites tenant, whatever the
// input event carries.
TYPED_TEST(EventStoreTest, AssignedFieldsOverrideInput) {
  model::Event e = MakeEvent(1'700'000'000'123, "k", "a");
  e.id = EventId{777};
  e.tenant = TenantId{"someone-else"};
  e.received = TimeMs{5};
  auto first = this->Append("t1", {MakeEvent(1)});
  auto ids = this->Append("t1", {e, e});
  ASSERT_EQ(ids.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(ids[i].value, first[0].value + 1 + i);
    model::Event stored = e;
    stored.id = ids[i];
    stored.tenant = TenantId{"t1"};
    stored.received = TimeMs{kNow};
    EXPECT_EQ(**this->store_->Get(TenantId{"t1"}, ids[i]), codec::CanonicalJson(stored));
  }
}

TYPED_TEST(EventStoreTest, MetaStore) {
  MetaStore& m = this->store_->Meta();
  EXPECT_FALSE(m.Get("tok/1")->has_value());
  ASSERT_TRUE(m.Put("tok/1", "one").ok());
  ASSERT_TRUE(m.Put("tok/2", "two").ok());
  ASSERT_TRUE(m.Put("tol", "x").ok());
  ASSERT_TRUE(m.Put("tok/1", "uno").ok());
  EXPECT_EQ(**m.Get("tok/1"), "uno");
  std::vector<std::pair<std::string, std::string>> rows;
  ASSERT_TRUE(m.List("tok/", [&](std::string_view k, std::string_view v) {
                 rows.emplace_back(k, v);
               }).ok());
  EXPECT_EQ(rows, (std::vector<std::pair<std::string, std::string>>{{"tok/1", "uno"}, {"tok/2", "two"}}));
  ASSERT_TRUE(m.Delete("tok/1").ok());
  ASSERT_TRUE(m.Delete("absent").ok());
  EXPECT_FALSE(m.Get("tok/1")->has_value());
  if constexpr (TypeParam::kPersistent) {
    this->Reopen();
    EXPECT_EQ(**this->store_->Meta().Get("tok/2"), "two");
  }
}

TYPED_TEST(EventStoreTest, CommitListenerFires) {
  std::atomic<uint64_t> seen{0};
  std::atomic<int> calls{0};
  this->store_->SetCommitListener([&](EventId id) {
    seen = id.value;
    ++calls;
  });
  this->Append("a", {MakeEvent(1), MakeEvent(2)});
  EXPECT_EQ(seen.load(), 2u);
  this->Append("a", {MakeEvent(3)});
  EXPECT_EQ(seen.load(), 3u);
  EXPECT_EQ(calls.load(), 2);
}

// Random events and random specs, checked against a brute-force answer.
TYPED_TEST(EventStoreTest, RandomScansAndCountsMatchBruteForce) {
  std::mt19937_64 rng(42);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<uint64_t>(n)); };
  const std::vector<std::string> tenants = {"t0", "t1", "t2"};
  const std::vector<std::string> kinds = {"k0", "k1", "k2"}, actions = {"a0", "a1", "a2", "a3"};
  // Six emails on half the events: each is rare enough (about 1/12) for
  // id-order scans to walk its postings rather than the events.
  const std::vector<std::string> emails = {"e0", "e1", "e2", "e3", "e4", "e5"};
  // Times over ten days around the epoch, so windows cross negative times,
  // minutes and days.
  const int64_t span = 10 * 86'400'000LL, base = -3 * 86'400'000LL;
  Reference ref;
  for (int batch = 0; batch < 60; ++batch) {
    std::string tenant = tenants[static_cast<size_t>(pick(3))];
    std::vector<model::Event> events;
    int n = 1 + pick(100);
    for (int i = 0; i < n; ++i) {
      // Cluster some events on minute and day boundaries.
      int64_t t = base + static_cast<int64_t>(rng() % static_cast<uint64_t>(span));
      if (pick(4) == 0) t -= t % 60'000;
      if (pick(8) == 0) t -= t % 3'600'000;
      model::Event e = MakeEvent(t, kinds[static_cast<size_t>(pick(3))],
                                 actions[static_cast<size_t>(pick(4))]);
      if (pick(2)) e.actor.email = emails[static_cast<size_t>(pick(6))];
      if (pick(3) == 0) e.category = "c0";
      e.success = pick(3) != 0;
      events.push_back(std::move(e));
    }
    auto ids = this->Append(tenant, events);
    ASSERT_EQ(ids.size(), events.size());
    for (size_t i = 0; i < ids.size(); ++i) ref.Add(tenant, events[i], ids[i]);
  }
  auto random_time = [&]() -> int64_t {
    switch (pick(6)) {
      case 0: return base + pick(11) * 86'400'000LL;  // day boundary
      case 1: return base + pick(14400) * 60'000LL;   // minute boundary
      case 2: return base + pick(240) * 3'600'000LL;  // hour boundary
      default: return base - 1000 + static_cast<int64_t>(rng() % static_cast<uint64_t>(span + 2000));
    }
  };
  auto random_match = [&]() {
    switch (pick(5)) {
      case 0: return FieldMatch{IndexedField::kKind, {kinds[static_cast<size_t>(pick(3))]}};
      case 1: return FieldMatch{IndexedField::kAction, {actions[static_cast<size_t>(pick(4))], "zz", "a1"}};
      case 2: return FieldMatch{IndexedField::kActorEmail, {emails[static_cast<size_t>(pick(6))]}};
      case 3: return FieldMatch{IndexedField::kCategory, {"c0"}};
      default: return FieldMatch{IndexedField::kSuccess, {pick(2) ? "true" : "false"}};
    }
  };
  for (int i = 0; i < 600; ++i) {
    ScanSpec spec = ScanFor(tenants[static_cast<size_t>(pick(3))]);
    int64_t a = random_time(), b = random_time();
    spec.from = TimeMs{std::min(a, b)};
    spec.to = TimeMs{std::max(a, b)};
    if (pick(8) == 0) spec.from = TimeMs{INT64_MIN};
    if (pick(8) == 0) spec.to = TimeMs{INT64_MAX};
    spec.order = static_cast<Order>(pick(4));
    for (int m = pick(3); m > 0; --m) spec.matches.push_back(random_match());
    std::vector<uint64_t> expected = ref.Scan(spec);
    ASSERT_EQ(this->ScanIds(spec), expected) << "spec " << i;

    // Planning hints, right or wrong, never change the answer (they only
    // steer the access path and the first fetch).
    ScanSpec hinted = spec;
    hinted.expected = pick(4) == 0 ? 0 : static_cast<size_t>(1 + pick(300));
    if (spec.matches.size() == 1) {
      const uint64_t counts[] = {expected.size(), 0, 1'000'000'000};
      hinted.known_count = counts[pick(3)];
    }
    hinted.bulk = pick(2) == 0;
    ASSERT_EQ(this->ScanIds(hinted), expected) << "hinted spec " << i;

    // Page through with `after` cursors: no gaps, no repeats.
    std::vector<uint64_t> paged;
    ScanSpec page = pick(2) ? hinted : spec;
    for (;;) {
      std::optional<Position> last;
      size_t n = 0;
      ASSERT_TRUE(this->store_->Scan(page, [&](const StoredEvent& e) {
        paged.push_back(e.id.value);
        last = Position{e.time, e.id};
        return ++n == 37 ? Visit::kStop : Visit::kContinue;
      }).ok());
      if (n < 37) break;
      page.after = last;
    }
    ASSERT_EQ(paged, expected) << "paged spec " << i;

    ScanSpec all = ScanFor(spec.tenant.value);
    all.from = spec.from;
    all.to = spec.to;
    all.order = Order::kIdAsc;
    std::vector<uint64_t> in_window = ref.Scan(all);
    auto span = this->store_->IdSpanOf(spec.tenant, spec.from, spec.to);
    ASSERT_TRUE(span.ok());
    ASSERT_EQ(span->has_value(), !in_window.empty()) << "span " << i;
    if (!in_window.empty()) {
      EXPECT_EQ((*span)->min.value, in_window.front()) << "span " << i;
      EXPECT_EQ((*span)->max.value, in_window.back()) << "span " << i;
    }

    // Bucket stats of the window shrunk to whole buckets: they add up to its
    // count, and each bucket agrees with Count and IdSpanOf.
    const int64_t grains[] = {60'000, 3'600'000, 86'400'000};
    const int64_t grain = grains[pick(3)];
    if (spec.from.ms > INT64_MIN / 2 && spec.to.ms < INT64_MAX / 2) {
      auto floor_to = [grain](int64_t t) { return (t / grain - (t % grain < 0 ? 1 : 0)) * grain; };
      const int64_t a = floor_to(spec.from.ms), b = floor_to(spec.to.ms);
      auto stats = this->store_->BucketStats(spec.tenant, TimeMs{a}, TimeMs{b}, grain);
      ASSERT_TRUE(stats.ok()) << stats.status().ToString();
      uint64_t sum = 0;
      for (const BucketStat& bucket : *stats) {
        sum += bucket.count;
        const TimeMs end{bucket.start.ms + grain};
        ASSERT_EQ(bucket.count, this->Count(CountFor(spec.tenant.value, bucket.start.ms, end.ms)));
        auto span = this->store_->IdSpanOf(spec.tenant, bucket.start, end);
        ASSERT_TRUE(span.ok() && span->has_value());
        EXPECT_EQ(bucket.ids.min, (*span)->min);
        EXPECT_EQ(bucket.ids.max, (*span)->max);
      }
      EXPECT_EQ(sum, this->Count(CountFor(spec.tenant.value, a, b))) << "buckets " << i;
    }

    CountSpec count = CountFor(spec.tenant.value, spec.from.ms, spec.to.ms);
    if (pick(2)) count.match = random_match();
    ASSERT_EQ(this->Count(count), ref.Count(count)) << "count " << i;
  }
}

}  // namespace
}  // namespace trailkeep::store::testing
