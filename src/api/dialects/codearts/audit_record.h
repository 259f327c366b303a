// One CodeArts AuditDO record <-> one canonical event. The mapping (also in
// docs/dialects/codearts.md):
//
//   AuditDO field        canonical event
//   id                   id (decimal text); an imported record's own id is
//                        kept in attributes.id
//   module               category ("file" | "repository")
//   operation            action
//   time                 time, "yyyy/MM/dd HH:mm:ss" in UTC+8 (audit_time.h)
//   info                 entity.id (the repository id the record belongs to)
//   data                 entity.name
//   reason               reason (JSON null when unset)
//   userAgent            actor.user_agent
//   operator             actor.name
//   operatorNickName     attributes.operatorNickName (a string)
//   operatorTenantName   attributes.operatorTenantName (a string)
//   ipSource             actor.ip
//   (import only) userId actor.id, which the user_id parameter matches
//   kind = "artifact.audit", success = true. Other record keys are kept in
//   attributes under their own names (instance_id matches
//   attributes.instanceId). Unset fields other than reason are left out.
//
// Thread safety: pure functions.
#pragma once

#include "base/status.h"
#include "codec/event_json.h"
#include "codec/json_value.h"
#include "codec/json_writer.h"
#include "model/event.h"

namespace trailkeep::api::dialects::codearts {

// Writes the AuditDO object of `e` (keys in the vendor's order).
void WriteAuditRecord(const model::Event& e, codec::JsonWriter& w);

// Converts one imported AuditDO record (tenant, id, received unset).
// Required: operation (non-empty string), module ("file" | "repository"),
// info (non-empty string), time (as FormatAuditTime writes it). Mapped
// fields must be strings or null (null = unset).
// Errors: kInvalidArgument with error->field / error->reason set.
Result<model::Event> AuditRecordToEvent(const codec::JsonValue& record, codec::EventError* error);

}  // namespace trailkeep::api::dialects::codearts
