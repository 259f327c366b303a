// Posting blocks in pure bytes: the block encoding (posting_block.h), a
// group's chunk (posting_chunk.h), the buffer's epoch merge
// (posting_buffer.h) and reading a value's blocks (block_set.h).
#include "store/rocksdb/posting_block.h"

#include <algorithm>
#include <memory>
#include <numeric>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "store/rocksdb/block_set.h"
#include "store/rocksdb/keys.h"
#include "store/rocksdb/posting_buffer.h"
#include "store/rocksdb/posting_chunk.h"

namespace trailkeep::store::rocksdb_store {
namespace {

constexpr int64_t kH = kBlockBucketMs;

std::vector<TimeId> Decode(const std::string& value, uint64_t epoch) {
  std::vector<BlockSegment> segments;
  EXPECT_TRUE(ParseBlock(value, &segments));
  std::vector<TimeId> out;
  for (const BlockSegment& s : segments) EXPECT_TRUE(DecodeSegment(s, epoch, &out));
  return out;
}

TEST(PostingBlockTest, RoundTripsSegmentsPerHourWithIdsBothWays) {
  const uint64_t e = 3, base = PostingEpochFirstId(e);
  // Negative times, two entries in one hour with a smaller id later (a late
  // event), hours skipped, the epoch's last id.
  std::vector<TimeId> entries = {{-kH - 5, base + 9},  {-1, base},           {5, base + 7},
                                 {5, base + 8},        {kH - 1, base + 2},   {10 * kH, base + 1},
                                 {10 * kH + 3, PostingEpochLastId(e)}};
  std::string value;
  EncodeBlock(entries, e, &value);
  EXPECT_EQ(Decode(value, e), entries);
  std::vector<BlockSegment> segments;
  ASSERT_TRUE(ParseBlock(value, &segments));
  ASSERT_EQ(segments.size(), 4u);
  EXPECT_EQ(segments[0].bucket, -2);
  EXPECT_EQ(segments[1].bucket, -1);
  EXPECT_EQ(segments[2].bucket, 0);
  EXPECT_EQ(segments[2].size, 3u);
  EXPECT_EQ(segments[3].bucket, 10);
}

TEST(PostingBlockTest, RandomBlocksRoundTrip) {
  std::mt19937_64 rng(5);
  for (int round = 0; round < 200; ++round) {
    const uint64_t e = rng() % 1000;
    std::vector<TimeId> entries(1 + rng() % 300);
    const int64_t start = static_cast<int64_t>(rng() % 1'000'000'000'000) - 500'000'000'000;
    for (TimeId& x : entries) {
      x = TimeId{start + static_cast<int64_t>(rng() % (50 * kH)),
                 PostingEpochFirstId(e) + rng() % (PostingEpochLastId(e) - PostingEpochFirstId(e))};
    }
    std::sort(entries.begin(), entries.end());
    entries.erase(std::unique(entries.begin(), entries.end()), entries.end());
    std::string value;
    EncodeBlock(entries, e, &value);
    EXPECT_EQ(Decode(value, e), entries);
  }
}

TEST(PostingBlockTest, CorruptBlocksAreRejected) {
  std::vector<TimeId> entries = {{1, 10}, {2, 11}, {kH + 1, 12}};
  std::string value;
  EncodeBlock(entries, 0, &value);
  std::vector<BlockSegment> segments;
  for (size_t n = 0; n < value.size(); ++n) {
    segments.clear();
    EXPECT_FALSE(ParseBlock(value.substr(0, n), &segments)) << n;
  }
  segments.clear();
  EXPECT_FALSE(ParseBlock(value + "x", &segments));
  // A segment claiming more entries than its payload holds.
  BlockSegment s{0, 5, "\x01\x0a\x01\x02"};
  std::vector<TimeId> out;
  EXPECT_FALSE(DecodeSegment(s, 0, &out));
}

TEST(PostingChunkTest, FindsOneValuesEntriesInTimeOrderAboveAnId) {
  PostingChunk c;
  c.Add(2, model::IndexedField::kActorName, "bob", {50, 5});
  c.Add(1, model::IndexedField::kActorName, "bob", {40, 4});
  c.Add(1, model::IndexedField::kEntityId, "bob", {10, 1});
  c.Add(1, model::IndexedField::kActorName, "bob", {30, 3});
  c.Add(1, model::IndexedField::kActorName, "bobby", {20, 2});
  c.Seal();
  EXPECT_EQ(c.min_id(), 1u);
  EXPECT_EQ(c.max_id(), 5u);
  std::vector<TimeId> out;
  c.Find(1, model::IndexedField::kActorName, "bob", 0, &out);
  EXPECT_EQ(out, (std::vector<TimeId>{{30, 3}, {40, 4}}));
  out.clear();
  c.Find(1, model::IndexedField::kActorName, "bob", 3, &out);
  EXPECT_EQ(out, (std::vector<TimeId>{{40, 4}}));
  out.clear();
  c.Find(1, model::IndexedField::kActorName, "bo", 0, &out);
  EXPECT_TRUE(out.empty());
}

// Entries compare by 16-byte heads first: the order must still be the
// values' bytewise order (the order of their block keys), with NUL and 0xFF
// bytes, values that are prefixes of others, and ties beyond 16 bytes.
TEST(PostingChunkTest, SortsValuesInBytewiseOrderAndFindsEach) {
  std::mt19937_64 rng(3);
  const std::string alphabet("\0\x01a\xff", 4);
  std::vector<std::string> values;
  for (int i = 0; i < 400; ++i) {
    std::string v = i % 7 == 0 ? "0123456789abcdef" : "";
    const size_t n = rng() % 21;
    for (size_t k = 0; k < n; ++k) v.push_back(alphabet[rng() % alphabet.size()]);
    values.push_back(v);
  }
  PostingChunk c;
  for (size_t i = 0; i < values.size(); ++i) {
    c.Add(1, model::IndexedField::kEntityId, values[i], TimeId{0, i + 1});
  }
  c.Seal();
  std::vector<std::string> got;
  for (const auto& e : c.entries()) got.emplace_back(c.ValueOf(e));
  std::vector<std::string> want = values;
  std::sort(want.begin(), want.end());
  EXPECT_EQ(got, want);
  for (size_t i = 0; i < values.size(); ++i) {
    std::vector<TimeId> out;
    c.Find(1, model::IndexedField::kEntityId, values[i], 0, &out);
    const auto copies = static_cast<size_t>(std::count(values.begin(), values.end(), values[i]));
    EXPECT_EQ(out.size(), copies) << i;
  }
}

// CompareValues against std::string_view's order, pair by pair: values
// sharing their 16-byte head and differing (or not) a word or more later,
// with NUL and 0xFF bytes where the zero padding of a short word could
// hide a difference.
TEST(PostingChunkTest, ComparesValuesAsTheirBytesCompare) {
  std::mt19937_64 rng(8);
  const std::string alphabet("\0\x01a\xff", 4);
  PostingChunk c;
  std::vector<std::string> values;
  for (uint64_t id = 1; id <= 300; ++id) {
    std::string v = rng() % 4 == 0 ? "" : "user0000@example";
    for (size_t n = rng() % 30; n > 0; --n) v.push_back(alphabet[rng() % 2 == 0 ? 2 : rng() % 4]);
    c.Add(1, model::IndexedField::kActorEmail, v, TimeId{0, id});
    values.push_back(std::move(v));
  }
  auto sign = [](int x) { return x < 0 ? -1 : x > 0 ? 1 : 0; };
  const auto& e = c.entries();
  for (size_t i = 0; i < e.size(); ++i) {
    for (size_t j = 0; j < e.size(); ++j) {
      ASSERT_EQ(PostingChunk::CompareValues(e[i], c.ValueOf(e[i]), e[j], c.ValueOf(e[j])),
                sign(std::string_view(values[i]).compare(values[j])))
          << i << " " << j;
    }
  }
}

// Seal groups entries by (tenant, field) before sorting each group's
// values, or sorts everything at once past 64 groups: either way the order
// is (tenant, field, value bytes, time, id), as a plain sort has it.
void ExpectSealedInKeyOrder(uint32_t tenants, uint64_t seed) {
  std::mt19937_64 rng(seed);
  const std::string alphabet("\0\x01a\xff", 4);
  using Key = std::tuple<TenantOrdinal, int, std::string, TimeId>;
  std::vector<Key> want;
  PostingChunk c;
  for (uint64_t id = 1; id <= 3000; ++id) {
    std::string v = rng() % 3 == 0 ? "0123456789abcdef" : "";
    for (size_t n = rng() % 6; n > 0; --n) v.push_back(alphabet[rng() % alphabet.size()]);
    const auto t = static_cast<TenantOrdinal>(1 + rng() % tenants);
    const model::IndexedField f = model::kAllIndexedFields[rng() % 8];
    const TimeId at{static_cast<int64_t>(rng() % 50), id};
    c.Add(t, f, v, at);
    want.emplace_back(t, static_cast<int>(f), v, at);
  }
  c.Seal();
  std::sort(want.begin(), want.end());
  std::vector<Key> got;
  for (const auto& e : c.entries()) {
    got.emplace_back(e.tenant(), static_cast<int>(e.field()), std::string(c.ValueOf(e)), e.at);
  }
  EXPECT_EQ(got, want) << tenants << " tenants";
}

TEST(PostingChunkTest, SortsByTenantFieldValueTimeAcrossFewTenants) {
  ExpectSealedInKeyOrder(1, 5);
  ExpectSealedInKeyOrder(3, 6);
}

TEST(PostingChunkTest, SortsByTenantFieldValueTimeAcrossManyTenants) {
  ExpectSealedInKeyOrder(40, 7);  // ~320 (tenant, field) groups
}

// Seal sorts heads alone first, stably, then each run of equal heads by
// value and (time, id): the order must not rest on entries arriving in id
// order, nor on a run's values being equal.
TEST(PostingChunkTest, SortsEntriesAddedInAnyIdOrder) {
  std::mt19937_64 rng(11);
  std::vector<uint64_t> ids(2000);
  std::iota(ids.begin(), ids.end(), uint64_t{1});
  std::shuffle(ids.begin(), ids.end(), rng);
  using Key = std::tuple<std::string, TimeId>;
  std::vector<Key> want;
  PostingChunk c;
  for (uint64_t id : ids) {
    // Three values share their first 16 bytes; times repeat, so ids decide.
    std::string v = "0123456789abcdef";
    v += std::string(rng() % 3, 'x');
    if (rng() % 2 == 0) v = v.substr(0, rng() % 17);
    const TimeId at{static_cast<int64_t>(rng() % 5) - 2, id};
    c.Add(1, model::IndexedField::kActorEmail, v, at);
    want.emplace_back(v, at);
  }
  c.Seal();
  std::sort(want.begin(), want.end());
  std::vector<Key> got;
  for (const auto& e : c.entries()) got.emplace_back(std::string(c.ValueOf(e)), e.at);
  EXPECT_EQ(got, want);
}

// Two epochs' entries spread over three chunks, one of them across the
// boundary: the merge of an epoch takes exactly its entries, one block per
// value in key order; marking it stored drops the chunks wholly inside it,
// and reads of the buffer then skip its entries.
TEST(PostingBufferTest, BuildsAnEpochsBlocksAndDropsItsChunksOnceStored) {
  const uint64_t b1 = PostingEpochFirstId(1);
  auto chunk = [](std::vector<std::pair<std::string, TimeId>> es) {
    auto c = std::make_shared<PostingChunk>();
    for (auto& [v, at] : es) c->Add(1, model::IndexedField::kEntityId, v, at);
    c->Seal();
    return c;
  };
  PostingBuffer buffer;
  buffer.Reset(0);
  buffer.Append(chunk({{"x", {100, 1}}, {"y", {100, 2}}}));
  buffer.Append(chunk({{"x", {90, 3}}, {"z", {101, b1 - 1}}, {"x", {102, b1}}}));
  buffer.Append(chunk({{"y", {103, b1 + 1}}}));
  EXPECT_EQ(buffer.NextEpoch(), 0u);

  std::vector<std::pair<std::string, std::vector<TimeId>>> blocks;
  PostingBuffer::BuildEpoch(buffer.Capture(), 0,
                            [&](TenantOrdinal t, model::IndexedField f, std::string_view v,
                                std::string_view block) {
                              EXPECT_EQ(t, 1u);
                              EXPECT_EQ(f, model::IndexedField::kEntityId);
                              blocks.emplace_back(std::string(v), Decode(std::string(block), 0));
                            });
  ASSERT_EQ(blocks.size(), 3u);
  EXPECT_EQ(blocks[0].first, "x");
  EXPECT_EQ(blocks[0].second, (std::vector<TimeId>{{90, 3}, {100, 1}}));
  EXPECT_EQ(blocks[1].first, "y");
  EXPECT_EQ(blocks[1].second, (std::vector<TimeId>{{100, 2}}));
  EXPECT_EQ(blocks[2].first, "z");

  std::vector<TimeId> x;
  buffer.Capture().Find(1, model::IndexedField::kEntityId, "x", &x);
  EXPECT_EQ(x, (std::vector<TimeId>{{90, 3}, {100, 1}, {102, b1}}));
  buffer.MarkStored(0);
  EXPECT_EQ(buffer.NextEpoch(), 1u);
  const PostingBuffer::View after = buffer.Capture();
  EXPECT_EQ(after.chunks.size(), 2u);  // the first chunk is wholly stored
  EXPECT_EQ(after.stored_last_id, b1 - 1);
  x.clear();
  after.Find(1, model::IndexedField::kEntityId, "x", &x);
  EXPECT_EQ(x, (std::vector<TimeId>{{102, b1}}));
}

// A value's stored blocks and buffered entries read as one: counts add up
// whole hours and decode the edges; walks go hour by hour across blocks in
// both directions, from a resume position.
TEST(BlockSetTest, CountsAndWalksAcrossBlocksAndBufferedEntries) {
  std::vector<TimeId> e0 = {{0, 1}, {kH + 10, 2}, {3 * kH, 3}};
  std::vector<TimeId> e1 = {{kH + 5, PostingEpochFirstId(1) + 1}, {2 * kH, PostingEpochFirstId(1) + 2}};
  std::vector<TimeId> buffered = {{kH + 7, PostingEpochFirstId(2)}, {5 * kH, PostingEpochFirstId(2) + 1}};
  BlockSet set;
  for (auto [e, entries] : {std::pair(uint64_t{0}, e0), std::pair(uint64_t{1}, e1)}) {
    auto v = std::make_shared<std::string>();
    EncodeBlock(entries, e, v.get());
    ASSERT_TRUE(set.AddBlock(e, *v, v));
  }
  EXPECT_FALSE(set.AddBlock(3, "junk", nullptr));
  set.SetBuffered(buffered);
  std::vector<TimeId> all = e0;
  all.insert(all.end(), e1.begin(), e1.end());
  all.insert(all.end(), buffered.begin(), buffered.end());
  std::sort(all.begin(), all.end());

  for (auto [from, to] : {std::pair<int64_t, int64_t>{INT64_MIN, INT64_MAX},
                          {kH + 6, 3 * kH}, {kH + 6, kH + 8}, {4 * kH, 5 * kH}}) {
    uint64_t want = 0;
    for (const TimeId& x : all) want += x.time >= from && x.time < to;
    uint64_t decoded = 0;
    EXPECT_EQ(set.Count(from, to, UINT64_MAX, &decoded), want) << from;
  }
  uint64_t decoded = 0;
  EXPECT_EQ(set.Count(INT64_MIN, INT64_MAX, UINT64_MAX, &decoded), all.size());
  EXPECT_EQ(decoded, 0u);  // every hour whole: nothing decoded
  EXPECT_EQ(set.Count(INT64_MIN, INT64_MAX, 4, &decoded), 4u);

  for (bool desc : {false, true}) {
    for (std::optional<TimeId> after : {std::optional<TimeId>(), std::optional<TimeId>(all[3])}) {
      set.StartWalk(kH, INT64_MAX, after, desc);
      std::vector<TimeId> got, bucket;
      std::vector<int64_t> hours;
      while (set.NextBucket(&bucket)) {
        std::sort(bucket.begin(), bucket.end());
        hours.push_back(FloorDiv(bucket.front().time, kH));
        if (desc) std::reverse(bucket.begin(), bucket.end());
        got.insert(got.end(), bucket.begin(), bucket.end());
        bucket.clear();
      }
      EXPECT_FALSE(set.corrupt());
      // The walk's hours are whole: from the resume position's hour on.
      std::vector<TimeId> want;
      for (const TimeId& x : all) {
        const int64_t h = FloorDiv(x.time, kH);
        if (x.time < kH) continue;
        if (after && (desc ? h > FloorDiv(after->time, kH) : h < FloorDiv(after->time, kH))) continue;
        want.push_back(x);
      }
      if (desc) std::reverse(want.begin(), want.end());
      EXPECT_EQ(got, want) << desc;
      EXPECT_TRUE(std::is_sorted(hours.begin(), hours.end()) ||
                  std::is_sorted(hours.rbegin(), hours.rend()));
    }
  }
}

}  // namespace
}  // namespace trailkeep::store::rocksdb_store
