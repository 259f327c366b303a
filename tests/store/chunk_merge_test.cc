// The k-way merge of sealed posting chunks (chunk_merge.h) against a plain
// sort of the same entries: key order by value bytes, and the chunks'
// order among equal keys.
#include "store/rocksdb/chunk_merge.h"

#include <algorithm>
#include <memory>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

namespace trailkeep::store::rocksdb_store {
namespace {

// What the merge yields of one entry: its key, its chunk, its (time, id).
using Item = std::tuple<TenantOrdinal, int, std::string, size_t, TimeId>;

std::vector<Item> Merged(const std::vector<std::shared_ptr<PostingChunk>>& chunks) {
  std::vector<const PostingChunk*> ptrs;
  for (const auto& c : chunks) ptrs.push_back(c.get());
  std::vector<Item> out;
  ChunkMerge merge(ptrs);
  while (!merge.done()) {
    const PostingChunk& c = merge.chunk();
    const auto which = static_cast<size_t>(
        std::find(ptrs.begin(), ptrs.end(), &c) - ptrs.begin());
    const PostingChunk::Entry& e = *merge.pos();
    out.emplace_back(e.tenant(), static_cast<int>(e.field()), std::string(c.ValueOf(e)), which,
                     e.at);
    merge.Advance(merge.pos() + 1);
  }
  return out;
}

// Chunks of random entries: values over NUL, 0x01, 'a' and 0xFF of up to
// 20 bytes, some sharing a 16-byte prefix, so that heads tie and values
// are prefixes of others; a chunk in five empty.
std::vector<std::shared_ptr<PostingChunk>> RandomChunks(std::mt19937_64& rng, size_t count,
                                                        std::vector<Item>* want) {
  const std::string alphabet("\0\x01a\xff", 4);
  std::vector<std::shared_ptr<PostingChunk>> chunks;
  uint64_t id = 1;
  for (size_t k = 0; k < count; ++k) {
    auto c = std::make_shared<PostingChunk>();
    const size_t n = rng() % 5 == 0 ? 0 : rng() % 40;
    for (size_t i = 0; i < n; ++i, ++id) {
      std::string v = rng() % 3 == 0 ? "0123456789abcdef" : "";
      for (size_t len = rng() % 5; len > 0; --len) v.push_back(alphabet[rng() % alphabet.size()]);
      const auto tenant = static_cast<TenantOrdinal>(1 + rng() % 2);
      const auto field = rng() % 2 ? model::IndexedField::kActorId : model::IndexedField::kEntityId;
      const TimeId at{static_cast<int64_t>(rng() % 1000), id};
      c->Add(tenant, field, v, at);
      want->emplace_back(tenant, static_cast<int>(field), v, k, at);
    }
    c->Seal();
    chunks.push_back(std::move(c));
  }
  return chunks;
}

TEST(ChunkMergeTest, YieldsEveryEntryInKeyOrderThenChunkOrder) {
  std::mt19937_64 rng(11);
  // Counts around powers of two: the tree pads its leaves to one.
  for (size_t count : {1, 2, 3, 5, 8, 9, 31}) {
    std::vector<Item> want;
    auto chunks = RandomChunks(rng, count, &want);
    // Within a chunk a key's entries are in (time, id) order; across
    // chunks, in chunk order.
    std::sort(want.begin(), want.end(), [](const Item& a, const Item& b) {
      return std::tie(std::get<0>(a), std::get<1>(a), std::get<2>(a), std::get<3>(a),
                      std::get<4>(a)) < std::tie(std::get<0>(b), std::get<1>(b), std::get<2>(b),
                                                 std::get<3>(b), std::get<4>(b));
    });
    EXPECT_EQ(Merged(chunks), want) << count << " chunks";
  }
}

TEST(ChunkMergeTest, IsDoneAtOnceWithoutEntries) {
  EXPECT_TRUE(ChunkMerge({}).done());
  PostingChunk empty;
  empty.Seal();
  EXPECT_TRUE(ChunkMerge({&empty, &empty, &empty}).done());
}

// Advancing past only part of a key's entries leaves the rest next: the
// remaining entries still win over the same key in later chunks.
TEST(ChunkMergeTest, AdvancingWithinAKeyKeepsTheChunkFirst) {
  PostingChunk a, b;
  a.Add(1, model::IndexedField::kActorId, "x", {10, 1});
  a.Add(1, model::IndexedField::kActorId, "x", {11, 2});
  b.Add(1, model::IndexedField::kActorId, "x", {5, 3});
  a.Seal();
  b.Seal();
  ChunkMerge merge({&b, &a});
  ASSERT_EQ(&merge.chunk(), &b);
  merge.Advance(merge.pos() + 1);
  ASSERT_EQ(&merge.chunk(), &a);
  EXPECT_EQ(merge.pos()->at, (TimeId{10, 1}));
  merge.Advance(merge.pos() + 1);
  ASSERT_EQ(&merge.chunk(), &a);
  EXPECT_EQ(merge.pos()->at, (TimeId{11, 2}));
  merge.Advance(merge.pos() + 1);
  EXPECT_TRUE(merge.done());
}

}  // namespace
}  // namespace trailkeep::store::rocksdb_store
