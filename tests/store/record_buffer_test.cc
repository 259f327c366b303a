// The records of unstored epochs (record_chunk.h, record_buffer.h): the
// chunk's encoding read back, and the buffer's lookups and walks against a
// plain list of what was added.
#include "store/rocksdb/record_buffer.h"

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <tuple>

#include <gtest/gtest.h>

namespace trailkeep::store::rocksdb_store {
namespace {

std::string RecordText(TenantOrdinal t, uint64_t id) {
  return "record " + std::to_string(t) + "/" + std::to_string(id) + std::string(id % 7, 'x');
}

std::shared_ptr<RecordChunk> Chunk(const std::vector<std::pair<TenantOrdinal, uint64_t>>& recs) {
  auto c = std::make_shared<RecordChunk>();
  for (auto [t, id] : recs) {
    const std::string text = RecordText(t, id);
    const std::string_view pieces[] = {std::string_view(text).substr(0, 3),
                                       std::string_view(text).substr(3)};
    c->Add(t, id, pieces);
  }
  return c;
}

TEST(RecordChunkTest, ParsesWhatItEncodesAndRefusesDamage) {
  auto c = Chunk({{1, 5}, {2, 6}, {1, 9}, {3, 300}});
  std::optional<RecordChunk> back = RecordChunk::Parse(c->bytes());
  ASSERT_TRUE(back.has_value());
  ASSERT_EQ(back->entries().size(), 4u);
  EXPECT_EQ(back->min_id(), 5u);
  EXPECT_EQ(back->max_id(), 300u);
  EXPECT_EQ(back->Find(2, 6), std::optional<std::string_view>(RecordText(2, 6)));
  EXPECT_EQ(back->Find(1, 6), std::nullopt);  // another tenant's id
  EXPECT_EQ(back->Find(1, 7), std::nullopt);
  EXPECT_EQ(back->Find(3, 300), std::optional<std::string_view>(RecordText(3, 300)));
  // Cut anywhere inside a record or header: refused, never read past.
  for (size_t cut = 1; cut < c->bytes().size(); ++cut) {
    std::optional<RecordChunk> part = RecordChunk::Parse(c->bytes().substr(0, cut));
    if (part) {
      // Only at a record boundary.
      EXPECT_EQ(part->bytes().size(), cut);
      EXPECT_LT(part->entries().size(), 4u);
    }
  }
  // Ids that do not go up are refused.
  auto d = Chunk({{1, 9}});
  auto e = Chunk({{1, 5}});
  EXPECT_FALSE(RecordChunk::Parse(std::string(d->bytes()) + std::string(e->bytes())).has_value());
}

TEST(RecordBufferTest, FindsAndWalksLikeAPlainList) {
  std::mt19937_64 rng(3);
  RecordBuffer buffer;
  buffer.Reset(100);
  std::map<uint64_t, TenantOrdinal> all;  // id -> tenant, the reference
  uint64_t id = 100;
  for (int g = 0; g < 40; ++g) {
    std::vector<std::pair<TenantOrdinal, uint64_t>> recs;
    const int n = 1 + static_cast<int>(rng() % 20);
    for (int i = 0; i < n; ++i) {
      id += 1 + rng() % 3;
      const TenantOrdinal t = 1 + static_cast<TenantOrdinal>(rng() % 3);
      recs.emplace_back(t, id);
      all[id] = t;
    }
    buffer.Append(Chunk(recs));
  }
  // A failed write's chunk comes out again; another one does not.
  auto failed = Chunk({{1, id + 1}});
  buffer.Append(failed);
  buffer.RemoveLast(Chunk({{1, id + 1}}).get());
  EXPECT_TRUE(buffer.Capture().Find(1, id + 1).has_value());
  buffer.RemoveLast(failed.get());
  EXPECT_FALSE(buffer.Capture().Find(1, id + 1).has_value());

  for (uint64_t mark : {uint64_t{100}, uint64_t{250}, id - 5, id}) {
    buffer.MarkStored(mark);
    const RecordBuffer::View view = buffer.Capture();
    EXPECT_EQ(view.stored_last_id, mark);
    for (uint64_t probe = 90; probe <= id + 2; ++probe) {
      for (TenantOrdinal t = 1; t <= 3; ++t) {
        auto it = all.find(probe);
        const bool want = it != all.end() && it->second == t && probe > mark;
        std::optional<std::string_view> got = view.Find(t, probe);
        ASSERT_EQ(got.has_value(), want) << probe << " " << t << " mark " << mark;
        if (want) {
          EXPECT_EQ(*got, RecordText(t, probe));
        }
      }
    }
    for (int q = 0; q < 50; ++q) {
      const TenantOrdinal t = 1 + static_cast<TenantOrdinal>(rng() % 3);
      uint64_t lo = 90 + rng() % (id - 80), hi = 90 + rng() % (id - 80);
      if (lo > hi) std::swap(lo, hi);
      for (bool desc : {false, true}) {
        std::vector<uint64_t> want;
        for (auto& [i, tenant] : all) {
          if (tenant == t && i >= lo && i <= hi && i > mark) want.push_back(i);
        }
        if (desc) std::reverse(want.begin(), want.end());
        std::vector<uint64_t> got;
        EXPECT_TRUE(view.ForEach(t, lo, hi, desc, [&](uint64_t i, std::string_view r) {
          EXPECT_EQ(r, RecordText(t, i));
          got.push_back(i);
          return true;
        }));
        EXPECT_EQ(got, want) << lo << ".." << hi << " desc " << desc;
        // Stopping early stops the walk.
        if (want.size() > 2) {
          size_t seen = 0;
          EXPECT_FALSE(view.ForEach(t, lo, hi, desc, [&](uint64_t, std::string_view) {
            return ++seen < 2;
          }));
          EXPECT_EQ(seen, 2u);
        }
      }
    }
  }
  // Everything stored: the buffer holds nothing.
  EXPECT_TRUE(buffer.Capture().chunks.empty());
  EXPECT_EQ(buffer.MemoryBytes(), 0u);
}

TEST(RecordBufferTest, WalksInEventKeyOrderAcrossEpochsAndTenants) {
  std::mt19937_64 rng(11);
  RecordBuffer buffer;
  const uint64_t mark = EpochFirstId(3) - 700;
  buffer.Reset(mark);
  // Groups of one tenant's batches, interleaved, crossing three event epochs.
  std::vector<std::tuple<uint64_t, TenantOrdinal, uint64_t>> all;  // (epoch, tenant, id)
  uint64_t id = mark - 300;  // the first groups straddle the mark
  while (id < EpochFirstId(6)) {
    std::vector<std::pair<TenantOrdinal, uint64_t>> recs;
    const int batches = 1 + static_cast<int>(rng() % 3);
    for (int b = 0; b < batches; ++b) {
      const TenantOrdinal t = 1 + static_cast<TenantOrdinal>(rng() % 3);
      const int n = 1 + static_cast<int>(rng() % 2000);
      for (int i = 0; i < n; ++i) {
        ++id;
        recs.emplace_back(t, id);
        all.emplace_back(EventEpoch(id), t, id);
      }
    }
    buffer.Append(Chunk(recs));
  }
  std::sort(all.begin(), all.end());
  const RecordBuffer::View view = buffer.Capture();
  for (uint64_t hi : {mark, mark + 1, EpochLastId(3), EpochFirstId(5) + 17, id, id + 10}) {
    std::vector<std::tuple<uint64_t, TenantOrdinal, uint64_t>> want, got;
    for (const auto& r : all) {
      if (std::get<2>(r) > mark && std::get<2>(r) <= hi) want.push_back(r);
    }
    ASSERT_TRUE(view.ForEachInKeyOrder(hi, [&](TenantOrdinal t, uint64_t i, std::string_view r) {
      EXPECT_EQ(r, RecordText(t, i));
      got.emplace_back(EventEpoch(i), t, i);
      return Status::Ok();
    }).ok());
    EXPECT_EQ(got, want) << "hi " << hi;
  }
  // The first error stops the walk and comes back.
  size_t seen = 0;
  Status s = view.ForEachInKeyOrder(id, [&](TenantOrdinal, uint64_t, std::string_view) {
    return ++seen == 5 ? Internal("stop") : Status::Ok();
  });
  EXPECT_EQ(s.code(), StatusCode::kInternal);
  EXPECT_EQ(seen, 5u);
}

}  // namespace
}  // namespace trailkeep::store::rocksdb_store
