// Merges sealed posting chunks (posting_chunk.h) in (tenant, field, value)
// order, and in the chunks' given order among equal keys: a tournament
// (loser) tree whose leaves hold each chunk's current key. Choosing the next
// key replays one leaf-to-root path, log2(k) comparisons of keys held in one
// small array. std::priority_queue with an out-of-line comparison through
// the chunks made 2-3 times as many; a bench epoch's merge took 64 ms with
// it, 40 ms with this (bench/micro/posting_bench). Each leaf keeps a copy
// of its entry's tag and heads, which decide nearly every comparison
// without a branch, and the replay swaps by mask: the keys are random, so
// each branch there mispredicted about every other time (with EncodeBlock
// writing at raw pointers, an epoch's blocks in 25.3 against 31.5 ms).
//
// Thread safety: one thread; the chunks must stay alive and unchanged.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "store/rocksdb/posting_chunk.h"

namespace trailkeep::store::rocksdb_store {

class ChunkMerge {
 public:
  using Entry = PostingChunk::Entry;

  // REQUIRES: every chunk sealed.
  explicit ChunkMerge(const std::vector<const PostingChunk*>& chunks);

  // True once every chunk is consumed.
  bool done() const { return leaves_[winner_].pos == nullptr; }

  // The winning chunk and its current entry: the least key, the earliest
  // chunk among equal keys. REQUIRES: !done().
  const PostingChunk& chunk() const { return *leaves_[winner_].chunk; }
  const Entry* pos() const { return leaves_[winner_].pos; }
  const Entry* end() const { return leaves_[winner_].end; }

  // Moves the winning chunk to `next` (within its entries, up to end()) and
  // chooses the next winner.
  void Advance(const Entry* next);

 private:
  // A leaf holds a copy of its entry's tag and heads: most comparisons
  // end there, on one small array, without reading the chunks. A consumed
  // leaf's copies are all ones, above every tag (tenant << 8 | field).
  struct Leaf {
    uint64_t tag = kConsumed, head0 = kConsumed, head1 = kConsumed;
    const PostingChunk* chunk = nullptr;
    const Entry* pos = nullptr;  // nullptr: consumed (sorts after every key)
    const Entry* end = nullptr;
  };
  static constexpr uint64_t kConsumed = UINT64_MAX;
  // Points `leaf` at `pos` (nullptr: consumed) and copies its key.
  static void Seat(Leaf* leaf, const Entry* pos);

  // Leaf a before leaf b: a smaller key, or the same key and an earlier chunk.
  bool Before(uint32_t a, uint32_t b) const;
  // Before when the two leaves' tags and heads are equal (out of line).
  bool BeforeAtEqualHeads(uint32_t a, uint32_t b) const;
  uint32_t Build(uint32_t node);

  std::vector<Leaf> leaves_;     // a power of two; padding leaves consumed
  std::vector<uint32_t> losers_;  // per inner node (1..size-1), the losing leaf
  uint32_t winner_ = 0;
};

inline bool ChunkMerge::Before(uint32_t a, uint32_t b) const {
  const Leaf& x = leaves_[a];
  const Leaf& y = leaves_[b];
  // Without branches on the keys, which are random: (tag, head0, head1)
  // as one comparison.
  using U128 = unsigned __int128;
  const U128 hx = U128{x.head0} << 64 | x.head1, hy = U128{y.head0} << 64 | y.head1;
  const bool tag_eq = x.tag == y.tag, heads_eq = hx == hy;
  if (tag_eq && heads_eq) [[unlikely]] return BeforeAtEqualHeads(a, b);
  return static_cast<bool>(static_cast<unsigned>(x.tag < y.tag) |
                           (static_cast<unsigned>(tag_eq) & static_cast<unsigned>(hx < hy)));
}

}  // namespace trailkeep::store::rocksdb_store
