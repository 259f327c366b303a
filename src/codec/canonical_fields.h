// The indexed fields (model::IndexedField) of a canonical event, found in its
// JSON text without parsing the rest of it. The store keeps each event as its
// time and canonical JSON only, and reads these fields from that text when a
// scan tests a match or an open rebuilds postings.
//
// The walk relies on the key order AppendCanonicalJson writes: id, tenant,
// time, received, kind, action, category, success, actor, entity, then keys
// that are never indexed (message, reason, uid, attributes). It stops at the
// first key outside the leading ten, so it never reads an event's message or
// attributes.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "model/event.h"

namespace trailkeep::codec {

class CanonicalFields {
 public:
  // Locates the indexed fields of `canonical`. Returns false when the text is
  // not a canonical event of that shape (Get is then unspecified).
  // Lifetime: Get's views point into `canonical` (a value without escapes)
  // or into this object (one with escapes, unescaped here), and stay valid
  // until the next Parse.
  bool Parse(std::string_view canonical);

  // The field's value, unescaped ("true"/"false" for kSuccess); nullopt when
  // the event does not set it. Equals model::IndexedValue of the parsed event.
  std::optional<std::string_view> Get(model::IndexedField f) const {
    return values_[static_cast<size_t>(f) - 1];
  }

 private:
  static constexpr size_t kCount = std::size(model::kAllIndexedFields);

  std::array<std::optional<std::string_view>, kCount> values_;
  std::array<std::string, kCount> unescaped_;
};

}  // namespace trailkeep::codec
