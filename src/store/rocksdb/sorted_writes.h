// Buffers one column family's writes of a commit group and adds them to the
// WriteBatch in key order. A memtable skiplist inserts keys in order far
// faster than interleaved ones (its search starts from the last insert), and
// a group's postings, time keys and counts arrive interleaved.
//
// REQUIRES: no key is added twice in one group (true for every key the
// commit group writes), since sorting would reorder the two writes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <rocksdb/write_batch.h>

#include "store/rocksdb/head_sort.h"

namespace trailkeep::store::rocksdb_store {

class SortedWrites {
 public:
  enum class Op : uint8_t { kPut, kMerge };

  void Add(Op op, std::string_view key, std::string_view value);
  // Adds every buffered write to `batch` in key order, then clears.
  void FlushTo(rocksdb::WriteBatch* batch, rocksdb::ColumnFamilyHandle* cf);

 private:
  struct Entry {
    uint32_t key_off, key_len, value_off, value_len;
    Op op;
  };
  std::string_view KeyOf(const Entry& e) const {
    return std::string_view(arena_.data() + e.key_off, e.key_len);
  }

  std::string arena_;  // keys and values, back to back
  std::vector<Entry> entries_;
  std::vector<HeadKey> keys_;  // FlushTo's sort keys and scratch, kept for their capacity
  bool sorted_ = true;  // entries_ were added in key order (events of one tenant are)
};

}  // namespace trailkeep::store::rocksdb_store
