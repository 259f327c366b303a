// Dynatrace AuditLogEntry records → canonical events (`format=dynatrace`).
// A record reads back through GET /api/v2/auditlogs identical apart from
// logId (and environmentId, which is the environment it was imported into).
// Field table: docs/dialects/dynatrace.md.
#include <charconv>

#include "api/dialects/dialects.h"
#include "api/dialects/dynatrace/mapping.h"
#include "codec/json_writer.h"

namespace trailkeep::api::dialects {
namespace {

using codec::JsonValue;
using dynatrace::IsEnvelopeField;

Status Bad(codec::EventError* error, std::string_view field, std::string_view reason) {
  if (error) {
    error->field = std::string(field);
    error->reason = std::string(reason);
  }
  return InvalidArgument(std::string(field) + ": " + std::string(reason));
}

// A string member: absent or null → nullopt; another type → error.
Result<std::optional<std::string>> StringField(const JsonValue& record, std::string_view name,
                                               codec::EventError* error) {
  const JsonValue* v = record.Find(name);
  if (!v || v->type == JsonValue::Type::kNull) return std::optional<std::string>();
  if (v->type != JsonValue::Type::kString) return Bad(error, name, "must be a string");
  return std::optional<std::string>(v->string);
}

Result<int64_t> Timestamp(const JsonValue& record, codec::EventError* error) {
  const JsonValue* v = record.Find("timestamp");
  if (!v || v->type == JsonValue::Type::kNull) return Bad(error, "timestamp", "required");
  if (v->type == JsonValue::Type::kNumber) {
    int64_t ms = 0;
    const std::string& text = v->string;  // the number as written
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), ms);
    if (ec == std::errc() && p == text.data() + text.size()) return ms;
  }
  return Bad(error, "timestamp", "must be an integer (UTC milliseconds)");
}

Result<model::Event> ToEvent(const JsonValue& record, codec::EventError* error) {
  model::Event e;
  TK_ASSIGN_OR_RETURN(auto event_type, StringField(record, "eventType", error));
  if (!event_type || event_type->empty()) return Bad(error, "eventType", "required");
  e.action = std::move(*event_type);
  TK_ASSIGN_OR_RETURN(e.category, StringField(record, "category", error));
  e.kind = std::string(dynatrace::KindForCategory(e.category));
  TK_ASSIGN_OR_RETURN(int64_t ts, Timestamp(record, error));
  e.time = model::TimeMs{ts};
  if (const JsonValue* s = record.Find("success"); s && s->type != JsonValue::Type::kNull) {
    if (s->type != JsonValue::Type::kBool) return Bad(error, "success", "must be a boolean");
    e.success = s->boolean;
  }
  TK_ASSIGN_OR_RETURN(e.entity.id, StringField(record, "entityId", error));
  TK_ASSIGN_OR_RETURN(e.actor.id, StringField(record, "user", error));
  TK_ASSIGN_OR_RETURN(e.actor.type, StringField(record, "userType", error));
  TK_ASSIGN_OR_RETURN(e.actor.origin, StringField(record, "userOrigin", error));
  TK_ASSIGN_OR_RETURN(e.message, StringField(record, "message", error));
  TK_ASSIGN_OR_RETURN(auto environment, StringField(record, "environmentId", error));
  TK_ASSIGN_OR_RETURN(auto log_id, StringField(record, "logId", error));
  if (log_id && !log_id->empty()) {
    // Re-importing the same record is then idempotent.
    e.uid = "dynatrace:" + environment.value_or("") + ":" + *log_id;
  }

  // Everything else (patch, dt.settings.*, fields of newer versions), in
  // record order, under attributes.dynatrace. Nulls are dropped: Dynatrace
  // omits null fields, so they read back absent either way.
  std::string extras;
  for (const auto& [name, value] : record.members) {
    if (IsEnvelopeField(name) || value.type == JsonValue::Type::kNull) continue;
    extras += extras.empty() ? "{" : ",";
    codec::AppendJsonString(name, &extras);
    extras += ":";
    codec::AppendJson(value, &extras);
  }
  if (!extras.empty()) {
    e.attributes = "{";
    codec::AppendJsonString(dynatrace::kExtrasKey, &e.attributes);
    e.attributes += ":" + extras + "}}";
  }
  return e;
}

}  // namespace

const Importer& DynatraceImporter() {
  static const Importer importer{"dynatrace", {{"auditLogs"}}, ToEvent};
  return importer;
}

}  // namespace trailkeep::api::dialects
