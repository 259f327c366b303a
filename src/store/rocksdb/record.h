// The stored record of one event (docs/storage.md, "record"): its time
// (8 bytes, sign-flipped big-endian), then its canonical JSON exactly as
// committed. Scans test the time without parsing JSON; equality matches read
// the indexed fields out of the JSON (codec::CanonicalFields), only when a
// scan has matches its access path did not enforce.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "codec/canonical_fields.h"
#include "model/event.h"
#include "store/event_store.h"

namespace trailkeep::store::rocksdb_store {

// Writes the record's time field (the canonical JSON follows it) at `out`:
// kRecordTimeBytes, PutI64's encoding; returns their end.
inline constexpr size_t kRecordTimeBytes = 8;
char* WriteRecordTime(const model::Event& e, char* out);

// A decoded record; views into the bytes it was decoded from.
struct RecordView {
  int64_t time = 0;
  std::string_view canonical;
};

// Decodes `bytes`. Returns false when the record is too short to be one.
bool DecodeRecord(std::string_view bytes, RecordView* out);

// Tests records against equality matches (AND over matches, OR over values),
// reusing its field buffers from record to record.
class RecordMatcher {
 public:
  // Lifetime: `matches` must outlive the matcher.
  explicit RecordMatcher(const std::vector<FieldMatch>& matches) : matches_(matches) {}

  // True when `r` satisfies every match; with no matches, true without
  // reading the JSON. kInternal when the JSON must be read and is not a
  // canonical event.
  Result<bool> Matches(const RecordView& r);

 private:
  const std::vector<FieldMatch>& matches_;
  codec::CanonicalFields fields_;
};

}  // namespace trailkeep::store::rocksdb_store
