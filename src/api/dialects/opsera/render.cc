#include "api/dialects/opsera/render.h"

#include <cstdio>

#include "base/time_format.h"
#include "codec/json_value.h"

namespace trailkeep::api::dialects::opsera {
namespace {

// Members rendered at fixed positions, never as "other attributes".
bool IsTrailer(std::string_view name) {
  return name == "createdAt" || name == "updatedAt" || name == "__v";
}

bool IsShapeField(const RecordShape& shape, std::string_view name) {
  for (const FieldSpec& f : shape.fields) {
    if (f.name == name) return true;
  }
  return false;
}

void RawValue(const codec::JsonValue& v, codec::JsonWriter* w) { w->Raw(codec::ToJson(v)); }

}  // namespace

std::string ObjectIdFor(model::EventId id, model::TimeMs time) {
  int64_t seconds = time.ms >= 0 ? time.ms / 1000 : -((-(time.ms + 1)) / 1000) - 1;
  char buf[25];
  std::snprintf(buf, sizeof buf, "%08x%016llx", static_cast<unsigned>(static_cast<uint32_t>(seconds)),
                static_cast<unsigned long long>(id.value));
  return std::string(buf, 24);
}

Status AppendRecord(const RecordShape& shape, const model::Event& event, codec::JsonWriter* w) {
  codec::JsonValue attributes;
  attributes.type = codec::JsonValue::Type::kObject;
  if (!event.attributes.empty()) {
    auto parsed = codec::ParseJsonValue(event.attributes);
    if (!parsed.ok() || parsed->type != codec::JsonValue::Type::kObject) {
      return Internal("event " + std::to_string(event.id.value) + ": attributes are not an object");
    }
    attributes = std::move(parsed).value();
  }

  w->BeginObject();
  w->Key("_id");
  w->String(ObjectIdFor(event.id, event.time));
  for (const FieldSpec& f : shape.fields) {
    if (const codec::JsonValue* a = attributes.Find(f.name)) {
      w->Key(f.name);
      RawValue(*a, w);
    } else if (std::optional<std::string_view> v = SlotValue(event, f.slot)) {
      w->Key(f.name);
      w->String(*v);
    } else if (f.slot == Slot::kAccount) {
      w->Key(f.name);
      w->String(event.tenant.value);
    }
  }
  for (const auto& [name, value] : attributes.members) {
    if (IsTrailer(name) || IsShapeField(shape, name)) continue;
    w->Key(name);
    RawValue(value, w);
  }
  std::string created;
  if (const codec::JsonValue* a = attributes.Find("createdAt")) {
    created = codec::ToJson(*a);
  } else {
    codec::AppendJsonString(FormatIsoMs(event.time.ms), &created);
  }
  w->Key("createdAt");
  w->Raw(created);
  w->Key("updatedAt");
  if (const codec::JsonValue* a = attributes.Find("updatedAt")) {
    RawValue(*a, w);
  } else {
    w->Raw(created);
  }
  w->Key("__v");
  if (const codec::JsonValue* a = attributes.Find("__v")) {
    RawValue(*a, w);
  } else {
    w->Int(0);
  }
  w->EndObject();
  return Status::Ok();
}

}  // namespace trailkeep::api::dialects::opsera
