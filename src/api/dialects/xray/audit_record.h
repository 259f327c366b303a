// The Xray view of one canonical curation.package event: its vendor fields
// (mapping in docs/dialects/xray.md), its policies, and how it renders as an
// Xray AuditEvent.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "api/dialects/xray/audit_params.h"
#include "base/status.h"
#include "codec/json_value.h"
#include "codec/json_writer.h"
#include "model/event.h"

namespace trailkeep::api::dialects::xray {

// The canonical kind the Xray endpoint shows.
inline constexpr std::string_view kCurationKind = "curation.package";

// One stored event, parsed once.
struct AuditRecord {
  model::Event event;
  codec::JsonValue attributes;  // an object (empty when the event has none)
};

// Parses stored canonical bytes. Errors: kInternal when they do not parse.
Result<AuditRecord> ParseAuditRecord(std::string_view canonical);

// One row of the endpoint's view: an event with the policies this view shows
// (dry_run=false: the non-dry-run policies; dry_run=true: one dry-run policy).
struct AuditRow {
  AuditRecord record;
  std::vector<codec::JsonValue> policies;
};

// False when stored canonical bytes certainly hold no dry-run policy (the
// compact text has no `"dry_run":true`), so the dry-run view can skip the
// event without parsing it. True means "maybe".
bool MayHaveDryRunPolicy(std::string_view canonical);

// The event's policies whose `dry_run` equals `dry_run` (absent means false).
std::vector<codec::JsonValue> PoliciesOfView(const AuditRecord& record, bool dry_run);

// The text of a vendor field of the record ("" when unset), as the JSON
// renderer, the CSV writer and order_by see it. `name` is an Xray AuditEvent
// field name (e.g. "package_name", "curated_repository_name"); non-string
// attribute values give their JSON text.
std::string FieldText(const AuditRecord& record, std::string_view name);

// A JSON value as CSV/sort text: strings unquoted, numbers as written,
// true/false, "" for null, compact JSON for arrays and objects.
std::string ScalarText(const codec::JsonValue& v);

// The sort key of `column` (byte-wise comparison). Not used for id/created_at.
std::string SortKey(const AuditRecord& record, OrderColumn column);

// Writes `row` as an Xray AuditEvent object. Policies keep their stored
// members, except `explanation` and `recommendation`: omitted unless
// `explanations`, then always present ("" when not stored).
void WriteAuditEvent(const AuditRow& row, bool explanations, codec::JsonWriter* w);

// The vendor field names the canonical envelope holds (they never appear in
// attributes of imported events): the event's own columns.
bool IsEnvelopeField(std::string_view name);

}  // namespace trailkeep::api::dialects::xray
