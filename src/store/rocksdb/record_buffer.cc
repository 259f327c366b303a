#include "store/rocksdb/record_buffer.h"

#include <algorithm>

namespace trailkeep::store::rocksdb_store {
namespace {

using ChunkPtr = std::shared_ptr<const RecordChunk>;

}  // namespace

std::optional<std::string_view> RecordBuffer::View::Find(TenantOrdinal t, uint64_t id) const {
  if (id <= stored_last_id) return std::nullopt;
  // The first chunk whose last id is at or after `id`.
  auto it = std::lower_bound(chunks.begin(), chunks.end(), id,
                             [](const ChunkPtr& c, uint64_t v) { return c->max_id() < v; });
  if (it == chunks.end()) return std::nullopt;
  return (*it)->Find(t, id);
}

bool RecordBuffer::View::ForEach(TenantOrdinal t, uint64_t lo, uint64_t hi, bool desc,
                                 const std::function<bool(uint64_t, std::string_view)>& visit) const {
  lo = std::max(lo, stored_last_id + 1);
  if (lo > hi || lo == 0) return true;
  auto first = std::lower_bound(chunks.begin(), chunks.end(), lo,
                                [](const ChunkPtr& c, uint64_t v) { return c->max_id() < v; });
  auto last = std::upper_bound(first, chunks.end(), hi,
                               [](uint64_t v, const ChunkPtr& c) { return v < c->min_id(); });
  auto in_range = [&](const RecordChunk::Entry& e) { return e.tenant == t && e.id >= lo && e.id <= hi; };
  if (!desc) {
    for (auto c = first; c != last; ++c) {
      for (const RecordChunk::Entry& e : (*c)->entries()) {
        if (in_range(e) && !visit(e.id, (*c)->RecordOf(e))) return false;
      }
    }
  } else {
    for (auto c = last; c != first;) {
      --c;
      const auto& entries = (*c)->entries();
      for (auto e = entries.rbegin(); e != entries.rend(); ++e) {
        if (in_range(*e) && !visit(e->id, (*c)->RecordOf(*e))) return false;
      }
    }
  }
  return true;
}

void RecordBuffer::Reset(uint64_t stored_last_id) {
  std::lock_guard lock(mu_);
  chunks_.clear();
  stored_last_id_ = stored_last_id;
  memory_bytes_ = 0;
}

void RecordBuffer::Append(ChunkPtr chunk) {
  std::lock_guard lock(mu_);
  memory_bytes_ += chunk->MemoryBytes();
  chunks_.push_back(std::move(chunk));
}

void RecordBuffer::RemoveLast(const RecordChunk* chunk) {
  std::lock_guard lock(mu_);
  if (chunks_.empty() || chunks_.back().get() != chunk) return;
  memory_bytes_ -= chunk->MemoryBytes();
  chunks_.pop_back();
}

RecordBuffer::View RecordBuffer::Capture() const {
  std::lock_guard lock(mu_);
  return View{chunks_, stored_last_id_};
}

uint64_t RecordBuffer::stored_last_id() const {
  std::lock_guard lock(mu_);
  return stored_last_id_;
}

void RecordBuffer::MarkStored(uint64_t last_id) {
  std::lock_guard lock(mu_);
  stored_last_id_ = std::max(stored_last_id_, last_id);
  size_t keep = 0;
  while (keep < chunks_.size() && chunks_[keep]->max_id() <= stored_last_id_) {
    memory_bytes_ -= chunks_[keep]->MemoryBytes();
    ++keep;
  }
  chunks_.erase(chunks_.begin(), chunks_.begin() + static_cast<std::ptrdiff_t>(keep));
}

size_t RecordBuffer::MemoryBytes() const {
  std::lock_guard lock(mu_);
  return memory_bytes_;
}

}  // namespace trailkeep::store::rocksdb_store
