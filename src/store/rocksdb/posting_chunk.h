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
    // The key's leading part as one integer: tenant << 8 | field.
    uint64_t tag;
    // The value's first 16 bytes, big-endian, zero-padded: sorting and
    // merging compare these in place and read the value bytes only on a
    // tie (a shared 16-byte prefix), instead of chasing every value.
    uint64_t head0, head1;
    uint32_t value_offset, value_size;  // into the chunk's value bytes
    TimeId at;

    TenantOrdinal tenant() const { return static_cast<TenantOrdinal>(tag >> 8); }
    model::IndexedField field() const { return static_cast<model::IndexedField>(tag & 0xff); }
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
    return std::string_view(values_.data() + e.value_offset, e.value_size);
  }
  bool empty() const { return entries_.empty(); }
  uint64_t min_id() const { return min_id_; }  // UINT64_MAX when empty
  uint64_t max_id() const { return max_id_; }  // 0 when empty
  size_t MemoryBytes() const { return values_.capacity() + entries_.capacity() * sizeof(Entry); }

  // Bytewise order of (tenant, field, value) of `a` (value bytes `va`) and
  // `b` (`vb`): <0, 0 or >0.
  static int CompareKeys(const Entry& a, std::string_view va, const Entry& b,
                         std::string_view vb) {
    if (a.tag != b.tag) return a.tag < b.tag ? -1 : 1;
    return CompareValues(a, va, b, vb);
  }

  // Bytewise order of the values of `a` and `b` alone. The value bytes are
  // read only when both heads are equal and a value is longer than them;
  // two equal zero-padded heads with both values within them mean the
  // shorter is a prefix of the other.
  static int CompareValues(const Entry& a, std::string_view va, const Entry& b,
                           std::string_view vb) {
    if (a.head0 != b.head0) return a.head0 < b.head0 ? -1 : 1;
    if (a.head1 != b.head1) return a.head1 < b.head1 ? -1 : 1;
    if (a.value_size <= kHeadBytes && b.value_size <= kHeadBytes) {
      return a.value_size == b.value_size ? 0 : a.value_size < b.value_size ? -1 : 1;
    }
    const int c = va.compare(vb);
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  }

  static constexpr size_t kHeadBytes = 16;

 private:
  std::string values_;
  std::vector<Entry> entries_;
  uint64_t min_id_ = UINT64_MAX, max_id_ = 0;
};

}  // namespace trailkeep::store::rocksdb_store
