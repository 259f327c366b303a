#include "store/rocksdb/posting_chunk.h"

#include <algorithm>

#include "store/rocksdb/head_sort.h"

namespace trailkeep::store::rocksdb_store {
namespace {

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
  std::vector<HeadKey> keys(2 * n);  // the keys, then the radix sort's scratch
  {
    std::vector<size_t> next(tags.size(), 0);
    for (size_t i = 1; i < tags.size(); ++i) next[i] = ends[i - 1];
    for (size_t i = 0; i < n; ++i) {
      const Entry& e = entries_[i];
      keys[next[range_of(e.tag)]++] = HeadKey{e.head0, e.head1, static_cast<uint32_t>(i)};
    }
  }
  auto before = [this](const HeadKey& a, const HeadKey& b) {
    const Entry& x = entries_[a.index];
    const Entry& y = entries_[b.index];
    const int c = CompareValues(x, ValueOf(x), y, ValueOf(y));
    return c != 0 ? c < 0 : x.at < y.at;
  };
  size_t begin = 0;
  for (size_t end : ends) {
    SortByHeads(keys.data() + begin, keys.data() + n, end - begin, before);
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
