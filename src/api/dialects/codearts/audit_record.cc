#include "api/dialects/codearts/audit_record.h"

#include <optional>
#include <string>

#include "api/dialects/codearts/audit_query.h"
#include "api/dialects/codearts/audit_time.h"

namespace trailkeep::api::dialects::codearts {
namespace {

using codec::JsonValue;

constexpr std::string_view kNickName = "operatorNickName";
constexpr std::string_view kTenantName = "operatorTenantName";

void Field(codec::JsonWriter& w, std::string_view key, const std::optional<std::string>& v) {
  if (!v) return;
  w.Key(key);
  w.String(*v);
}

// The string member `key` of the event's attributes, if any.
std::optional<std::string> AttributeString(const JsonValue* attributes, std::string_view key) {
  if (!attributes) return std::nullopt;
  const JsonValue* v = attributes->Find(key);
  if (!v || v->type != JsonValue::Type::kString) return std::nullopt;
  return v->string;
}

Status Fail(codec::EventError* error, std::string_view field, std::string reason) {
  if (error) {
    error->field = std::string(field);
    error->reason = reason;
  }
  return InvalidArgument(std::string(field) + ": " + reason);
}

// A string-or-null member: nullopt for null.
Result<std::optional<std::string>> OptionalString(const JsonValue& v, std::string_view key,
                                                  codec::EventError* error) {
  if (v.type == JsonValue::Type::kNull) return std::optional<std::string>();
  if (v.type != JsonValue::Type::kString) return Fail(error, key, "must be a string or null");
  return std::optional<std::string>(v.string);
}

Result<std::string> RequiredString(const JsonValue& record, std::string_view key,
                                   codec::EventError* error) {
  const JsonValue* v = record.Find(key);
  if (!v || v->type != JsonValue::Type::kString || v->string.empty()) {
    return Fail(error, key, "required, a non-empty string");
  }
  return v->string;
}

}  // namespace

void WriteAuditRecord(const model::Event& e, codec::JsonWriter& w) {
  std::optional<JsonValue> attributes;
  if (!e.attributes.empty()) {
    auto parsed = codec::ParseJsonValue(e.attributes);
    if (parsed.ok()) attributes = std::move(parsed).value();
  }
  const JsonValue* attrs = attributes ? &*attributes : nullptr;

  w.BeginObject();
  w.Key("id");
  w.String(std::to_string(e.id.value));
  Field(w, "module", e.category);
  w.Key("operation");
  w.String(e.action);
  w.Key("time");
  w.String(FormatAuditTime(e.time.ms));
  Field(w, "info", e.entity.id);
  Field(w, "data", e.entity.name);
  w.Key("reason");
  if (e.reason) {
    w.String(*e.reason);
  } else {
    w.Null();
  }
  Field(w, "userAgent", e.actor.user_agent);
  Field(w, "operator", e.actor.name);
  Field(w, kNickName, AttributeString(attrs, kNickName));
  Field(w, kTenantName, AttributeString(attrs, kTenantName));
  Field(w, "ipSource", e.actor.ip);
  w.EndObject();
}

Result<model::Event> AuditRecordToEvent(const JsonValue& record, codec::EventError* error) {
  model::Event e;
  e.kind = std::string(kAuditKind);
  TK_ASSIGN_OR_RETURN(e.action, RequiredString(record, "operation", error));
  TK_ASSIGN_OR_RETURN(std::string module, RequiredString(record, "module", error));
  if (module != "file" && module != "repository") {
    return Fail(error, "module", "must be file or repository");
  }
  e.category = std::move(module);
  TK_ASSIGN_OR_RETURN(e.entity.id, RequiredString(record, "info", error));
  TK_ASSIGN_OR_RETURN(std::string time, RequiredString(record, "time", error));
  std::optional<int64_t> ms = ParseAuditTime(time);
  if (!ms) return Fail(error, "time", "must be yyyy/MM/dd HH:mm:ss (UTC+8)");
  e.time = model::TimeMs{*ms};

  JsonValue attributes;
  attributes.type = JsonValue::Type::kObject;
  for (const auto& [key, value] : record.members) {
    std::optional<std::string>* target = nullptr;
    if (key == "operation" || key == "module" || key == "info" || key == "time") continue;
    if (key == "data") target = &e.entity.name;
    if (key == "reason") target = &e.reason;
    if (key == "userAgent") target = &e.actor.user_agent;
    if (key == "operator") target = &e.actor.name;
    if (key == "ipSource") target = &e.actor.ip;
    if (key == "userId") target = &e.actor.id;
    if (target) {
      TK_ASSIGN_OR_RETURN(*target, OptionalString(value, key, error));
      continue;
    }
    if ((key == kNickName || key == kTenantName)) {
      TK_ASSIGN_OR_RETURN(std::optional<std::string> name, OptionalString(value, key, error));
      if (!name) continue;  // null: unset, rendered absent
    }
    attributes.members.emplace_back(key, value);
  }
  if (!attributes.members.empty()) e.attributes = codec::ToJson(attributes);
  return e;
}

}  // namespace trailkeep::api::dialects::codearts
