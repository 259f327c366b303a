// Internal to codec: telling the framing of an input body from its text,
// before any JSON parsing.
#pragma once

#include <string_view>

#include "codec/event_json.h"

namespace trailkeep::codec::internal {

// True when `s` holds only JSON whitespace (space, tab, CR, LF).
bool IsBlank(std::string_view s);

// kAuto resolved: a body whose first value is an object followed by more
// non-blank text is kNdjson; anything else (an array, one object, garbage
// for the JSON parser to report) is kJson. Never returns kAuto.
InputFormat DetectFormat(std::string_view body);

}  // namespace trailkeep::codec::internal
