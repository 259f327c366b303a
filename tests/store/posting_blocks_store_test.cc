// The embedded store's posting blocks (docs/storage.md, "Posting blocks")
// through the EventStore interface: scans and counts over the block fields
// give the brute-force answer whether a value's postings are in stored
// blocks, in the buffer, or split between them, before and after reopening.
#include <map>
#include <random>

#include "store/rocksdb/keys.h"
#include "store/store_test_util.h"

namespace trailkeep::store::testing {
namespace {

using PostingBlocksStoreTest = StoreFixture<RocksDbBackend>;

constexpr int64_t kHour = 3'600'000;

// ~2.3 posting epochs of events over two tenants, mostly in time order with
// some late ones, a skewed actor.name and entity.id values that repeat
// across epochs; then every query shape over the block fields is checked
// against Reference, once while the blocks writer runs and once after a
// reopen (complete epochs in blocks, the last one rebuilt into the buffer).
TEST_F(PostingBlocksStoreTest, ScansAndCountsAcrossEpochsMatchBruteForce) {
  Reference ref;
  std::mt19937_64 rng(7);
  int64_t time = kNow - 200 * kHour;
  const uint64_t target = rocksdb_store::PostingEpochFirstId(2) + 40'000;
  uint64_t last = 0;
  while (last < target) {
    const std::string tenant = rng() % 3 == 0 ? "b" : "a";
    std::vector<model::Event> events;
    for (int i = 0; i < 2000; ++i) {
      time += 3'000;
      // One event in 50 arrives up to two days late.
      const int64_t t = rng() % 50 == 0 ? time - static_cast<int64_t>(rng() % (48 * kHour)) : time;
      model::Event e = MakeEvent(t);
      // Skewed: user0 on about a third of events, then a long tail.
      const uint64_t u = rng() % 3 == 0 ? 0 : rng() % 300;
      if (u != 299) e.actor.name = "user" + std::to_string(u);
      e.entity.id = "pkg-" + std::to_string(rng() % 5000);
      events.push_back(std::move(e));
    }
    std::vector<EventId> ids = Append(tenant, events);
    ASSERT_EQ(ids.size(), events.size());
    for (size_t i = 0; i < ids.size(); ++i) ref.Add(tenant, events[i], ids[i]);
    last = ids.back().value;
  }

  const std::vector<std::pair<model::IndexedField, std::vector<std::string>>> matches = {
      {model::IndexedField::kActorName, {"user0"}},
      {model::IndexedField::kActorName, {"user17"}},
      {model::IndexedField::kActorName, {"user5", "user250", "nobody"}},
      {model::IndexedField::kActorName, {"nobody"}},
      {model::IndexedField::kEntityId, {"pkg-42"}},
      {model::IndexedField::kEntityId, {"pkg-1", "pkg-4999", "pkg-77"}},
  };
  // Whole time, a window cutting through hours in the middle, and the last
  // day (events of the buffered epoch only, and late ones).
  const std::vector<std::pair<int64_t, int64_t>> windows = {
      {INT64_MIN, INT64_MAX},
      {kNow - 150 * kHour + 1'234'567, kNow - 60 * kHour - 999},
      {time - 24 * kHour, INT64_MAX},
  };
  for (int round = 0; round < 2; ++round) {
    SCOPED_TRACE(round == 0 ? "while writing blocks" : "after reopen");
    for (const auto& [field, values] : matches) {
      for (const auto& [from, to] : windows) {
        SCOPED_TRACE(values[0] + " from " + std::to_string(from));
        for (const char* tenant : {"a", "b"}) {
          CountSpec c = CountFor(tenant, from, to);
          c.match = FieldMatch{field, values};
          EXPECT_EQ(Count(c), ref.Count(c));
          for (Order order : {Order::kTimeAsc, Order::kTimeDesc, Order::kIdAsc, Order::kIdDesc}) {
            ScanSpec s(TenantId{tenant}, TimeMs{from}, TimeMs{to}, order,
                       {FieldMatch{field, values}});
            const std::vector<uint64_t> want = ref.Scan(s);
            EXPECT_EQ(ScanIds(s), want);
            if (want.size() < 3) continue;
            // Resume from a position in the middle.
            const uint64_t mid = want[want.size() / 2];
            const model::Event& at = ref.events()[mid - 1];
            ASSERT_EQ(at.id.value, mid);
            s.after = Position{at.time, at.id};
            EXPECT_EQ(ScanIds(s), ref.Scan(s));
          }
        }
      }
    }
    Reopen();
  }
}

}  // namespace
}  // namespace trailkeep::store::testing
