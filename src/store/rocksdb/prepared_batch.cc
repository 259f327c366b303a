#include "store/rocksdb/prepared_batch.h"

#include <algorithm>
#include <cstring>

#include "base/lifo_pool.h"
#include "codec/canonical.h"
#include "store/rocksdb/record.h"

namespace trailkeep::store::rocksdb_store {

namespace {

// One batch of 1,000 bench events takes ~460 KB; buffers past this are
// freed rather than kept.
constexpr size_t kMaxKeptBytes = size_t{4} << 20;

}  // namespace

LifoPool<PreparedBatch::Buffers>& PreparedBatch::KeptBuffers() {
  static LifoPool<Buffers> pool(/*max_kept=*/8, kMaxKeptBytes,
                                [](const Buffers& b) { return b.capacity; });
  return pool;
}

void PreparedBatch::Buffers::Reserve(size_t n) {
  if (capacity - size >= n) return;
  const size_t grown = std::max(2 * capacity, size + n);
  auto more = std::make_unique_for_overwrite<char[]>(grown);
  if (size != 0) std::memcpy(more.get(), bytes.get(), size);
  bytes = std::move(more);
  capacity = grown;
}

PreparedBatch PrepareBatch(const AppendBatch& batch) {
  PreparedBatch out;
  PreparedBatch::Buffers& b = out.b_;
  b = PreparedBatch::KeptBuffers().Take();
  b.size = 0;
  b.parts.clear();
  b.parts.reserve(batch.events.size());
  for (const model::Event& e : batch.events) {
    b.Reserve(kRecordTimeBytes + codec::CanonicalTemplateMaxBytes(e, batch.tenant.value));
    char* const begin = b.bytes.get() + b.size;
    char* const json = WriteRecordTime(e, begin);
    codec::CanonicalHoles holes;
    char* const end = codec::WriteCanonicalTemplate(e, batch.tenant.value, json, &holes);
    const size_t json_at = static_cast<size_t>(json - b.bytes.get());
    b.parts.push_back({static_cast<uint32_t>(b.size), static_cast<uint32_t>(json_at + holes.id_at),
                       static_cast<uint32_t>(json_at + holes.received_at),
                       static_cast<uint32_t>(end - b.bytes.get())});
    b.size = b.parts.back().end;
  }
  return out;
}

PreparedBatch::~PreparedBatch() {
  // Nothing to keep when moved from (a moved-from vector is empty).
  if (b_.parts.capacity() != 0) KeptBuffers().Give(std::move(b_));
}

std::array<std::string_view, 3> PreparedBatch::Pieces(size_t i) const {
  const Parts& p = b_.parts[i];
  const std::string_view b(b_.bytes.get(), b_.size);
  return {b.substr(p.begin, p.id_at - p.begin), b.substr(p.id_at, p.received_at - p.id_at),
          b.substr(p.received_at, p.end - p.received_at)};
}

}  // namespace trailkeep::store::rocksdb_store
