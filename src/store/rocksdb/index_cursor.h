// Cursors over (time, id)-suffixed index keys: the time index or one value's
// postings, bounded to a scan's window, and the k-way merge of several
// (one per value of a match) in (time, id) order.
//
// Thread safety: a cursor belongs to one scan.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <rocksdb/db.h>

#include "store/event_store.h"
#include "store/rocksdb/keys.h"

namespace trailkeep::store::rocksdb_store {

struct IndexCursor {
  // Bounds: the iterator keeps pointers to these slices, which point into
  // these strings, so a cursor never moves once opened.
  std::string lower, upper;
  rocksdb::Slice lower_slice, upper_slice;
  std::unique_ptr<rocksdb::Iterator> it;

  // REQUIRES: it->Valid().
  std::string_view Suffix() const {
    rocksdb::Slice k = it->key();
    return std::string_view(k.data() + k.size() - kTimeIdSuffix, kTimeIdSuffix);
  }
  int64_t Time() const { return GetI64(Suffix().data()); }
  uint64_t Id() const { return GetU64(Suffix().data() + 8); }
  void Advance(bool desc) { desc ? it->Prev() : it->Next(); }
};

// Opens `c` on keys `prefix` + (time, id) with time in [spec.from, spec.to),
// positioned at the first key in (time, id) order (`desc`: the last), past
// spec.after when set.
void OpenCursor(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf, rocksdb::ReadOptions ro,
                std::string prefix, const ScanSpec& spec, bool desc, IndexCursor* c);

// The valid cursor with the smallest suffix (`desc`: largest); nullptr when
// all are exhausted.
IndexCursor* NextCursor(std::vector<IndexCursor>& cursors, bool desc);

}  // namespace trailkeep::store::rocksdb_store
