// The stored record of one event (docs/storage.md, "record"): a small header
// that lets scans test time and equality matches without parsing JSON,
// followed by the canonical JSON exactly as committed.
//
// Header: time (8 bytes, sign-flipped big-endian), then for each
// model::IndexedField in enum order a varint (length + 1, 0 = absent) and
// the value bytes.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/event.h"
#include "store/event_store.h"

namespace trailkeep::store::rocksdb_store {

inline constexpr size_t kIndexedFieldCount = std::size(model::kAllIndexedFields);

// Appends the header of `e` to `out` (the canonical JSON follows it).
void AppendRecordHeader(const model::Event& e, std::string* out);

// A decoded record; views into the bytes it was decoded from.
struct RecordView {
  int64_t time = 0;
  // Indexed by static_cast<int>(field) - 1.
  std::array<std::optional<std::string_view>, kIndexedFieldCount> fields;
  std::string_view canonical;

  std::optional<std::string_view> Field(model::IndexedField f) const {
    return fields[static_cast<size_t>(f) - 1];
  }
};

// Decodes `bytes`. Returns false when the record is malformed.
bool DecodeRecord(std::string_view bytes, RecordView* out);

// True when `r` satisfies every match (AND over matches, OR over values).
bool RecordMatches(const RecordView& r, const std::vector<FieldMatch>& matches);

}  // namespace trailkeep::store::rocksdb_store
