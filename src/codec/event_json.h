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
// kInvalidArgument ("event 3: actor.email: must be a string") and, when
// `error` is not null, fills it. More than max_events → kResourceExhausted.
// `id`, `tenant` and `received` in the input are accepted and ignored (so an
// export can be re-ingested); unknown top-level fields are an error.
Result<std::vector<model::Event>> ParseEvents(std::string_view body, const ParseOptions& options,
                                              EventError* error = nullptr);

}  // namespace trailkeep::codec
