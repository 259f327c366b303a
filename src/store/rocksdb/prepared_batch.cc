#include "store/rocksdb/prepared_batch.h"

#include <charconv>

#include "codec/canonical.h"
#include "store/rocksdb/record.h"

namespace trailkeep::store::rocksdb_store {
namespace {

constexpr std::string_view kIdOpen = "{\"id\":";
constexpr std::string_view kReceivedOpen = ",\"received\":\"";
// The canonical text of id 0 and received 0, the placeholders cut out.
constexpr std::string_view kZeroId = "0";
constexpr std::string_view kZeroIso = "1970-01-01T00:00:00.000Z";

}  // namespace

Result<PreparedBatch> PrepareBatch(const AppendBatch& batch) {
  thread_local model::Event scratch;  // reused so copies keep their capacity
  PreparedBatch out;
  out.parts_.reserve(batch.events.size());
  out.bytes_.reserve(batch.events.size() * 512);
  for (const model::Event& e : batch.events) {
    scratch = e;
    scratch.id = EventId{0};
    scratch.tenant = batch.tenant;
    scratch.received = TimeMs{0};
    PreparedBatch::Parts p;
    p.begin = static_cast<uint32_t>(out.bytes_.size());
    AppendRecordTime(scratch, &out.bytes_);
    const size_t json = out.bytes_.size();
    codec::AppendCanonicalJson(scratch, &out.bytes_);
    std::string_view text(out.bytes_.data() + json, out.bytes_.size() - json);
    // Tenant names have no quotes, so the first `,"received":"` is the key.
    const size_t received = text.find(kReceivedOpen);
    if (!text.starts_with(kIdOpen) || text.substr(kIdOpen.size(), 1) != kZeroId ||
        received == std::string_view::npos ||
        text.substr(received + kReceivedOpen.size(), kZeroIso.size()) != kZeroIso) {
      return Internal("canonical JSON layout is not the one PrepareBatch expects");
    }
    // Cut the placeholders out: "0" after `{"id":` and the zero time.
    const size_t recv_value = json + received + kReceivedOpen.size();
    out.bytes_.erase(recv_value, kZeroIso.size());
    out.bytes_.erase(json + kIdOpen.size(), kZeroId.size());
    p.id_at = static_cast<uint32_t>(json + kIdOpen.size());
    p.received_at = static_cast<uint32_t>(recv_value - kZeroId.size());
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
