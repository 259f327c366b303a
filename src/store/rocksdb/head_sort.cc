#include "store/rocksdb/head_sort.h"

#include <span>
#include <utility>

namespace trailkeep::store::rocksdb_store {
namespace {

// Byte `d` of a key's heads, from the least significant byte of head1 (0)
// to the most significant of head0 (15).
inline uint8_t HeadByte(const HeadKey& k, int d) {
  return static_cast<uint8_t>((d < 8 ? k.head1 : k.head0) >> (8 * (d & 7)));
}

}  // namespace

void RadixSortByHeads(HeadKey* keys, HeadKey* scratch, size_t n) {
  if (n < 2) return;
  // Least significant byte first; a byte every key shares moves nothing.
  uint32_t counts[16][256] = {};
  for (size_t i = 0; i < n; ++i) {
    for (int d = 0; d < 16; ++d) ++counts[d][HeadByte(keys[i], d)];
  }
  HeadKey* from = keys;
  HeadKey* to = scratch;
  for (int d = 0; d < 16; ++d) {
    uint32_t* c = counts[d];
    if (c[HeadByte(from[0], d)] == n) continue;
    uint32_t sum = 0;
    for (uint32_t& count : std::span(c, 256)) sum += std::exchange(count, sum);
    for (size_t i = 0; i < n; ++i) to[c[HeadByte(from[i], d)]++] = from[i];
    std::swap(from, to);
  }
  if (from != keys) std::copy(from, from + n, keys);
}

}  // namespace trailkeep::store::rocksdb_store
