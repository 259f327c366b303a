#include "store/rocksdb/posting_chunk.h"

#include <algorithm>
#include <cstring>

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
  // By (tenant, field) first, in one stable pass, when the group holds few
  // of them (a batch is one tenant's): each sort below is then a fraction of
  // the whole, and compares no tags. bench/micro/posting_bench, a batch's
  // chunk: 137 against 60 us. Past kMaxTagRanges (many tenants' events in
  // one group), one sort of everything, rather than a quadratic search.
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
  if (tags.size() > 1) {
    std::vector<size_t> next(tags.size(), 0);
    for (size_t i = 1; i < tags.size(); ++i) next[i] = ends[i - 1];
    std::vector<Entry> grouped(entries_.size());
    for (const Entry& e : entries_) grouped[next[range_of(e.tag)]++] = e;
    entries_.swap(grouped);
  }
  // The comparison inlined (CompareValues is in the header): through an
  // out-of-line one the sort took 1.7x as long (bench/micro/posting_bench).
  auto begin = entries_.begin();
  for (size_t end : ends) {
    std::sort(begin, entries_.begin() + static_cast<ptrdiff_t>(end),
              [this](const Entry& a, const Entry& b) {
                const int c = CompareValues(a, ValueOf(a), b, ValueOf(b));
                return c != 0 ? c < 0 : a.at < b.at;
              });
    begin = entries_.begin() + static_cast<ptrdiff_t>(end);
  }
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
