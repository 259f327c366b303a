#include "store/rocksdb/posting_chunk.h"

#include <algorithm>

namespace trailkeep::store::rocksdb_store {
namespace {

constexpr size_t kHeadBytes = 16;

uint64_t HeadWord(std::string_view v, size_t from) {
  uint64_t w = 0;
  for (size_t i = 0; i < 8; ++i) {
    w <<= 8;
    if (from + i < v.size()) w |= static_cast<uint8_t>(v[from + i]);
  }
  return w;
}

// Bytewise order of (tenant, field, value) from the entries' heads; the
// value bytes `va` and `vb` are read only when both heads are equal and a
// value is longer than them. Two zero-padded heads that are equal, with
// both values within them, mean the shorter value is a prefix of the other.
int CompareEntries(const PostingChunk::Entry& a, std::string_view va,
                   const PostingChunk::Entry& b, std::string_view vb) {
  if (a.tenant != b.tenant) return a.tenant < b.tenant ? -1 : 1;
  if (a.field != b.field) return a.field < b.field ? -1 : 1;
  if (a.head0 != b.head0) return a.head0 < b.head0 ? -1 : 1;
  if (a.head1 != b.head1) return a.head1 < b.head1 ? -1 : 1;
  if (a.value_size <= kHeadBytes && b.value_size <= kHeadBytes) {
    return a.value_size == b.value_size ? 0 : a.value_size < b.value_size ? -1 : 1;
  }
  const int c = va.compare(vb);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

}  // namespace

void PostingChunk::Add(TenantOrdinal t, model::IndexedField f, std::string_view value,
                       TimeId at) {
  entries_.push_back(Entry{HeadWord(value, 0), HeadWord(value, 8), t, static_cast<uint8_t>(f),
                           static_cast<uint32_t>(values_.size()),
                           static_cast<uint32_t>(value.size()), at});
  values_.append(value);
  min_id_ = std::min(min_id_, at.id);
  max_id_ = std::max(max_id_, at.id);
}

bool PostingChunk::Less(const Entry& a, const Entry& b) const {
  const int c = CompareEntries(a, ValueOf(a), b, ValueOf(b));
  return c != 0 ? c < 0 : a.at < b.at;
}

int PostingChunk::CompareKey(const Entry& a, const PostingChunk& other, const Entry& b) const {
  return CompareEntries(a, ValueOf(a), b, other.ValueOf(b));
}

void PostingChunk::Seal() {
  std::sort(entries_.begin(), entries_.end(),
            [this](const Entry& a, const Entry& b) { return Less(a, b); });
}

void PostingChunk::Find(TenantOrdinal t, model::IndexedField f, std::string_view value,
                        uint64_t min_id, std::vector<TimeId>* out) const {
  const Entry probe{HeadWord(value, 0), HeadWord(value, 8), t, static_cast<uint8_t>(f), 0,
                    static_cast<uint32_t>(value.size()), TimeId{}};
  auto it = std::lower_bound(entries_.begin(), entries_.end(), 0, [&](const Entry& e, int) {
    return CompareEntries(e, ValueOf(e), probe, value) < 0;
  });
  for (; it != entries_.end() && CompareEntries(*it, ValueOf(*it), probe, value) == 0; ++it) {
    if (it->at.id > min_id) out->push_back(it->at);
  }
}

}  // namespace trailkeep::store::rocksdb_store
