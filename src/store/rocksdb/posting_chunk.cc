#include "store/rocksdb/posting_chunk.h"

#include <algorithm>

namespace trailkeep::store::rocksdb_store {
namespace {

uint64_t HeadWord(std::string_view v, size_t from) {
  uint64_t w = 0;
  for (size_t i = 0; i < 8; ++i) {
    w <<= 8;
    if (from + i < v.size()) w |= static_cast<uint8_t>(v[from + i]);
  }
  return w;
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
  // The comparison inlined (CompareKeys is in the header): through an
  // out-of-line one the sort took 1.7x as long (bench/micro/posting_bench).
  std::sort(entries_.begin(), entries_.end(), [this](const Entry& a, const Entry& b) {
    const int c = CompareKeys(a, ValueOf(a), b, ValueOf(b));
    return c != 0 ? c < 0 : a.at < b.at;
  });
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
