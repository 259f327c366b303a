// LocateOffset and FetchPageAtOffset over every store backend (the typed
// fixture of tests/store), compared with a brute-force answer: every event
// of the tenant, filtered, sorted and sliced.
#include "query/offset_locate.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

#include "query/offset_page.h"
#include "store/store_test_util.h"

namespace trailkeep::query {
namespace {

using model::IndexedField;
using store::FieldMatch;
using store::Order;
using store::testing::BackendNames;
using store::testing::Backends;
using store::testing::Reference;
using store::testing::StoreFixture;

constexpr int64_t kBase = 1'795'000'000'000;  // 2026-11-18T...Z
constexpr int64_t kMinute = 60'000, kHour = 3'600'000, kDay = 86'400'000;
constexpr Order kOrders[] = {Order::kIdAsc, Order::kIdDesc, Order::kTimeAsc, Order::kTimeDesc};

template <typename Backend>
class OffsetLocateTest : public StoreFixture<Backend> {
 protected:
  // Appends `times` for tenant "t" in that id order (batches of 500), with
  // random indexed fields; every seventh event goes to tenant "other".
  void Load(const std::vector<int64_t>& times) {
    std::mt19937 rng(3);
    for (size_t start = 0; start < times.size(); start += 500) {
      std::vector<model::Event> mine, theirs;
      for (size_t i = start; i < std::min(times.size(), start + 500); ++i) {
        model::Event e =
            store::testing::MakeEvent(times[i], kKinds[rng() % 3], kActions[rng() % 4]);
        e.success = rng() % 5 != 0;
        if (rng() % 50 == 0) e.actor.email = "rare@x.io";
        if (rng() % 3 == 0) e.entity.id = "e" + std::to_string(rng() % 4);
        (i % 7 == 6 ? theirs : mine).push_back(e);
      }
      std::vector<store::EventId> ids = this->Append("t", mine);
      ASSERT_EQ(ids.size(), mine.size());
      for (size_t k = 0; k < ids.size(); ++k) ref_.Add("t", mine[k], ids[k]);
      if (!theirs.empty()) this->Append("other", theirs);
    }
  }

  // The window's ids in its order, by brute force.
  std::vector<uint64_t> Expected(const OffsetWindow& w) const {
    store::ScanSpec spec(w.tenant, w.from, w.to, w.order);
    if (w.match) spec.matches.push_back(*w.match);
    return ref_.Scan(spec);
  }

