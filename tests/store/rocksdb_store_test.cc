// Tests that only make sense for the embedded RocksDB backend.
#include <random>

#include "store/rocksdb/count_probe.h"
#include "store/store_test_util.h"

namespace trailkeep::store::testing {
namespace {

using RocksDbStoreTest = StoreFixture<RocksDbBackend>;

TEST_F(RocksDbStoreTest, SecondOpenOfDirectoryIsUnavailable) {
  StoreOptions o;
  o.path = dir_.path();
  auto second = OpenEventStore(o);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(second.status().message().find("in use by another process"), std::string::npos);
}

TEST_F(RocksDbStoreTest, BufferedDurabilityStillPersistsOnCleanClose) {
  store_.reset();
  StoreOptions o;
  o.path = dir_.path();
  o.durability = Durability::kBuffered;
  o.clock = &clock_;
  auto s = OpenEventStore(o);
  ASSERT_TRUE(s.ok());
  store_ = std::move(s).value();
  Append("a", {MakeEvent(1), MakeEvent(2)});
  Reopen();
  EXPECT_EQ(store_->LastCommittedId(), EventId{2});
  EXPECT_GT(store_->ApproximateSizeBytes(), 0u);
}

// Count over a window holding 200k events visits only the events of its two
// partial minutes: the rest comes from kept per-bucket counts.
TEST_F(RocksDbStoreTest, CountDoesNotScanMatchingEvents) {
  constexpr int kEvents = 200'000;
  constexpr int64_t kSpan = 7 * 86'400'000LL;
  const int64_t start = 1'699'000'000'000;
  std::mt19937_64 rng(7);
  std::vector<int64_t> times;
  std::vector<model::Event> batch;
  for (int i = 0; i < kEvents; ++i) {
    int64_t t = start + static_cast<int64_t>(rng() % kSpan);
    times.push_back(t);
    batch.push_back(MakeEvent(t, i % 3 == 0 ? "k0" : "k1"));
    if (batch.size() == 10'000) {
      Append("big", std::move(batch));
      batch.clear();
    }
  }
  const int64_t from = start + 12'345, to = start + kSpan - 54'321;
  const int64_t head_end = (from + 59'999) / 60'000 * 60'000, tail_begin = to - to % 60'000;
  uint64_t expected = 0, expected_k0 = 0, in_partial_minutes = 0;
  for (int i = 0; i < kEvents; ++i) {
    int64_t t = times[static_cast<size_t>(i)];
    if (t < from || t >= to) continue;
    ++expected;
    if (i % 3 == 0) ++expected_k0;
    if (t < head_end || t >= tail_begin) ++in_partial_minutes;
  }
  ASSERT_GT(expected, 199'000u);

  uint64_t visited_before = rocksdb_store::CountKeysVisitedOnThisThread();
  EXPECT_EQ(Count(CountFor("big", from, to)), expected);
  CountSpec k0 = CountFor("big", from, to);
  k0.match = FieldMatch{model::IndexedField::kKind, {"k0"}};
  EXPECT_EQ(Count(k0), expected_k0);
  uint64_t visited = rocksdb_store::CountKeysVisitedOnThisThread() - visited_before;
  // Two counts, each visiting at most the events of two partial minutes
  // (about 20 events per minute here).
  EXPECT_LE(visited, 2 * in_partial_minutes);
  EXPECT_LT(visited, 500u);
}

}  // namespace
}  // namespace trailkeep::store::testing
