// Rendering canonical events as Opsera records, exactly in the shape of the
// vendor's samples (spec 001, API-NOTES §2.3, §2.5, §2.6).
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "api/dialects/opsera/record_shape.h"
#include "base/status.h"
#include "codec/json_writer.h"
#include "model/event.h"

namespace trailkeep::api::dialects::opsera {

// The record's `_id`: a 24-hex Mongo-style ObjectId derived from the event,
// stable across requests: 8 hex digits of the event time in seconds (as
// ObjectIds begin with their creation second, wrapped to 32 bits) followed by
// 16 hex digits of the event id, so it is unique per event.
std::string ObjectIdFor(model::EventId id, model::TimeMs time);

// Appends the vendor record for `event` in `shape`:
//   _id, the shape's fields in order (envelope value, or the attribute of the
//   same name, which wins; absent fields are omitted; `account` falls back to
//   the tenant), any other attributes in stored order, then createdAt,
//   updatedAt (attribute or createdAt) and __v (attribute or 0).
// Errors: kInternal when the stored attributes are not a JSON object.
Status AppendRecord(const RecordShape& shape, const model::Event& event, codec::JsonWriter* w);

}  // namespace trailkeep::api::dialects::opsera
