#include "store/rocksdb/prepared_batch.h"

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
                                [](const Buffers& b) { return b.bytes.capacity(); });
  return pool;
}

PreparedBatch PrepareBatch(const AppendBatch& batch) {
  PreparedBatch out;
  out.b_ = PreparedBatch::KeptBuffers().Take();
  std::string& bytes = out.b_.bytes;
  std::vector<PreparedBatch::Parts>& parts = out.b_.parts;
  bytes.clear();
  parts.clear();
  parts.reserve(batch.events.size());
  bytes.reserve(batch.events.size() * 512);
  for (const model::Event& e : batch.events) {
    PreparedBatch::Parts p;
    p.begin = static_cast<uint32_t>(bytes.size());
    AppendRecordTime(e, &bytes);
    const codec::CanonicalHoles holes =
        codec::AppendCanonicalTemplate(e, batch.tenant.value, &bytes);
    p.id_at = static_cast<uint32_t>(holes.id_at);
    p.received_at = static_cast<uint32_t>(holes.received_at);
    p.end = static_cast<uint32_t>(bytes.size());
    parts.push_back(p);
  }
  return out;
}

PreparedBatch::~PreparedBatch() {
  // Nothing to keep when moved from (a moved-from vector is empty).
  if (b_.parts.capacity() != 0) KeptBuffers().Give(std::move(b_));
}

std::array<std::string_view, 3> PreparedBatch::Pieces(size_t i) const {
  const Parts& p = b_.parts[i];
  const std::string_view b(b_.bytes);
  return {b.substr(p.begin, p.id_at - p.begin), b.substr(p.id_at, p.received_at - p.id_at),
          b.substr(p.received_at, p.end - p.received_at)};
}

}  // namespace trailkeep::store::rocksdb_store
