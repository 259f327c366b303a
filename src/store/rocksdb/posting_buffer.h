// The postings of the fields kept in posting blocks (posting_block.h) whose
// epoch's blocks are not written yet: the sealed chunks of committed groups
// (posting_chunk.h), in commit order. Queries read them here; once an epoch
// is complete, the store merges its entries into blocks, writes them, and
// only then marks the epoch stored, which drops its chunks (docs/storage.md,
// "Posting blocks").
//
// A reader captures the chunks and the stored mark together, then reads the
// blocks of the epochs up to the mark (without a snapshot: blocks are
// written once and never change) and the captured chunks' entries above
// it; each entry is then seen exactly once.
//
// Thread safety: every method is safe to call concurrently.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "store/rocksdb/marked_chunks.h"
#include "store/rocksdb/posting_chunk.h"

namespace trailkeep::store::rocksdb_store {

class PostingBuffer {
 public:
  // The chunks and the mark: every id up to stored_last_id has its epoch's
  // blocks stored (0: none).
  struct View : MarkedChunks<PostingChunk>::Snapshot {
    // Appends the (time, id) of (t, f, value)'s buffered entries to `out`,
    // sorted.
    void Find(TenantOrdinal t, model::IndexedField f, std::string_view value,
              std::vector<TimeId>* out) const;
  };

  // Sets the stored mark (at open); drops every chunk.
  void Reset(uint64_t stored_last_id) { chunks_.Reset(stored_last_id); }
  // Adds a committed group's chunk. REQUIRES: sealed; chunks are appended in
  // commit order.
  void Append(std::shared_ptr<const PostingChunk> chunk) { chunks_.Append(std::move(chunk)); }
  View Capture() const { return View{chunks_.Capture()}; }
  // The first epoch whose blocks are not stored.
  uint64_t NextEpoch() const { return PostingEpoch(chunks_.stored_last_id() + 1); }
  // Epochs complete once `last_id` is committed whose blocks are not stored.
  uint64_t CompleteUnstored(uint64_t last_id) const;
  // Marks epoch `e` stored (its blocks are written) and drops the chunks
  // holding nothing after it. REQUIRES: e == NextEpoch().
  void MarkStored(uint64_t e) { chunks_.MarkStored(PostingEpochLastId(e)); }
  size_t MemoryBytes() const { return chunks_.MemoryBytes(); }

  // Calls emit(field, tenant, value, block value) for each (tenant, field,
  // value) with entries in epoch `e` among `view`'s chunks, in key order.
  using EmitBlock = std::function<void(TenantOrdinal, model::IndexedField, std::string_view value,
                                       std::string_view block)>;
  static void BuildEpoch(const View& view, uint64_t e, const EmitBlock& emit);

 private:
  MarkedChunks<PostingChunk> chunks_;
};

}  // namespace trailkeep::store::rocksdb_store