  // Up to `n` ids read from LocateOffset's start; the start's skip in *skip.
  std::vector<uint64_t> Read(const OffsetWindow& w, uint64_t offset, size_t n,
                             uint64_t* skip = nullptr) {
    Result<OffsetStart> start = LocateOffset(*this->store_, w, offset);
    EXPECT_TRUE(start.ok()) << start.status().ToString();
    if (!start.ok() || start->past_end) return {};
    if (skip) *skip = start->skip;
    std::vector<uint64_t> ids;
    uint64_t to_skip = start->skip;
    Status s = this->store_->Scan(start->spec, [&](const store::StoredEvent& e) {
      if (to_skip > 0) {
        --to_skip;
        return store::Visit::kContinue;
      }
      ids.push_back(e.id.value);
      return ids.size() >= n ? store::Visit::kStop : store::Visit::kContinue;
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return ids;
  }

  // Random windows, matches, orders and offsets, compared with Expected.
  void CheckRandom(int rounds, int64_t span_ms) {
    std::mt19937 rng(11);
    const std::vector<std::optional<FieldMatch>> matches = {
        std::nullopt,
        FieldMatch{IndexedField::kKind, {"curation.package"}},
        FieldMatch{IndexedField::kAction, {"login", "delete"}},
        FieldMatch{IndexedField::kActorEmail, {"rare@x.io"}},
        FieldMatch{IndexedField::kSuccess, {"false"}},
        FieldMatch{IndexedField::kEntityId, {"e1"}},
        FieldMatch{IndexedField::kKind, {}},
    };
    for (int round = 0; round < rounds; ++round) {
      OffsetWindow w;
      w.tenant = model::TenantId{"t"};
      if (round % 5 != 0) {  // every fifth window is all time
        w.from = {kBase - 2 * kHour + static_cast<int64_t>(rng() % span_ms)};
        w.to = {w.from.ms + static_cast<int64_t>(rng() % span_ms)};
      }
      w.match = matches[rng() % matches.size()];
      w.order = kOrders[rng() % 4];
      std::vector<uint64_t> want = Expected(w);
      std::vector<uint64_t> offsets = {0, 1, 255, 256, 257, want.size(), want.size() + 3};
      for (int k = 0; k < 6 && !want.empty(); ++k) offsets.push_back(rng() % want.size());
      if (want.size() > 2) offsets.push_back(want.size() - 1);
      for (uint64_t offset : offsets) {
        size_t n = 1 + rng() % 30;
        std::vector<uint64_t> slice;
        for (uint64_t i = offset; i < want.size() && slice.size() < n; ++i) {
          slice.push_back(want[i]);
        }
        ASSERT_EQ(Read(w, offset, n), slice)
            << "round " << round << " order " << static_cast<int>(w.order) << " match "
            << (w.match ? static_cast<int>(w.match->field) : 0) << " offset " << offset
            << " window " << w.from.ms << " .. " << w.to.ms << " of " << want.size();
      }
    }
  }

  static constexpr const char* kKinds[] = {"user.action", "curation.package", "system.job"};
  static constexpr const char* kActions[] = {"login", "delete", "create", "update"};
  Reference ref_;
};
TYPED_TEST_SUITE(OffsetLocateTest, Backends, BackendNames);

// Live ingestion: times follow ids, an eighth of the events up to two hours
// late, a few backdated by days, one dense minute (> 256 events).
TYPED_TEST(OffsetLocateTest, LateEventsMatchBruteForce) {
  std::mt19937 rng(8);
  std::vector<int64_t> times;
  int64_t t = kBase;
  for (int i = 0; i < 6000; ++i) {
    t += 1000 * static_cast<int64_t>(rng() % 90);
    int64_t late = rng() % 8 == 0 ? static_cast<int64_t>(rng() % (2 * kHour)) : 0;
    if (rng() % 200 == 0) late = static_cast<int64_t>(rng() % (5 * kDay));
    times.push_back(t - late);
  }
  for (int i = 0; i < 400; ++i) times.push_back(kBase + kDay + 30'000 + i % 3);
  this->Load(times);
  this->CheckRandom(40, 6 * kDay);
}

// Ids that disagree with time in every way: a reversed run, random
// stragglers over a month, events long before the others.
TYPED_TEST(OffsetLocateTest, ScatteredIdsMatchBruteForce) {
  std::mt19937 rng(5);
  std::vector<int64_t> times;
  for (int i = 0; i < 1500; ++i) times.push_back(kBase + i * 97'000);
  for (int i = 1500; i > 0; --i) times.push_back(kBase + 2 * kDay + i * 61'000);
  for (int i = 0; i < 900; ++i) times.push_back(kBase + static_cast<int64_t>(rng() % (30 * kDay)));
  for (int i = 0; i < 200; ++i)
    times.push_back(kBase - 400 * kDay - static_cast<int64_t>(rng() % kDay));
  this->Load(times);
  this->CheckRandom(40, 10 * kDay);
}

// Where ids follow time (a tenth of the events one minute late), a deep
// offset is found from the counts: what is left to skip is bounded (at most
// the 2,048 under which ranking cuts is not tried), not the offset.
TYPED_TEST(OffsetLocateTest, DeepOffsetLeavesLittleToSkip) {
  std::vector<int64_t> times;
  for (int i = 0; i < 20'000; ++i) times.push_back(kBase + i * 9'000 - (i % 10 == 0 ? kMinute : 0));
  this->Load(times);
  for (Order order : kOrders) {
    OffsetWindow w{model::TenantId{"t"}, {kBase}, {kBase + 3 * kDay}, std::nullopt, order};
    std::vector<uint64_t> want = this->Expected(w);
    ASSERT_GT(want.size(), 15'000u);
    uint64_t skip = 0;
    std::vector<uint64_t> got = this->Read(w, 15'000, 5, &skip);
    EXPECT_EQ(got, std::vector<uint64_t>(want.begin() + 15'000, want.begin() + 15'005));
    EXPECT_LE(skip, 2048u) << "order " << static_cast<int>(order);
  }
}

TYPED_TEST(OffsetLocateTest, EmptyWindowsArePastTheEnd) {
  this->Load({kBase, kBase + kMinute});
  OffsetWindow empty{
      model::TenantId{"t"}, {kBase + kHour}, {kBase + kDay}, std::nullopt, Order::kIdDesc};
  auto start = LocateOffset(*this->store_, empty, 1);
  ASSERT_TRUE(start.ok());
  EXPECT_TRUE(start->past_end);
  OffsetWindow nobody{
      model::TenantId{"nobody"}, {INT64_MIN}, {INT64_MAX}, std::nullopt, Order::kIdAsc};
  start = LocateOffset(*this->store_, nobody, 5);
  ASSERT_TRUE(start.ok());
  EXPECT_TRUE(start->past_end);
  OffsetWindow inverted{model::TenantId{"t"}, {kBase + 1}, {kBase}, std::nullopt, Order::kIdAsc};
  start = LocateOffset(*this->store_, inverted, 0);
  ASSERT_TRUE(start.ok());
  EXPECT_TRUE(start->past_end);
}

// FetchPageAtOffset: located (no filter, one store match) and scanned
// (two store matches, a residual) selections give the brute-force slice.
TYPED_TEST(OffsetLocateTest, FetchPageAtOffsetMatchesBruteForce) {
  std::vector<int64_t> times;
  for (int i = 0; i < 3000; ++i) times.push_back(kBase + i * 20'000 - (i % 9 == 0 ? kHour : 0));
  this->Load(times);
  auto field = [](std::string_view path) { return FieldRef::Parse(path).value(); };
  using Op = Condition::Op;
  const std::vector<Selection> selections = {
      Selection(),
      Selection({Condition{field("action"), Op::kEquals, {"login"}}}),
      Selection({Condition{field("action"), Op::kEquals, {"login", "create"}},
                 Condition{field("kind"), Op::kEquals, {"user.action"}}}),
      Selection({Condition{field("kind"), Op::kContains, {"action"}}}),
      Selection({Condition{field("kind"), Op::kEquals, {"a"}},
                 Condition{field("kind"), Op::kEquals, {"b"}}}),  // matches nothing
  };
  std::map<uint64_t, model::Event> by_id;
  for (const model::Event& e : this->ref_.events()) by_id.emplace(e.id.value, e);
  std::mt19937 rng(2);
  for (const Selection& selection : selections) {
    for (Order order : {Order::kIdAsc, Order::kIdDesc}) {
      store::ScanSpec base(model::TenantId{"t"}, {kBase + kHour}, {kBase + 15 * kHour}, order);
      std::vector<uint64_t> want;
      for (uint64_t id : this->ref_.Scan(base)) {
        if (selection.Matches(by_id.at(id))) want.push_back(id);
      }
      for (uint64_t offset :
           {uint64_t{0}, uint64_t{1}, uint64_t{rng() % 2500}, uint64_t{want.size() - 3},
            uint64_t{want.size()}, uint64_t{want.size() + 10}}) {
        if (offset > want.size() + 10) continue;  // want.size() - 3 wrapped
        size_t limit = 1 + rng() % 20;
        Result<Page> page = FetchPageAtOffset(*this->store_, base, selection, offset, limit);
        ASSERT_TRUE(page.ok()) << page.status().ToString();
        std::vector<uint64_t> got;
        for (const OwnedEvent& e : page->events) got.push_back(e.id.value);
        std::vector<uint64_t> slice;
        for (uint64_t i = offset; i < want.size() && slice.size() < limit; ++i) {
          slice.push_back(want[i]);
        }
        EXPECT_EQ(got, slice) << "offset " << offset << " of " << want.size();
        EXPECT_EQ(page->more, offset + limit < want.size()) << "offset " << offset;
      }
    }
  }
}

}  // namespace
}  // namespace trailkeep::query
