#include "codec/canonical.h"

#include <simdjson.h>

#include <charconv>
#include <cstring>
#include <tuple>

#include "base/time_format.h"
#include "codec/field_tables.h"
#include "codec/json_writer.h"

namespace trailkeep::codec {

namespace {

namespace od = simdjson::ondemand;

// Writes `text` at `out`; returns its end.
char* Put(std::string_view text, char* out) {
  std::memcpy(out, text.data(), text.size());
  return out + text.size();
}

// Writes `,"name":` (the comma left out for the first key of an object).
char* PutKey(std::string_view name, bool* first, char* out) {
  if (!*first) *out++ = ',';
  *first = false;
  *out++ = '"';
  out = Put(name, out);
  *out++ = '"';
  *out++ = ':';
  return out;
}

char* PutOptional(std::string_view name, const std::optional<std::string>& value, bool* first,
                  char* out) {
  if (!value) return out;
  return WriteJsonString(*value, PutKey(name, first, out));
}

template <typename T, size_t N>
char* PutNested(std::string_view name, const T& obj, const internal::StringMember<T> (&table)[N],
                bool* first, char* out) {
  if (obj == T{}) return out;
  out = PutKey(name, first, out);
  *out++ = '{';
  bool inner_first = true;
  for (const auto& f : table) out = PutOptional(f.name, obj.*f.member, &inner_first, out);
  *out++ = '}';
  return out;
}

// Bytes a string field can take: its key, quotes, comma and escapes.
size_t FieldMaxBytes(std::string_view name, size_t value_bytes) {
  return name.size() + 4 + JsonStringMaxBytes(value_bytes);
}

size_t OptionalMaxBytes(std::string_view name, const std::optional<std::string>& value) {
  return value ? FieldMaxBytes(name, value->size()) : 0;
}

template <typename T, size_t N>
size_t NestedMaxBytes(std::string_view name, const T& obj,
                      const internal::StringMember<T> (&table)[N]) {
  size_t n = name.size() + 6;
  for (const auto& f : table) n += OptionalMaxBytes(f.name, obj.*f.member);
  return n;
}

Status Corrupt(std::string_view field, std::string_view reason) {
  return InvalidArgument("canonical event: " + std::string(field) + ": " + std::string(reason));
}

}  // namespace

namespace {

// Writes the canonical JSON of `e` under `tenant` at `out` (room for
// CanonicalTemplateMaxBytes); returns its end. With `holes`, the id and the
// received time are left out and their offsets from `out` stored there.
char* WriteCanonical(const model::Event& e, std::string_view tenant, CanonicalHoles* holes,
                     char* const out) {
  char* p = Put("{\"id\":", out);
  if (holes != nullptr) {
    holes->id_at = static_cast<size_t>(p - out);
  } else {
    p = std::to_chars(p, p + 20, e.id.value).ptr;
  }
  p = WriteJsonString(tenant, Put(",\"tenant\":", p));
  p = WriteIsoMs(e.time.ms, Put(",\"time\":\"", p));
  p = Put("\",\"received\":\"", p);
  if (holes != nullptr) {
    holes->received_at = static_cast<size_t>(p - out);
  } else {
    p = WriteIsoMs(e.received.ms, p);
  }
  p = WriteJsonString(e.kind, Put("\",\"kind\":", p));
  p = WriteJsonString(e.action, Put(",\"action\":", p));
  if (e.category) p = WriteJsonString(*e.category, Put(",\"category\":", p));
  p = Put(e.success ? ",\"success\":true" : ",\"success\":false", p);
  bool first = false;
  p = PutNested("actor", e.actor, internal::kActorFields, &first, p);
  p = PutNested("entity", e.entity, internal::kEntityFields, &first, p);
  p = PutOptional("message", e.message, &first, p);
  p = PutOptional("reason", e.reason, &first, p);
  p = PutOptional("uid", e.uid, &first, p);
  if (!e.attributes.empty()) p = Put(e.attributes, PutKey("attributes", &first, p));
  *p++ = '}';
  return p;
}

}  // namespace

void AppendCanonicalJson(const model::Event& e, std::string* out) {
  const size_t at = out->size();
  // The template's bound holds the id and received texts its holes leave out.
  out->resize(at + CanonicalTemplateMaxBytes(e, e.tenant.value));
  char* const end = WriteCanonical(e, e.tenant.value, nullptr, out->data() + at);
  out->resize(static_cast<size_t>(end - out->data()));
}

size_t CanonicalTemplateMaxBytes(const model::Event& e, std::string_view tenant) {
  constexpr size_t kFixed = 128;  // the top-level keys, braces, ids, `success`
  return kFixed + 2 * kIsoMsBytes + JsonStringMaxBytes(tenant.size()) +
         JsonStringMaxBytes(e.kind.size()) + JsonStringMaxBytes(e.action.size()) +
         OptionalMaxBytes("category", e.category) +
         NestedMaxBytes("actor", e.actor, internal::kActorFields) +
         NestedMaxBytes("entity", e.entity, internal::kEntityFields) +
         OptionalMaxBytes("message", e.message) + OptionalMaxBytes("reason", e.reason) +
         OptionalMaxBytes("uid", e.uid) + FieldMaxBytes("attributes", 0) + e.attributes.size();
}

char* WriteCanonicalTemplate(const model::Event& e, std::string_view tenant, char* out,
                             CanonicalHoles* holes) {
  return WriteCanonical(e, tenant, holes, out);
}

std::string CanonicalJson(const model::Event& e) {
  std::string out;  // AppendCanonicalJson sizes it to the event's bound
  AppendCanonicalJson(e, &out);
  return out;
}

namespace {

// This thread's parser, reused: store scans parse once per event. The
// views of a document point into these until the next Iterate.
struct ThreadParser {
  od::parser parser;
  std::string buffer;
  od::document doc;

