// The records one commit group adds, as one block of bytes: written to the
// WAL as the group's log data (WriteBatch::PutLogData, never a memtable),
// held by the RecordBuffer until their posting epoch's records are stored
// as a file (docs/storage.md, "Records of unstored epochs"), and parsed
// back from the WAL after a restart.
//
// Layout of the bytes: per record, in id order, u64 id, u32 tenant, u32
// length, then the record (record.h).
//
// Thread safety: built by one thread; const once shared, and then safe to
// read from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/rocksdb/keys.h"

namespace trailkeep::store::rocksdb_store {

class RecordChunk {
 public:
  struct Entry {
    uint64_t id;
    TenantOrdinal tenant;
    uint32_t offset, size;  // of the record, in bytes()
  };

  // Appends the record of (t, id), the concatenation of `pieces`.
  // REQUIRES: id above every id added so far.
  template <size_t N>
  void Add(TenantOrdinal t, uint64_t id, const std::string_view (&pieces)[N]) {
    size_t size = 0;
    for (std::string_view p : pieces) size += p.size();
    AddHeader(t, id, size);
    for (std::string_view p : pieces) bytes_.append(p);
  }
  void Reserve(size_t bytes) { bytes_.reserve(bytes); }

  // The chunk `bytes` encodes (as bytes() of a built chunk); nullopt when
  // they are not such an encoding.
  static std::optional<RecordChunk> Parse(std::string_view bytes);

  std::string_view bytes() const { return bytes_; }
  const std::vector<Entry>& entries() const { return entries_; }
  std::string_view RecordOf(const Entry& e) const {
    return std::string_view(bytes_).substr(e.offset, e.size);
  }
  // The record of (t, id); nullopt when the chunk has none.
  std::optional<std::string_view> Find(TenantOrdinal t, uint64_t id) const;
  bool empty() const { return entries_.empty(); }
  uint64_t min_id() const { return entries_.empty() ? 0 : entries_.front().id; }
  uint64_t max_id() const { return entries_.empty() ? 0 : entries_.back().id; }
  size_t MemoryBytes() const { return bytes_.capacity() + entries_.capacity() * sizeof(Entry); }

 private:
  void AddHeader(TenantOrdinal t, uint64_t id, size_t size);

  std::string bytes_;
  std::vector<Entry> entries_;
};

}  // namespace trailkeep::store::rocksdb_store
