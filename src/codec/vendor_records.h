// Import of vendor-shaped records (the dialects' `format=` imports): the
// framing of a body into records, and the same field rules native input
// obeys for events built from them.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "codec/event_json.h"
#include "codec/json_value.h"
#include "model/event.h"

namespace trailkeep::codec {

// A member path inside a saved response document, e.g. {"auditLogs"} or
// {"result", "auditInfoList"}.
using DocumentPath = std::vector<std::string_view>;

// Splits an import body into vendor records, all objects: a JSON array of
// records, NDJSON (one record per line), or one JSON object. An object that
// holds an array at one of `document_paths` is a saved response document and
// its records are that array's elements (NDJSON lines may be documents too).
// kInvalidArgument naming the record index for malformed JSON, a non-object
// record, or no records at all; kResourceExhausted past `max_records`.
Result<std::vector<JsonValue>> SplitVendorRecords(std::string_view body,
                                                  const std::vector<DocumentPath>& document_paths,
                                                  size_t max_records, EventError* error);

// Checks an event built in code against the native input rules (sizes,
// `kind` characters, time range, attributes a JSON object within 65536
// bytes). On failure fills `error->field` and `error->reason` (not `index`)
// and returns kInvalidArgument "<field>: <reason>".
Status CheckEvent(const model::Event& event, EventError* error);

}  // namespace trailkeep::codec
