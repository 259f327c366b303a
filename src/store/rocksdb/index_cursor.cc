#include "store/rocksdb/index_cursor.h"

namespace trailkeep::store::rocksdb_store {

void OpenCursor(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf, rocksdb::ReadOptions ro,
                std::string prefix, const ScanSpec& spec, bool desc, IndexCursor* c) {
  c->lower = prefix;
  c->upper = prefix;
  PutI64(&c->lower, spec.from.ms);
  PutI64(&c->upper, spec.to.ms);
  c->lower_slice = rocksdb::Slice(c->lower);
  c->upper_slice = rocksdb::Slice(c->upper);
  ro.iterate_lower_bound = &c->lower_slice;
  ro.iterate_upper_bound = &c->upper_slice;
  c->it.reset(db->NewIterator(ro, cf));
  std::string after_key;
  if (spec.after) {
    after_key = prefix;
    AppendTimeId(&after_key, spec.after->time.ms, spec.after->id.value);
  }
  if (!desc) {
    if (spec.after && after_key > c->lower) {
      c->it->Seek(after_key);
      if (c->it->Valid() && c->it->key() == rocksdb::Slice(after_key)) c->it->Next();
    } else {
      c->it->SeekToFirst();
    }
  } else {
    if (spec.after && after_key < c->upper) {
      c->it->SeekForPrev(after_key);
      if (c->it->Valid() && c->it->key() == rocksdb::Slice(after_key)) c->it->Prev();
    } else {
      c->it->SeekToLast();
    }
  }
}

IndexCursor* NextCursor(std::vector<IndexCursor>& cursors, bool desc) {
  IndexCursor* next = nullptr;
  for (IndexCursor& c : cursors) {
    if (!c.it->Valid()) continue;
    if (!next || (desc ? c.Suffix() > next->Suffix() : c.Suffix() < next->Suffix())) next = &c;
  }
  return next;
}

}  // namespace trailkeep::store::rocksdb_store
