// Xray record import: one AuditEvent of GET /xray/api/v1/curation/audit/packages
// (as JSON array, NDJSON or a saved response document, whose records are under
// "data") to one canonical curation.package event. The mapping is the
// inverse of the renderer's (audit_record.cc); see docs/dialects/xray.md.
#include <string>
#include <utility>

#include "api/dialects/dialects.h"
#include "api/dialects/xray/audit_params.h"
#include "api/dialects/xray/audit_record.h"

namespace trailkeep::api::dialects {
namespace {

using codec::JsonValue;

Status FieldError(codec::EventError* error, std::string_view field, std::string reason) {
  if (error) error->field = std::string(field), error->reason = reason;
  return InvalidArgument(std::string(field) + ": " + reason);
}

// A string member (null, absent and "" all mean unset).
Result<std::optional<std::string>> OptionalString(const JsonValue& record, std::string_view name,
                                                  codec::EventError* error) {
  const JsonValue* v = record.Find(name);
  if (!v || v->type == JsonValue::Type::kNull) return std::optional<std::string>();
  if (v->type != JsonValue::Type::kString) return FieldError(error, name, "must be a string");
  if (v->string.empty()) return std::optional<std::string>();
  return std::optional<std::string>(v->string);
}

Result<model::Event> ToEvent(const JsonValue& record, codec::EventError* error) {
  model::Event e;
  e.kind = std::string(xray::kCurationKind);
  const JsonValue* created = record.Find("created_at");
  if (!created || created->type != JsonValue::Type::kString) {
    return FieldError(error, "created_at", "required: an RFC 3339 date-time string");
  }
  auto time = xray::ParseRfc3339Ms(created->string);
  if (!time) return FieldError(error, "created_at", "must be an RFC 3339 date-time");
  e.time = model::TimeMs{*time};
  TK_ASSIGN_OR_RETURN(auto action, OptionalString(record, "action", error));
  if (!action) return FieldError(error, "action", "required: a non-empty string");
  e.action = std::move(*action);
  e.success = e.action != "blocked";
  TK_ASSIGN_OR_RETURN(e.entity.type, OptionalString(record, "package_type", error));
  TK_ASSIGN_OR_RETURN(e.entity.name, OptionalString(record, "package_name", error));
  TK_ASSIGN_OR_RETURN(e.entity.version, OptionalString(record, "package_version", error));
  TK_ASSIGN_OR_RETURN(e.entity.id, OptionalString(record, "package_url", error));
  TK_ASSIGN_OR_RETURN(e.reason, OptionalString(record, "reason", error));
  TK_ASSIGN_OR_RETURN(e.actor.name, OptionalString(record, "username", error));
  TK_ASSIGN_OR_RETURN(e.actor.email, OptionalString(record, "user_mail", error));

  // Everything else (repositories, projects, public repo, policies, newer
  // fields) is kept as attributes, in the record's order. The vendor id is
  // replaced by the server's.
  JsonValue attributes;
  attributes.type = JsonValue::Type::kObject;
  for (const auto& [key, value] : record.members) {
    if (xray::IsEnvelopeField(key)) continue;
    if (key == "policies" && value.type != JsonValue::Type::kArray) {
      return FieldError(error, "policies", "must be an array");
    }
    attributes.members.emplace_back(key, value);
  }
  if (!attributes.members.empty()) e.attributes = codec::ToJson(attributes);
  return e;
}

}  // namespace

const Importer& XrayImporter() {
  static const Importer importer{"xray", {{"data"}}, ToEvent};
  return importer;
}

}  // namespace trailkeep::api::dialects
