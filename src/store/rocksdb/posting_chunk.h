// The postings one commit group adds to the fields kept in posting blocks
// (posting_block.h), sorted by (tenant, field, value, time, id): built off
// the commit path by the group builder, then held in memory by the
// PostingBuffer until its epoch's blocks are written.
//
// Thread safety: built by one thread; const after Seal(), and then safe to
// read from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/event.h"
#include "store/rocksdb/keys.h"
#include "store/rocksdb/posting_run.h"

namespace trailkeep::store::rocksdb_store {

class PostingChunk {
 public:
  struct Entry {
    // The value's first 16 bytes, big-endian, zero-padded: sorting and
    // merging compare these in place and read the value bytes only on a
    // tie (a shared 16-byte prefix), instead of chasing every value.
    uint64_t head0, head1;
    TenantOrdinal tenant;
    uint8_t field;
    uint32_t value_offset, value_size;  // into the chunk's value bytes
    TimeId at;
  };

  // REQUIRES: not sealed.
  void Add(TenantOrdinal t, model::IndexedField f, std::string_view value, TimeId at);
  // Sorts the entries; the chunk is read-only from here on.
  void Seal();

  // Appends the (time, id) of (t, f, value)'s entries with an id above
  // `min_id` to `out`, in (time, id) order. REQUIRES: sealed.
  void Find(TenantOrdinal t, model::IndexedField f, std::string_view value, uint64_t min_id,
            std::vector<TimeId>* out) const;

  const std::vector<Entry>& entries() const { return entries_; }
  std::string_view ValueOf(const Entry& e) const {
    return std::string_view(values_).substr(e.value_offset, e.value_size);
  }
  bool empty() const { return entries_.empty(); }
  uint64_t min_id() const { return min_id_; }  // UINT64_MAX when empty
  uint64_t max_id() const { return max_id_; }  // 0 when empty
  size_t MemoryBytes() const { return values_.capacity() + entries_.capacity() * sizeof(Entry); }

  // (tenant, field, value) order, then (time, id).
  bool Less(const Entry& a, const Entry& b) const;
  // Compares the (tenant, field, value) of `a` (of this chunk) and `b` (of `other`).
  int CompareKey(const Entry& a, const PostingChunk& other, const Entry& b) const;

 private:
  std::string values_;
  std::vector<Entry> entries_;
  uint64_t min_id_ = UINT64_MAX, max_id_ = 0;
};

}  // namespace trailkeep::store::rocksdb_store
