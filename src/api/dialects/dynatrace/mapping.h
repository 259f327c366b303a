// How a canonical event reads as a Dynatrace AuditLogEntry, field by field
// (the table is in docs/dialects/dynatrace.md). The renderer (entry_json.h),
// the filter (audit_filter.h) and the importer all go through these, so what
// a filter matches is exactly what an entry shows.
//
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "codec/json_value.h"
#include "model/event.h"

namespace trailkeep::api::dialects::dynatrace {

// The attributes member that holds an imported record's fields which the
// canonical envelope has no place for (patch, dt.settings.*, unknown ones),
// in record order: attributes = {"dynatrace":{"patch":[...],...}}.
inline constexpr std::string_view kExtrasKey = "dynatrace";

// The entry fields the envelope fills; an extras member with one of these
// names is never rendered (the envelope wins).
bool IsEnvelopeField(std::string_view name);

// user: actor.id, else actor.email, else actor.name; nullopt when none.
std::optional<std::string_view> UserOf(const model::Event& e);
// userType: actor.type, else "USER_NAME" (only meaningful when UserOf is set).
std::string_view UserTypeOf(const model::Event& e);
// userOrigin: actor.origin, else actor.ip; nullopt when neither.
std::optional<std::string_view> UserOriginOf(const model::Event& e);

// The extra entry fields after `message`, in order: the members of
// attributes.dynatrace (minus envelope names) when present; otherwise
// {"patch": attributes.patch} when the event has a `patch` attribute;
// otherwise none. Attributes that are not valid JSON give none.
std::vector<std::pair<std::string, codec::JsonValue>> ExtrasOf(const model::Event& e);

// The extra field `name` (e.g. "dt.settings.key") when it is a JSON string.
std::optional<std::string> ExtraStringOf(const model::Event& e, std::string_view name);

// The canonical `kind` an imported record gets, from its Dynatrace category:
// WEB_UI → user.action, CONFIG → config.change, TOKEN and ACTIVEGATE_TOKEN →
// token.use, anything else (or none) → dynatrace.audit.
std::string_view KindForCategory(std::optional<std::string_view> category);

}  // namespace trailkeep::api::dialects::dynatrace
