#include "store/rocksdb/prepared_batch.h"

#include <charconv>

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

void PreparedBatch::AppendRecord(size_t i, uint64_t id, std::string_view received_iso,
                                 std::string* out) const {
  const Parts& p = parts_[i];
  const char* b = bytes_.data();
  out->append(b + p.begin, p.id_at - p.begin);
  char buf[24];
  out->append(buf, std::to_chars(buf, buf + sizeof buf, id).ptr);
  out->append(b + p.id_at, p.received_at - p.id_at);
  out->append(received_iso);
  out->append(b + p.received_at, p.end - p.received_at);
}

}  // namespace trailkeep::store::rocksdb_store
