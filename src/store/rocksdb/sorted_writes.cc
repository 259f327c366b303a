#include "store/rocksdb/sorted_writes.h"

#include <algorithm>

namespace trailkeep::store::rocksdb_store {

void SortedWrites::Add(Op op, std::string_view key, std::string_view value) {
  if (sorted_ && !entries_.empty() && key <= KeyOf(entries_.back())) sorted_ = false;
  Entry e;
  e.op = op;
  e.key_off = static_cast<uint32_t>(arena_.size());
  e.key_len = static_cast<uint32_t>(key.size());
  arena_.append(key);
  e.value_off = static_cast<uint32_t>(arena_.size());
  e.value_len = static_cast<uint32_t>(value.size());
  arena_.append(value);
  entries_.push_back(e);
}

void SortedWrites::FlushTo(rocksdb::WriteBatch* batch, rocksdb::ColumnFamilyHandle* cf) {
  const char* base = arena_.data();
  if (!sorted_) {
    std::sort(entries_.begin(), entries_.end(),
              [&](const Entry& a, const Entry& b) { return KeyOf(a) < KeyOf(b); });
  }
  for (const Entry& e : entries_) {
    rocksdb::Slice k(base + e.key_off, e.key_len), v(base + e.value_off, e.value_len);
    if (e.op == Op::kPut) {
      batch->Put(cf, k, v).PermitUncheckedError();
    } else {
      batch->Merge(cf, k, v).PermitUncheckedError();
    }
  }
  entries_.clear();
  arena_.clear();
  sorted_ = true;
}

}  // namespace trailkeep::store::rocksdb_store
