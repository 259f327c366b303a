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

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "model/event.h"

namespace trailkeep::codec {

// Appends the canonical JSON of `e` to `out`. Times outside the ISO range
// are clamped (see FormatIsoMs).
void AppendCanonicalJson(const model::Event& e, std::string* out);
std::string CanonicalJson(const model::Event& e);

// Where WriteCanonicalTemplate left out the id and the received time:
// offsets from its `out`.
struct CanonicalHoles {
  size_t id_at = 0, received_at = 0;
};

// Writes the canonical JSON of `e` with `tenant` for e.tenant at `out`,
// minus the text of two values: the id (at `id_at`) and the received
// time's ISO text (at `received_at`, inside its quotes); returns the end.
// The canonical JSON of `e` with an id and a received time is these bytes
// with those texts inserted; the store fills them in once its writer has
// assigned them. `out` has room for CanonicalTemplateMaxBytes(e, tenant)
// bytes (an upper bound, every string byte escaped): the store writes into
// its own buffer, where a string would first fill the bound with zeros.
size_t CanonicalTemplateMaxBytes(const model::Event& e, std::string_view tenant);
char* WriteCanonicalTemplate(const model::Event& e, std::string_view tenant, char* out,
                             CanonicalHoles* holes);

// Parses canonical JSON back into an event (all fields, including id, tenant
// and received). ParseCanonical(CanonicalJson(e)) == e for every event whose
// strings are valid UTF-8 and whose time/received lie in [kMinIsoMs,
// kMaxIsoMs] (base/time_format.h), as ParseEvents guarantees; keys may come
// in any order. kInvalidArgument ("canonical event: <field>: <reason>") for
// text that is not such an object: malformed JSON, unknown or mistyped
// fields, kind or action missing.
// Thread safety: safe from any thread (each thread reuses its own parser).
Result<model::Event> ParseCanonical(std::string_view canonical);

// A canonical event's fields as text, for renderers that only copy fields
// out (the CSV export): no model::Event, no per-field allocation. Strings
// are unescaped; `time` and `received` are the stored ISO 8601 text (what
// FormatIsoMs gives for the parsed time); `attributes` is the raw JSON
// object, empty when absent; absent optional fields are nullopt.
struct CanonicalText {
  uint64_t id = 0;
  std::string_view tenant, kind, action;
  // Absent times read as the epoch, as ParseCanonical gives.
  std::string_view time = "1970-01-01T00:00:00.000Z", received = "1970-01-01T00:00:00.000Z";
  bool success = false;
  std::optional<std::string_view> category, message, reason, uid;
  // actor.id, name, email, type, origin, ip, user_agent
  std::array<std::optional<std::string_view>, 7> actor;
  // entity.id, type, name, version
  std::array<std::optional<std::string_view>, 4> entity;
  std::string_view attributes;
};

// Reads `canonical` into `out` with the checks of ParseCanonical (same
// errors), except that times are not parsed: a stored time is text that
// AppendCanonicalJson wrote.
// Lifetime: the views point into this thread's parser buffers and stay
// valid until the next ParseCanonicalText or ParseCanonical on this thread.
Status ParseCanonicalText(std::string_view canonical, CanonicalText* out);

}  // namespace trailkeep::codec
