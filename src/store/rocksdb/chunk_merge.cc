#include "store/rocksdb/chunk_merge.h"

#include <bit>
#include <utility>

namespace trailkeep::store::rocksdb_store {

ChunkMerge::ChunkMerge(const std::vector<const PostingChunk*>& chunks)
    : leaves_(std::bit_ceil(std::max<size_t>(chunks.size(), 1))),
      losers_(leaves_.size()) {
  for (size_t i = 0; i < chunks.size(); ++i) {
    const auto& es = chunks[i]->entries();
    if (es.empty()) continue;
    leaves_[i] = Leaf{chunks[i], es.data(), es.data() + es.size()};
  }
  winner_ = Build(1);
}

uint32_t ChunkMerge::Build(uint32_t node) {
  const auto size = static_cast<uint32_t>(leaves_.size());
  if (node >= size) return node - size;
  const uint32_t a = Build(2 * node), b = Build(2 * node + 1);
  const bool a_wins = Before(a, b);
  losers_[node] = a_wins ? b : a;
  return a_wins ? a : b;
}

void ChunkMerge::Advance(const Entry* next) {
  Leaf& leaf = leaves_[winner_];
  leaf.pos = next == leaf.end ? nullptr : next;
  // The leaf's following entry (48 bytes, maybe across two lines) is read
  // when this leaf next wins, after ~k other advances: by then it has
  // arrived. The hardware does not follow k interleaved streams (a bench
  // epoch's merge: 43.4 -> 39.6 ms).
  if (leaf.pos != nullptr && next + 1 != leaf.end) {
    __builtin_prefetch(next + 1);
    __builtin_prefetch(reinterpret_cast<const char*>(next + 2) - 1);
  }
  const auto size = static_cast<uint32_t>(leaves_.size());
  uint32_t w = winner_;
  for (uint32_t node = (w + size) / 2; node >= 1; node /= 2) {
    if (Before(losers_[node], w)) std::swap(losers_[node], w);
  }
  winner_ = w;
}

}  // namespace trailkeep::store::rocksdb_store
