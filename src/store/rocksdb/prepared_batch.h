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
#include <string>
#include <string_view>
#include <vector>

#include "store/event_store.h"

namespace trailkeep::store::rocksdb_store {

class PreparedBatch {
 public:
  // The stored record (docs/storage.md, "record") of event `i` as three
  // pieces around its two holes: pieces[0] + the id's decimal text +
  // pieces[1] + the received time's ISO text + pieces[2] equals
  // AppendRecordTime + codec::AppendCanonicalJson of the event with its
  // id, the batch's tenant and its received time. The writer hands the
  // pieces to the storage engine without joining them.
  std::array<std::string_view, 3> Pieces(size_t i) const;

  size_t size() const { return parts_.size(); }
  // Bytes of all the records without their ids and `received` texts.
  size_t bytes() const { return bytes_.size(); }

 private:
  friend PreparedBatch PrepareBatch(const AppendBatch& batch);

  // bytes_[begin, id_at) + id + bytes_[id_at, received_at) + received +
  // bytes_[received_at, end).
  struct Parts {
    uint32_t begin, id_at, received_at, end;
  };
  std::string bytes_;
  std::vector<Parts> parts_;
};

// Encodes every event of `batch` (tenant taken from the batch) with
// codec::AppendCanonicalTemplate.
PreparedBatch PrepareBatch(const AppendBatch& batch);

}  // namespace trailkeep::store::rocksdb_store
