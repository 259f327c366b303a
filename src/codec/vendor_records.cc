#include "codec/vendor_records.h"

#include "codec/body_format.h"
#include "codec/event_fields.h"

namespace trailkeep::codec {
namespace {

Status Fail(EventError* error, size_t index, std::string field, std::string reason) {
  std::string message = "record " + std::to_string(index) + ": " +
                        (field.empty() ? "" : field + ": ") + reason;
  if (error) *error = EventError{index, std::move(field), std::move(reason)};
  return InvalidArgument(std::move(message));
}

const JsonValue* AtPath(const JsonValue& doc, const DocumentPath& path) {
  const JsonValue* v = &doc;
  for (std::string_view member : path) {
    if (v->type != JsonValue::Type::kObject) return nullptr;
    v = v->Find(member);
    if (!v) return nullptr;
  }
  return v->type == JsonValue::Type::kArray ? v : nullptr;
}

// Adds one top-level value (a record, or a document of records) to `out`.
Status AddValue(JsonValue value, const std::vector<DocumentPath>& paths, size_t max_records,
                std::vector<JsonValue>* out, EventError* error) {
  if (value.type == JsonValue::Type::kArray) {
    for (JsonValue& item : value.items) {
      TK_RETURN_IF_ERROR(AddValue(std::move(item), {}, max_records, out, error));
    }
    return Status::Ok();
  }
  if (value.type != JsonValue::Type::kObject) {
    return Fail(error, out->size(), "", "a record must be a JSON object");
  }
  for (const DocumentPath& path : paths) {
    if (const JsonValue* records = AtPath(value, path)) {
      JsonValue array = *records;
      return AddValue(std::move(array), {}, max_records, out, error);
    }
  }
  if (out->size() >= max_records) {
    if (error) *error = EventError{max_records, "", "too many records"};
    return ResourceExhausted("too many events: max " + std::to_string(max_records) + " per request");
  }
  out->push_back(std::move(value));
  return Status::Ok();
}

}  // namespace

Result<std::vector<JsonValue>> SplitVendorRecords(std::string_view body,
                                                  const std::vector<DocumentPath>& document_paths,
                                                  size_t max_records, EventError* error) {
  std::vector<JsonValue> records;
  if (internal::DetectFormat(body) == InputFormat::kNdjson) {
    size_t start = 0;
    while (start < body.size()) {
      size_t end = body.find('\n', start);
      if (end == std::string_view::npos) end = body.size();
      std::string_view line = body.substr(start, end - start);
      start = end + 1;
      if (internal::IsBlank(line)) continue;
      auto value = ParseJsonValue(line);
      if (!value.ok()) return Fail(error, records.size(), "", value.status().message());
      TK_RETURN_IF_ERROR(AddValue(std::move(value).value(), document_paths, max_records, &records, error));
    }
  } else {
    auto value = ParseJsonValue(body);
    if (!value.ok()) return Fail(error, 0, "", value.status().message());
    TK_RETURN_IF_ERROR(AddValue(std::move(value).value(), document_paths, max_records, &records, error));
  }
  if (records.empty()) return Fail(error, 0, "", "no events");
  return records;
}

Status CheckEvent(const model::Event& e, EventError* error) {
  auto fail = [&](std::string field, std::string_view reason) {
    std::string message = field + ": " + std::string(reason);
    if (error) {
      error->field = std::move(field);
      error->reason = std::string(reason);
    }
    return InvalidArgument(std::move(message));
  };
  using internal::InputField;
  if (auto r = internal::CheckTopString(InputField::kKind, e.kind); !r.empty()) return fail("kind", r);
  if (auto r = internal::CheckTopString(InputField::kAction, e.action); !r.empty()) return fail("action", r);
  if (auto r = internal::CheckTime(e.time.ms); !r.empty()) return fail("time", r);
  auto top = [&](InputField f, const char* name, const std::optional<std::string>& v) -> Status {
    if (!v) return Status::Ok();
    if (auto r = internal::CheckTopString(f, *v); !r.empty()) return fail(name, r);
    return Status::Ok();
  };
  TK_RETURN_IF_ERROR(top(InputField::kCategory, "category", e.category));
  TK_RETURN_IF_ERROR(top(InputField::kMessage, "message", e.message));
  TK_RETURN_IF_ERROR(top(InputField::kReason, "reason", e.reason));
  TK_RETURN_IF_ERROR(top(InputField::kUid, "uid", e.uid));
  auto nested = [&](const char* name, const std::optional<std::string>& v) -> Status {
    if (!v) return Status::Ok();
    if (auto r = internal::CheckNestedString(*v); !r.empty()) return fail(name, r);
    return Status::Ok();
  };
  const model::Actor& a = e.actor;
  for (auto [name, v] : {std::pair{"actor.id", &a.id}, {"actor.name", &a.name}, {"actor.email", &a.email},
                         {"actor.type", &a.type}, {"actor.origin", &a.origin}, {"actor.ip", &a.ip},
                         {"actor.user_agent", &a.user_agent}}) {
    TK_RETURN_IF_ERROR(nested(name, *v));
  }
  const model::Entity& en = e.entity;
  for (auto [name, v] : {std::pair{"entity.id", &en.id}, {"entity.type", &en.type},
                         {"entity.name", &en.name}, {"entity.version", &en.version}}) {
    TK_RETURN_IF_ERROR(nested(name, *v));
  }
  if (!e.attributes.empty()) {
    if (e.attributes.size() > internal::kMaxAttributesBytes) {
      return fail("attributes", "must be at most 65536 bytes");
    }
    auto parsed = ParseJsonValue(e.attributes);
    if (!parsed.ok() || parsed->type != JsonValue::Type::kObject) {
      return fail("attributes", "must be a JSON object");
    }
  }
  return Status::Ok();
}

}  // namespace trailkeep::codec