  Status Iterate(std::string_view canonical) {
    buffer.assign(canonical);
    buffer.reserve(canonical.size() + simdjson::SIMDJSON_PADDING);
    if (parser.iterate(buffer.data(), buffer.size(), buffer.capacity()).get(doc)) {
      return Corrupt("", "not JSON");
    }
    return Status::Ok();
  }
};

ThreadParser& ThisThreadParser() {
  thread_local ThreadParser p;
  return p;
}

Status ReadText(od::value v, std::string_view field, std::string_view* out) {
  if (v.get_string().get(*out)) return Corrupt(field, "must be a string");
  return Status::Ok();
}

template <typename T, size_t N>
Status ReadNestedText(od::value v, std::string_view field,
                      const internal::StringMember<T> (&table)[N],
                      std::array<std::optional<std::string_view>, N>* out) {
  od::object obj;
  if (v.get_object().get(obj)) return Corrupt(field, "must be an object");
  for (auto fr : obj) {
    od::field f;
    std::string_view key;
    if (std::move(fr).get(f) || f.unescaped_key().get(key)) {
      return Corrupt(field, "malformed object");
    }
    size_t i = 0;
    while (i < N && table[i].name != key) ++i;
    if (i == N) return Corrupt(field, "unknown field " + std::string(key));
    TK_RETURN_IF_ERROR(ReadText(f.value(), key, &(*out)[i].emplace()));
  }
  return Status::Ok();
}

Status ReadFieldText(std::string_view key, od::value v, CanonicalText* t) {
  if (key == "id") {
    if (v.get_uint64().get(t->id)) return Corrupt(key, "must be an unsigned integer");
  } else if (key == "tenant") {
    return ReadText(v, key, &t->tenant);
  } else if (key == "time") {
    return ReadText(v, key, &t->time);
  } else if (key == "received") {
    return ReadText(v, key, &t->received);
  } else if (key == "kind") {
    return ReadText(v, key, &t->kind);
  } else if (key == "action") {
    return ReadText(v, key, &t->action);
  } else if (key == "category") {
    return ReadText(v, key, &t->category.emplace());
  } else if (key == "success") {
    if (v.get_bool().get(t->success)) return Corrupt(key, "must be a boolean");
  } else if (key == "actor") {
    return ReadNestedText(v, key, internal::kActorFields, &t->actor);
  } else if (key == "entity") {
    return ReadNestedText(v, key, internal::kEntityFields, &t->entity);
  } else if (key == "message") {
    return ReadText(v, key, &t->message.emplace());
  } else if (key == "reason") {
    return ReadText(v, key, &t->reason.emplace());
  } else if (key == "uid") {
    return ReadText(v, key, &t->uid.emplace());
  } else if (key == "attributes") {
    od::object obj;
    if (v.get_object().get(obj) || obj.raw_json().get(t->attributes)) {
      return Corrupt(key, "must be an object");
    }
  } else {
    return Corrupt(key, "unknown field");
  }
  return Status::Ok();
}

}  // namespace

Status ParseCanonicalText(std::string_view canonical, CanonicalText* out) {
  *out = CanonicalText{};
  ThreadParser& p = ThisThreadParser();
  TK_RETURN_IF_ERROR(p.Iterate(canonical));
  od::object obj;
  if (p.doc.get_object().get(obj)) return Corrupt("", "not a JSON object");
  bool has_kind = false, has_action = false;
  for (auto fr : obj) {
    od::field f;
    std::string_view key;
    if (std::move(fr).get(f) || f.unescaped_key().get(key)) return Corrupt("", "malformed object");
    has_kind |= key == "kind";
    has_action |= key == "action";
    TK_RETURN_IF_ERROR(ReadFieldText(key, f.value(), out));
  }
  if (p.doc.current_location().error() != simdjson::OUT_OF_BOUNDS) {
    return Corrupt("", "trailing content");
  }
  if (!has_kind || !has_action) return Corrupt("", "missing kind or action");
  return Status::Ok();
}

Result<model::Event> ParseCanonical(std::string_view canonical) {
  CanonicalText t;
  TK_RETURN_IF_ERROR(ParseCanonicalText(canonical, &t));
  model::Event e;
  e.id.value = t.id;
  e.tenant.value.assign(t.tenant);
  for (auto [field, text, out] : {std::tuple{"time", t.time, &e.time},
                                  std::tuple{"received", t.received, &e.received}}) {
    std::optional<int64_t> ms = ParseIsoMs(text);
    if (!ms) return Corrupt(field, "not an ISO 8601 time");
    out->ms = *ms;
  }
  e.kind.assign(t.kind);
  e.action.assign(t.action);
  e.success = t.success;
  auto copy = [](const std::optional<std::string_view>& from, std::optional<std::string>* to) {
    if (from) to->emplace(*from);
  };
  copy(t.category, &e.category);
  copy(t.message, &e.message);
  copy(t.reason, &e.reason);
  copy(t.uid, &e.uid);
  for (size_t i = 0; i < t.actor.size(); ++i) copy(t.actor[i], &(e.actor.*internal::kActorFields[i].member));
  for (size_t i = 0; i < t.entity.size(); ++i) copy(t.entity[i], &(e.entity.*internal::kEntityFields[i].member));
  e.attributes.assign(t.attributes);
  return e;
}

}  // namespace trailkeep::codec
