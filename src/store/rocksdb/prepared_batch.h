// The CPU-heavy part of storing a batch, done on the appending thread before
// it queues (so that concurrent requests encode in parallel and the single
// writer thread only assigns ids): each event's record time and canonical
// JSON, with holes for the two values only the writer knows, the id and the
// `received` time.
//
// Thread safety: PrepareBatch is safe to call concurrently.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "store/event_store.h"

namespace trailkeep {
template <typename T>
class LifoPool;
}  // namespace trailkeep

namespace trailkeep::store::rocksdb_store {

class PreparedBatch {
 public:
  PreparedBatch() = default;
  PreparedBatch(PreparedBatch&&) = default;
  PreparedBatch& operator=(PreparedBatch&&) = default;
  // Leaves its buffers to a later PrepareBatch (base/lifo_pool.h), unless
  // they are far larger than a batch of 1,000 events needs.
  ~PreparedBatch();

  // The stored record (docs/storage.md, "record") of event `i` as three
  // pieces around its two holes: pieces[0] + the id's decimal text +
  // pieces[1] + the received time's ISO text + pieces[2] equals
  // WriteRecordTime + codec::AppendCanonicalJson of the event with its
  // id, the batch's tenant and its received time. The writer hands the
  // pieces to the storage engine without joining them.
  std::array<std::string_view, 3> Pieces(size_t i) const;

  size_t size() const { return b_.parts.size(); }
  // Bytes of all the records without their ids and `received` texts.
  size_t bytes() const { return b_.size; }

 private:
  friend PreparedBatch PrepareBatch(const AppendBatch& batch);

  // bytes[begin, id_at) + id + bytes[id_at, received_at) + received +
  // bytes[received_at, end).
  struct Parts {
    uint32_t begin, id_at, received_at, end;
  };
  // The records are written in place (codec::WriteCanonicalTemplate) into
  // `bytes`, which has `capacity` bytes, `size` of them used: a string
  // would have to be resized to each record's upper bound first, filling
  // it with zeros.
  struct Buffers {
    std::unique_ptr<char[]> bytes;
    size_t size = 0, capacity = 0;
    std::vector<Parts> parts;

    // Room for `n` more bytes after `size`.
    void Reserve(size_t n);
  };
  // Buffers of earlier batches, shared by every thread.
  static LifoPool<Buffers>& KeptBuffers();

  Buffers b_;
};

// Encodes every event of `batch` (tenant taken from the batch): its time,
// then codec::WriteCanonicalTemplate.
PreparedBatch PrepareBatch(const AppendBatch& batch);

}  // namespace trailkeep::store::rocksdb_store
