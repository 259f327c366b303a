// The records whose posting epoch's records file is not stored yet: the
// chunks of committed groups (record_chunk.h), in commit order, which is id
// order. They are durable in the WAL (as log data, read back after a
// restart) and readable only here until the blocks thread has written
// their epoch as one file of the `events` column family and marked them
// stored (docs/storage.md, "Records of unstored epochs").
//
// A reader captures the chunks and the stored mark together; it reads the
// records up to the mark from `events` (without a snapshot: records are
// written once and never change, and a snapshot may predate the file that
// holds them) and the records above it from the captured chunks.
//
// Thread safety: every method is safe to call concurrently.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "store/rocksdb/marked_chunks.h"
#include "store/rocksdb/record_chunk.h"

namespace trailkeep::store::rocksdb_store {

class RecordBuffer {
 public:
  // The chunks and the mark: every record with an id up to stored_last_id
  // is in `events` (0: none).
  struct View : MarkedChunks<RecordChunk>::Snapshot {
    // The buffered record of (t, id); nullopt when it is not buffered.
    std::optional<std::string_view> Find(TenantOrdinal t, uint64_t id) const;
    // Calls visit(id, record) for tenant t's buffered records with ids in
    // [lo, hi], ascending (descending when `desc`), until it returns false.
    // Returns false when visit did.
    bool ForEach(TenantOrdinal t, uint64_t lo, uint64_t hi, bool desc,
                 const std::function<bool(uint64_t, std::string_view)>& visit) const;
    // Calls visit(t, id, record) for every buffered record with an id in
    // (stored_last_id, hi], in the key order of `events` (event epoch,
    // tenant, id: keys.h), until it returns an error, which it returns.
    // Sorts runs (a group's records of one tenant and epoch), not records:
    // ids ascend through the chunks, so each run is already in key order.
    Status ForEachInKeyOrder(
        uint64_t hi,
        const std::function<Status(TenantOrdinal, uint64_t, std::string_view)>& visit) const;
  };

  // Sets the stored mark (at open) and drops every chunk.
  void Reset(uint64_t stored_last_id) { chunks_.Reset(stored_last_id); }
  // Adds a group's chunk before its write: a reader may see records of a
  // group that is not committed yet, but reads only ids the store's index
  // or last id admit. REQUIRES: ids above every buffered id.
  void Append(std::shared_ptr<const RecordChunk> chunk) { chunks_.Append(std::move(chunk)); }
  // Drops `chunk` again, the last one appended, when its write failed.
  void RemoveLast(const RecordChunk* chunk) { chunks_.RemoveLast(chunk); }
  View Capture() const { return View{chunks_.Capture()}; }
  uint64_t stored_last_id() const { return chunks_.stored_last_id(); }
  // Marks every record up to `last_id` stored and drops the chunks holding
  // nothing after it.
  void MarkStored(uint64_t last_id) { chunks_.MarkStored(last_id); }
  size_t MemoryBytes() const { return chunks_.MemoryBytes(); }

 private:
  MarkedChunks<RecordChunk> chunks_;
};

}  // namespace trailkeep::store::rocksdb_store
