// The canonical JSON form of an event: the bytes the store keeps exactly as
// committed, the native API returns, and tamper evidence hashes.
//
// Format: one JSON object, no whitespace, keys in this fixed order, absent
// optional fields omitted:
//   {"id":N,"tenant":"…","time":"2026-11-23T19:04:05.123Z",
//    "received":"…","kind":"…","action":"…","category":"…","success":true,
//    "actor":{"id","name","email","type","origin","ip","user_agent"},
//    "entity":{"id","type","name","version"},
//    "message":"…","reason":"…","uid":"…","attributes":{…}}
// Strings are escaped minimally (", \, control characters); UTF-8 is kept.
// `actor`/`entity` are omitted when they have no field; `attributes` when empty.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "model/event.h"

namespace trailkeep::codec {

// Appends the canonical JSON of `e` to `out`. Times outside the ISO range
// are clamped (see FormatIsoMs).
void AppendCanonicalJson(const model::Event& e, std::string* out);
std::string CanonicalJson(const model::Event& e);

// Parses canonical JSON back into an event (all fields, including id, tenant
// and received). ParseCanonical(CanonicalJson(e)) == e for every event whose
// strings are valid UTF-8 and whose time/received lie in [kMinIsoMs,
// kMaxIsoMs] (base/time_format.h), as ParseEvents guarantees; keys may come
// in any order. kInvalidArgument ("canonical event: <field>: <reason>") for
// text that is not such an object: malformed JSON, unknown or mistyped
// fields, kind or action missing.
// Thread safety: safe from any thread (each thread reuses its own parser).
Result<model::Event> ParseCanonical(std::string_view canonical);

}  // namespace trailkeep::codec
