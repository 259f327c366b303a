#include "store/rocksdb/prepared_batch.h"

#include "codec/canonical.h"
#include "store/rocksdb/record.h"

namespace trailkeep::store::rocksdb_store {

PreparedBatch PrepareBatch(const AppendBatch& batch) {
  PreparedBatch out;
  out.parts_.reserve(batch.events.size());
  out.bytes_.reserve(batch.events.size() * 512);
  for (const model::Event& e : batch.events) {
    PreparedBatch::Parts p;
    p.begin = static_cast<uint32_t>(out.bytes_.size());
    AppendRecordTime(e, &out.bytes_);
    const codec::CanonicalHoles holes =
        codec::AppendCanonicalTemplate(e, batch.tenant.value, &out.bytes_);
    p.id_at = static_cast<uint32_t>(holes.id_at);
    p.received_at = static_cast<uint32_t>(holes.received_at);
    p.end = static_cast<uint32_t>(out.bytes_.size());
    out.parts_.push_back(p);
  }
  return out;
}

std::array<std::string_view, 3> PreparedBatch::Pieces(size_t i) const {
  const Parts& p = parts_[i];
  const std::string_view b(bytes_);
  return {b.substr(p.begin, p.id_at - p.begin), b.substr(p.id_at, p.received_at - p.id_at),
          b.substr(p.received_at, p.end - p.received_at)};
}

}  // namespace trailkeep::store::rocksdb_store
