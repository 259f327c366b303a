#include "store/rocksdb/posting_chunk.h"

#include <algorithm>
#include <cstring>
#include <span>
#include <utility>

namespace trailkeep::store::rocksdb_store {
namespace {

// Bytes [from, from + 8) of `v` as a big-endian word, zero-padded past the
// end.
uint64_t HeadWord(std::string_view v, size_t from) {
  if (from + 8 <= v.size()) return GetU64(v.data() + from);
  char padded[8] = {};
  if (from < v.size()) std::memcpy(padded, v.data() + from, v.size() - from);
  return GetU64(padded);
}

uint64_t Tag(TenantOrdinal t, model::IndexedField f) {
  return uint64_t{t} << 8 | static_cast<uint8_t>(f);
}

// What Seal sorts: an entry's heads, its index in the chunk and its
// value's size.
struct SortKey {
  uint64_t head0, head1;
  uint32_t index, size;
};

// Byte `d` of a key's heads, counted from the least significant byte of
// head1 (0) to the most significant of head0 (15).
inline uint8_t HeadByte(const SortKey& k, int d) {
  return static_cast<uint8_t>((d < 8 ? k.head1 : k.head0) >> (8 * (d & 7)));
}

// Sorts keys[0, n) by (head0, head1), stably: a least-significant-digit
// radix sort on bytes, skipping the bytes every key shares. `scratch` has
// room for n keys. A comparison sort of random heads mispredicts about
// every other branch; this one has none that depend on the data.
void RadixSortByHeads(SortKey* keys, SortKey* scratch, size_t n) {
  if (n < 2) return;
  uint32_t counts[16][256] = {};
  for (size_t i = 0; i < n; ++i) {
    for (int d = 0; d < 16; ++d) ++counts[d][HeadByte(keys[i], d)];
  }
  SortKey* from = keys;
  SortKey* to = scratch;
  for (int d = 0; d < 16; ++d) {
    uint32_t* c = counts[d];
    if (c[HeadByte(from[0], d)] == n) continue;  // one value: the order stands
    uint32_t sum = 0;
    for (uint32_t& count : std::span(c, 256)) sum += std::exchange(count, sum);
    for (size_t i = 0; i < n; ++i) to[c[HeadByte(from[i], d)]++] = from[i];
    std::swap(from, to);
  }
  if (from != keys) std::copy(from, from + n, keys);
}

}  // namespace

void PostingChunk::Add(TenantOrdinal t, model::IndexedField f, std::string_view value,
                       TimeId at) {
  entries_.push_back(Entry{Tag(t, f), HeadWord(value, 0), HeadWord(value, 8),
                           static_cast<uint32_t>(values_.size()),
                           static_cast<uint32_t>(value.size()), at});
  values_.append(value);
  min_id_ = std::min(min_id_, at.id);
  max_id_ = std::max(max_id_, at.id);
}

void PostingChunk::Seal() {
  // By (tenant, field) first, in one counting pass, when the group holds
  // few of them (a batch is one tenant's): each sort below is then a
  // fraction of the whole, and compares no tags. Past kMaxTagRanges (many
  // tenants' events in one group), one comparison sort of everything,
  // rather than a quadratic search.
  constexpr size_t kMaxTagRanges = 64;
  std::vector<uint64_t> tags;
  for (const Entry& e : entries_) {
    if (std::find(tags.begin(), tags.end(), e.tag) != tags.end()) continue;
    if (tags.size() == kMaxTagRanges) {
      std::sort(entries_.begin(), entries_.end(), [this](const Entry& a, const Entry& b) {
        const int c = CompareKeys(a, ValueOf(a), b, ValueOf(b));
        return c != 0 ? c < 0 : a.at < b.at;
      });
      return;
    }
    tags.push_back(e.tag);
  }
  std::sort(tags.begin(), tags.end());
  auto range_of = [&](uint64_t tag) {
    return static_cast<size_t>(std::lower_bound(tags.begin(), tags.end(), tag) - tags.begin());
  };
  // ends[i]: one past the last entry of tags[i] once grouped.
  std::vector<size_t> ends(tags.size(), 0);
  for (const Entry& e : entries_) ++ends[range_of(e.tag)];
  for (size_t i = 1; i < ends.size(); ++i) ends[i] += ends[i - 1];

  // Each range is sorted by its heads with a radix sort, then each run of
  // equal heads (a value repeated, or values sharing 16 bytes) by value and
  // (time, id). Against std::sort on the entries with the whole comparison:
  // see docs/storage.md, "Chunks".
  const size_t n = entries_.size();
  std::vector<SortKey> keys(2 * n);  // the keys, then the radix sort's scratch
  {
    std::vector<size_t> next(tags.size(), 0);
    for (size_t i = 1; i < tags.size(); ++i) next[i] = ends[i - 1];
    for (size_t i = 0; i < n; ++i) {
      const Entry& e = entries_[i];
      keys[next[range_of(e.tag)]++] =
          SortKey{e.head0, e.head1, static_cast<uint32_t>(i), e.value_size};
    }
  }
  auto before = [this](const SortKey& a, const SortKey& b) {
    const Entry& x = entries_[a.index];
    const Entry& y = entries_[b.index];
    const int c = CompareValues(x, ValueOf(x), y, ValueOf(y));
    return c != 0 ? c < 0 : x.at < y.at;
  };
  size_t begin = 0;
  for (size_t end : ends) {
    RadixSortByHeads(keys.data() + begin, keys.data() + n, end - begin);
    for (size_t i = begin; i < end;) {
      size_t j = i + 1;
      while (j < end && keys[j].head0 == keys[i].head0 && keys[j].head1 == keys[i].head1) ++j;
      if (j - i > 1 && !std::is_sorted(keys.begin() + i, keys.begin() + j, before)) {
        std::sort(keys.begin() + i, keys.begin() + j, before);
      }
      i = j;
    }
    begin = end;
  }
  std::vector<Entry> sorted;
  sorted.reserve(n);
  for (size_t i = 0; i < n; ++i) sorted.push_back(entries_[keys[i].index]);
  entries_.swap(sorted);
}

void PostingChunk::Find(TenantOrdinal t, model::IndexedField f, std::string_view value,
                        uint64_t min_id, std::vector<TimeId>* out) const {
  const Entry probe{Tag(t, f), HeadWord(value, 0), HeadWord(value, 8), 0,
                    static_cast<uint32_t>(value.size()), TimeId{}};
  auto it = std::lower_bound(entries_.begin(), entries_.end(), 0, [&](const Entry& e, int) {
    return CompareKeys(e, ValueOf(e), probe, value) < 0;
  });
  for (; it != entries_.end() && CompareKeys(*it, ValueOf(*it), probe, value) == 0; ++it) {
    if (it->at.id > min_id) out->push_back(it->at);
  }
}

}  // namespace trailkeep::store::rocksdb_store
