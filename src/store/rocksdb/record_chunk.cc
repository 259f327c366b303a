#include "store/rocksdb/record_chunk.h"

#include <algorithm>

namespace trailkeep::store::rocksdb_store {
namespace {

constexpr size_t kHeaderBytes = 8 + 4 + 4;

}  // namespace

void RecordChunk::AddHeader(TenantOrdinal t, uint64_t id, size_t size) {
  PutU64(&bytes_, id);
  PutU32(&bytes_, t);
  PutU32(&bytes_, static_cast<uint32_t>(size));
  entries_.push_back(Entry{id, t, static_cast<uint32_t>(bytes_.size()), static_cast<uint32_t>(size)});
}

std::optional<RecordChunk> RecordChunk::Parse(std::string_view bytes) {
  RecordChunk c;
  c.bytes_.assign(bytes);
  size_t p = 0;
  while (p < bytes.size()) {
    if (bytes.size() - p < kHeaderBytes) return std::nullopt;
    const uint64_t id = GetU64(bytes.data() + p);
    const TenantOrdinal t = GetU32(bytes.data() + p + 8);
    const uint32_t size = GetU32(bytes.data() + p + 12);
    p += kHeaderBytes;
    if (bytes.size() - p < size) return std::nullopt;
    if (!c.entries_.empty() && id <= c.entries_.back().id) return std::nullopt;
    c.entries_.push_back(Entry{id, t, static_cast<uint32_t>(p), size});
    p += size;
  }
  return c;
}

std::optional<std::string_view> RecordChunk::Find(TenantOrdinal t, uint64_t id) const {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), id,
                             [](const Entry& e, uint64_t v) { return e.id < v; });
  if (it == entries_.end() || it->id != id || it->tenant != t) return std::nullopt;
  return RecordOf(*it);
}

}  // namespace trailkeep::store::rocksdb_store
