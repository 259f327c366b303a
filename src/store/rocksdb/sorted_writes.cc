#include "store/rocksdb/sorted_writes.h"

#include <algorithm>

#include "store/rocksdb/head_sort.h"

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
  auto put = [&](const Entry& e) {
    rocksdb::Slice k(base + e.key_off, e.key_len), v(base + e.value_off, e.value_len);
    if (e.op == Op::kPut) {
      batch->Put(cf, k, v).PermitUncheckedError();
    } else {
      batch->Merge(cf, k, v).PermitUncheckedError();
    }
  };
  if (sorted_) {
    for (const Entry& e : entries_) put(e);
  } else {
    // By the keys' first 16 bytes without comparisons (head_sort.h), then
    // each run of equal heads by the whole key: keys share their tenant and
    // kind, and differ next in a time or a value, at random. Against
    // std::sort comparing the keys, group_bench alternating, four each:
    // 1098-1146 against 1126-1159 us per group of 2,000 events.
    const size_t n = entries_.size();
    keys_.resize(2 * n);
    for (size_t i = 0; i < n; ++i) {
      const std::string_view key = KeyOf(entries_[i]);
      keys_[i] = HeadKey{HeadWord(key, 0), HeadWord(key, 8), static_cast<uint32_t>(i)};
    }
    SortByHeads(keys_.data(), keys_.data() + n, n, [this](const HeadKey& a, const HeadKey& b) {
      return KeyOf(entries_[a.index]) < KeyOf(entries_[b.index]);
    });
    for (size_t i = 0; i < n; ++i) put(entries_[keys_[i].index]);
  }
  entries_.clear();
  arena_.clear();
  sorted_ = true;
}

}  // namespace trailkeep::store::rocksdb_store
