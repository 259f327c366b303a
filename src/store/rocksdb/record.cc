#include "store/rocksdb/record.h"

#include <algorithm>

#include "store/rocksdb/keys.h"

namespace trailkeep::store::rocksdb_store {

char* WriteRecordTime(const model::Event& e, char* out) { return WriteI64(out, e.time.ms); }

bool DecodeRecord(std::string_view bytes, RecordView* out) {
  if (bytes.size() < 8) return false;
  out->time = GetI64(bytes.data());
  out->canonical = bytes.substr(8);
  return true;
}

Result<bool> RecordMatcher::Matches(const RecordView& r) {
  if (matches_.empty()) return true;
  if (!fields_.Parse(r.canonical)) return Internal("corrupt event record: not canonical JSON");
  for (const FieldMatch& m : matches_) {
    std::optional<std::string_view> v = fields_.Get(m.field);
    if (!v) return false;
    if (std::find(m.values.begin(), m.values.end(), *v) == m.values.end()) return false;
  }
  return true;
}

}  // namespace trailkeep::store::rocksdb_store
