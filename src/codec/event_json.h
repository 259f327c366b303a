// Native event input: parse a request body (JSON array, one JSON object, or
// NDJSON) into validated canonical events. The only place input JSON is read
// (with simdjson).
//
// Thread safety: stateless; safe from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "model/event.h"

namespace trailkeep::codec {

enum class InputFormat {
  kAuto,    // '[' → array, '{' followed by another top-level value → NDJSON, else one object
  kJson,    // a JSON array or one object
  kNdjson,  // one object per line; blank lines ignored
};

// Where a batch went wrong. `index` is the 0-based position of the event in
// the input; `field` the dotted path ("actor.email"), empty for the event
// itself or the body.
struct EventError {
  size_t index = 0;
  std::string field;
  std::string reason;
};

struct ParseOptions {
  InputFormat format = InputFormat::kAuto;
  size_t max_events = 10'000;
  // `time` for events that do not carry one.
  model::TimeMs default_time;
};

// Parses and validates every event; all or nothing. On error returns
// kInvalidArgument ("event 3: actor.email: must be a string"; "event 0:
// invalid JSON: …" when `field` is empty) and, when `error` is not null,
// fills it. A body that is not JSON or not an object/array reports index 0
// (or the index of the array element / NDJSON event where parsing stopped).
// Empty body, empty array or only blank lines → kInvalidArgument "no events".
// More than max_events → kResourceExhausted "too many events: max <n> per
// request" (error->index == max_events).
// `id`, `tenant` and `received` in the input are accepted and ignored (so an
// export can be re-ingested); unknown fields (top-level or inside actor /
// entity) and repeated keys are an error; JSON null means "absent".
// Field rules: `time` an ISO 8601 string (ParseIsoMs, no date-only) or an
// integer of epoch ms, within years 0000..9999, default options.default_time;
// `kind` 1..64 of [A-Za-z0-9._-]; `action` 1..256 bytes; `category` ≤ 256;
// `uid` 1..256; `message`, `reason` ≤ 65536; actor.*/entity.* strings ≤ 1024;
// `attributes` a JSON object, stored with whitespace outside strings removed
// (≤ 65536 bytes that way; `{}` is stored as no attributes).
// Returned events have id, tenant and received unset.
// `reuse`: events of an earlier batch, whose storage (the vector's and the
// strings') the parsed events take over instead of allocating their own;
// the result is the same as without them. A request thread hands back each
// batch it is done with (api/native/ingest.cc): ~6 allocations and frees
// per bench event.
Result<std::vector<model::Event>> ParseEvents(std::string_view body, const ParseOptions& options,
                                              EventError* error = nullptr,
                                              std::vector<model::Event> reuse = {});

}  // namespace trailkeep::codec
