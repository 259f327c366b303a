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

}  // namespace trailkeep::store::rocksdb_store
