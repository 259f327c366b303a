#include "api/dialects/dynatrace/entry_json.h"

#include "api/dialects/dynatrace/mapping.h"
#include "codec/json_writer.h"

namespace trailkeep::api::dialects::dynatrace {
namespace {

void OptionalString(codec::JsonWriter& w, std::string_view key, std::optional<std::string_view> v) {
  if (!v) return;
  w.Key(key);
  w.String(*v);
}

}  // namespace

void AppendEntryJson(const model::Event& e, std::string* out) {
  codec::JsonWriter w;
  w.BeginObject();
  w.Key("logId");
  w.String(std::to_string(e.id.value));
  w.Key("eventType");
  w.String(e.action);
  if (e.category) OptionalString(w, "category", *e.category);
  if (e.entity.id) OptionalString(w, "entityId", *e.entity.id);
  w.Key("environmentId");
  w.String(e.tenant.value);
  std::optional<std::string_view> user = UserOf(e);
  OptionalString(w, "user", user);
  if (user) OptionalString(w, "userType", UserTypeOf(e));
  OptionalString(w, "userOrigin", UserOriginOf(e));
  w.Key("timestamp");
  w.Int(e.time.ms);
  w.Key("success");
  w.Bool(e.success);
  if (e.message) OptionalString(w, "message", *e.message);
  for (const auto& [name, value] : ExtrasOf(e)) {
    if (value.type == codec::JsonValue::Type::kNull) continue;
    w.Key(name);
    std::string json;
    codec::AppendJson(value, &json);
    w.Raw(json);
  }
  w.EndObject();
  out->append(w.str());
}

std::string EntryJson(const model::Event& e) {
  std::string out;
  AppendEntryJson(e, &out);
  return out;
}

}  // namespace trailkeep::api::dialects::dynatrace
