#include "store/rocksdb/record_buffer.h"

#include <algorithm>

#include "store/rocksdb/keys.h"

namespace trailkeep::store::rocksdb_store {
namespace {

using ChunkPtr = std::shared_ptr<const RecordChunk>;
using ChunkIt = std::vector<ChunkPtr>::const_iterator;

// The chunks that may hold ids in [lo, hi]: chunks ascend by id.
std::pair<ChunkIt, ChunkIt> ChunksSpanning(const std::vector<ChunkPtr>& chunks, uint64_t lo,
                                           uint64_t hi) {
  auto first = std::lower_bound(chunks.begin(), chunks.end(), lo,
                                [](const ChunkPtr& c, uint64_t v) { return c->max_id() < v; });
  auto last = std::upper_bound(first, chunks.end(), hi,
                               [](uint64_t v, const ChunkPtr& c) { return v < c->min_id(); });
  return {first, last};
}

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
  const auto [first, last] = ChunksSpanning(chunks, lo, hi);
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

Status RecordBuffer::View::ForEachInKeyOrder(
    uint64_t hi,
    const std::function<Status(TenantOrdinal, uint64_t, std::string_view)>& visit) const {
  // Entries [begin, end) of one chunk, of one tenant and event epoch.
  struct Run {
    uint64_t epoch;
    TenantOrdinal tenant;
    const RecordChunk* chunk;
    size_t begin, end;
  };
  const uint64_t lo = stored_last_id + 1;
  if (lo == 0 || lo > hi) return Status::Ok();
  // Only the chunks the range reaches: at an epoch's end the buffer also
  // holds the next epoch's chunks, whose entries need no test.
  const auto [first, last] = ChunksSpanning(chunks, lo, hi);
  std::vector<Run> runs;
  for (auto c = first; c != last; ++c) {
    const std::vector<RecordChunk::Entry>& entries = (*c)->entries();
    for (size_t i = 0; i < entries.size(); ++i) {
      const RecordChunk::Entry& e = entries[i];
      if (e.id < lo || e.id > hi) continue;
      const uint64_t epoch = EventEpoch(e.id);
      if (!runs.empty()) {
        Run& run = runs.back();
        if (run.chunk == c->get() && run.end == i && run.epoch == epoch && run.tenant == e.tenant) {
          ++run.end;
          continue;
        }
      }
      runs.push_back(Run{epoch, e.tenant, c->get(), i, i + 1});
    }
  }
  // Stable: runs of one (epoch, tenant) keep their id order.
  std::stable_sort(runs.begin(), runs.end(), [](const Run& a, const Run& b) {
    return a.epoch != b.epoch ? a.epoch < b.epoch : a.tenant < b.tenant;
  });
  for (const Run& r : runs) {
    for (size_t i = r.begin; i < r.end; ++i) {
      const RecordChunk::Entry& e = r.chunk->entries()[i];
      TK_RETURN_IF_ERROR(visit(e.tenant, e.id, r.chunk->RecordOf(e)));
    }
  }
  return Status::Ok();
}

}  // namespace trailkeep::store::rocksdb_store
