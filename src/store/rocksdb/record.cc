#include "store/rocksdb/record.h"

#include <algorithm>

#include "store/rocksdb/keys.h"

namespace trailkeep::store::rocksdb_store {

void AppendRecordHeader(const model::Event& e, std::string* out) {
  PutI64(out, e.time.ms);
  for (model::IndexedField f : model::kAllIndexedFields) {
    std::optional<std::string_view> v = model::IndexedValue(e, f);
    if (!v) {
      out->push_back('\0');
      continue;
    }
    PutVarint(out, v->size() + 1);
    out->append(*v);
  }
}

bool DecodeRecord(std::string_view bytes, RecordView* out) {
  if (bytes.size() < 8) return false;
  out->time = GetI64(bytes.data());
  bytes.remove_prefix(8);
  for (size_t i = 0; i < kIndexedFieldCount; ++i) {
    uint64_t len = 0;
    if (!GetVarint(&bytes, &len)) return false;
    if (len == 0) {
      out->fields[i].reset();
      continue;
    }
    --len;
    if (len > bytes.size()) return false;
    out->fields[i] = bytes.substr(0, len);
    bytes.remove_prefix(len);
  }
  out->canonical = bytes;
  return true;
}

bool RecordMatches(const RecordView& r, const std::vector<FieldMatch>& matches) {
  for (const FieldMatch& m : matches) {
    std::optional<std::string_view> v = r.Field(m.field);
    if (!v) return false;
    if (std::find(m.values.begin(), m.values.end(), *v) == m.values.end()) return false;
  }
  return true;
}

}  // namespace trailkeep::store::rocksdb_store
