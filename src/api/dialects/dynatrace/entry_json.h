// Rendering one canonical event as a Dynatrace AuditLogEntry object:
//   {"logId":"42","eventType":"LOGIN","category":"WEB_UI","entityId":"...",
//    "environmentId":"<tenant>","user":"...","userType":"USER_NAME",
//    "userOrigin":"...","timestamp":1576073415531,"success":true,
//    "message":"...", <extras: patch, dt.settings.*, ...>}
// Fields without a value are omitted (Dynatrace serializes NON_NULL).
// Field sources: mapping.h and docs/dialects/dynatrace.md.
//
// Thread safety: pure functions.
#pragma once

#include <string>

#include "model/event.h"

namespace trailkeep::api::dialects::dynatrace {

// Appends the entry JSON of `e` (which must carry its id and tenant).
void AppendEntryJson(const model::Event& e, std::string* out);
std::string EntryJson(const model::Event& e);

}  // namespace trailkeep::api::dialects::dynatrace
