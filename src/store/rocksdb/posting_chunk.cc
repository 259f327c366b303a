#include "store/rocksdb/posting_chunk.h"

#include <algorithm>

namespace trailkeep::store::rocksdb_store {
namespace {

int Compare3(TenantOrdinal ta, uint8_t fa, std::string_view va, TenantOrdinal tb, uint8_t fb,
             std::string_view vb) {
  if (ta != tb) return ta < tb ? -1 : 1;
  if (fa != fb) return fa < fb ? -1 : 1;
  const int c = va.compare(vb);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

}  // namespace

void PostingChunk::Add(TenantOrdinal t, model::IndexedField f, std::string_view value,
                       TimeId at) {
  entries_.push_back(Entry{t, static_cast<uint8_t>(f), static_cast<uint32_t>(values_.size()),
                           static_cast<uint32_t>(value.size()), at});
  values_.append(value);
  min_id_ = std::min(min_id_, at.id);
  max_id_ = std::max(max_id_, at.id);
}

bool PostingChunk::Less(const Entry& a, const Entry& b) const {
  const int c = Compare3(a.tenant, a.field, ValueOf(a), b.tenant, b.field, ValueOf(b));
  return c != 0 ? c < 0 : a.at < b.at;
}

int PostingChunk::CompareKey(const Entry& a, const PostingChunk& other, const Entry& b) const {
  return Compare3(a.tenant, a.field, ValueOf(a), b.tenant, b.field, other.ValueOf(b));
}

void PostingChunk::Seal() {
  std::sort(entries_.begin(), entries_.end(),
            [this](const Entry& a, const Entry& b) { return Less(a, b); });
}

void PostingChunk::Find(TenantOrdinal t, model::IndexedField f, std::string_view value,
                        uint64_t min_id, std::vector<TimeId>* out) const {
  const auto field = static_cast<uint8_t>(f);
  auto it = std::lower_bound(entries_.begin(), entries_.end(), 0, [&](const Entry& e, int) {
    return Compare3(e.tenant, e.field, ValueOf(e), t, field, value) < 0;
  });
  for (; it != entries_.end() && Compare3(it->tenant, it->field, ValueOf(*it), t, field, value) == 0;
       ++it) {
    if (it->at.id > min_id) out->push_back(it->at);
  }
}

}  // namespace trailkeep::store::rocksdb_store
