// What the PostingBuffer and the RecordBuffer share: the immutable chunks of
// committed groups, in commit order, and a mark up to which every id's
// contents are stored elsewhere (blocks, record files). Readers capture the
// chunks and the mark together; moving the mark drops the chunks that hold
// nothing after it.
//
// Chunk needs empty(), max_id() and MemoryBytes().
//
// Thread safety: every method is safe to call concurrently.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace trailkeep::store::rocksdb_store {

template <typename Chunk>
class MarkedChunks {
 public:
  struct Snapshot {
    std::vector<std::shared_ptr<const Chunk>> chunks;
    // Every id up to this one is stored elsewhere (0: none).
    uint64_t stored_last_id = 0;
  };

  // Sets the mark (at open) and drops every chunk.
  void Reset(uint64_t stored_last_id) {
    std::lock_guard lock(mu_);
    chunks_.clear();
    stored_last_id_ = stored_last_id;
    memory_bytes_ = 0;
  }
  // Adds a chunk after the others; an empty one is dropped.
  void Append(std::shared_ptr<const Chunk> chunk) {
    if (chunk->empty()) return;
    std::lock_guard lock(mu_);
    memory_bytes_ += chunk->MemoryBytes();
    chunks_.push_back(std::move(chunk));
  }
  // Drops `chunk` again if it is the last one appended.
  void RemoveLast(const Chunk* chunk) {
    std::lock_guard lock(mu_);
    if (chunks_.empty() || chunks_.back().get() != chunk) return;
    memory_bytes_ -= chunk->MemoryBytes();
    chunks_.pop_back();
  }
  Snapshot Capture() const {
    std::lock_guard lock(mu_);
    return Snapshot{chunks_, stored_last_id_};
  }
  uint64_t stored_last_id() const {
    std::lock_guard lock(mu_);
    return stored_last_id_;
  }
  // Raises the mark to `last_id` and drops the chunks holding nothing after it.
  void MarkStored(uint64_t last_id) {
    std::lock_guard lock(mu_);
    stored_last_id_ = std::max(stored_last_id_, last_id);
    std::erase_if(chunks_, [&](const std::shared_ptr<const Chunk>& c) {
      if (c->max_id() > stored_last_id_) return false;
      memory_bytes_ -= c->MemoryBytes();
      return true;
    });
  }
  size_t MemoryBytes() const {
    std::lock_guard lock(mu_);
    return memory_bytes_;
  }

 private:
  mutable std::mutex mu_;
  std::vector<std::shared_ptr<const Chunk>> chunks_;  // guarded by mu_
  uint64_t stored_last_id_ = 0;                       // guarded by mu_
  size_t memory_bytes_ = 0;                           // guarded by mu_
};

}  // namespace trailkeep::store::rocksdb_store
