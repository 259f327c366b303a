// Sorting byte strings by their first 16 bytes without comparisons: a
// stable radix sort of compact keys (the two big-endian head words and the
// item's index), then each run of equal heads by the caller's whole
// comparison. A comparison sort of random strings mispredicts about
// every other branch; on a group's posting values std::sort took 2.4x as
// long (bench/micro/posting_bench, docs/storage.md "Chunks").
//
// Used by PostingChunk::Seal (a group's postings) and SortedWrites (a
// group's index and counts writes).
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "store/rocksdb/keys.h"

namespace trailkeep::store::rocksdb_store {

// Bytes [from, from + 8) of `v` as a big-endian word, zero-padded past the
// end: two values' heads (words 0 and 8) compare as their first 16 bytes,
// and equal heads with both values within 16 bytes mean the shorter is a
// prefix of the other.
//
// Only loads within the value: a word's tail is read as the value's last
// eight bytes (or two overlapping halves, or bytes) and shifted into
// place. Copied into a zeroed word on the stack, the word's load had to
// wait for the smaller stores to reach the cache (no store forwarding):
// posting_bench AddAndSealGroupChunk 136-148 against 138-169 us.
inline uint64_t HeadWord(std::string_view v, size_t from) {
  const char* p = v.data();
  const size_t n = v.size();
  if (from + 8 <= n) return GetU64(p + from);
  if (from >= n) return 0;
  const size_t k = n - from;  // 1..7 bytes, at p + from
  if (n >= 8) return GetU64(p + n - 8) << (8 * (8 - k));
  // The value is shorter than a word, so from == 0 and k == n.
  auto u32 = [](const char* q) {
    uint32_t x;
    std::memcpy(&x, q, sizeof x);
    if constexpr (std::endian::native == std::endian::little) x = __builtin_bswap32(x);
    return uint64_t{x};
  };
  if (k >= 4) return u32(p) << 32 | u32(p + k - 4) << (8 * (8 - k));
  uint64_t w = uint64_t{static_cast<uint8_t>(p[0])} << 56;
  if (k >= 2) w |= uint64_t{static_cast<uint8_t>(p[k - 1])} << (8 * (8 - k));
  if (k == 3) w |= uint64_t{static_cast<uint8_t>(p[1])} << 48;
  return w;
}

struct HeadKey {
  uint64_t head0, head1;  // HeadWord(v, 0), HeadWord(v, 8)
  uint32_t index;         // the caller's item
};

// Sorts keys[0, n) by (head0, head1), stably, skipping the bytes every key
// shares. `scratch` has room for n keys.
void RadixSortByHeads(HeadKey* keys, HeadKey* scratch, size_t n);

// Sorts keys[0, n) in the order `less` gives, which must agree with the
// heads' order: by heads (RadixSortByHeads), then each run of equal heads
// alone, unless it is in order already.
template <typename Less>
void SortByHeads(HeadKey* keys, HeadKey* scratch, size_t n, Less less) {
  RadixSortByHeads(keys, scratch, n);
  for (size_t i = 0; i < n;) {
    size_t j = i + 1;
    while (j < n && keys[j].head0 == keys[i].head0 && keys[j].head1 == keys[i].head1) ++j;
    if (j - i > 1 && !std::is_sorted(keys + i, keys + j, less)) std::sort(keys + i, keys + j, less);
    i = j;
  }
}

}  // namespace trailkeep::store::rocksdb_store
