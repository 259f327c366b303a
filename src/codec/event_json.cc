#include "codec/event_json.h"

#include <simdjson.h>

#include <algorithm>
#include <bitset>

#include "base/lifo_pool.h"
#include "base/time_format.h"
#include "codec/body_format.h"
#include "codec/event_fields.h"
#include "codec/field_tables.h"

namespace trailkeep::codec {

namespace {

namespace od = simdjson::ondemand;
using internal::InputField;

// Fields and values are read where the object's iterator holds them
// (`fr.value_unsafe()`, `od::value&`), never copied. GCC 12 copies an
// od::value's 24 bytes as two scalar stores and then one 16-byte load,
// which cannot be forwarded from the stores and waits for them to reach
// the cache: ~85% of AddEvent's own time in a bench load's profile.
// bench/micro/ingest_bench, a batch parsed reusing its events: 181
// against 241 us (medians of five).

// What went wrong inside one event.
struct FieldError {
  std::string field;
  std::string reason;
};

bool Fail(FieldError* err, std::string field, std::string reason) {
  err->field = std::move(field);
  err->reason = std::move(reason);
  return false;
}

std::string InvalidJson(simdjson::error_code code) {
  return std::string("invalid JSON: ") + simdjson::error_message(code);
}

// `v` into `s`, in the capacity `s` has from an event of an earlier batch
// (ParseEvents' `reuse`), unless that is far more than `v` needs: what a
// recycled event keeps stays proportional to what it holds.
void AssignReusing(std::string* s, std::string_view v) {
  if (s->capacity() > 4 * v.size() + 64) {
    *s = std::string(v);
  } else {
    s->assign(v);
  }
}

std::string* Engage(std::optional<std::string>* o) {
  if (!o->has_value()) o->emplace();
  return &**o;
}

bool IsNull(od::value& v) {
  bool null = false;
  return !v.is_null().get(null) && null;
}

// Reads every scalar under `v` so that malformed JSON in a value we do not
// keep (ignored fields) is still rejected; on-demand parsing would skip it.
simdjson::error_code Validate(od::value v) {
  od::json_type type;
  if (auto ec = v.type().get(type)) return ec;
  switch (type) {
    case od::json_type::object: {
      od::object obj;
      if (auto ec = v.get_object().get(obj)) return ec;
      for (auto fr : obj) {
        od::field f;
        if (auto ec = std::move(fr).get(f)) return ec;
        if (auto ec = f.unescaped_key().error()) return ec;
        if (auto ec = Validate(f.value())) return ec;
      }
      return simdjson::SUCCESS;
    }
    case od::json_type::array: {
      od::array arr;
      if (auto ec = v.get_array().get(arr)) return ec;
      for (auto er : arr) {
        od::value elem;
        if (auto ec = std::move(er).get(elem)) return ec;
        if (auto ec = Validate(elem)) return ec;
      }
      return simdjson::SUCCESS;
    }
    case od::json_type::string:
      return v.get_string().error();
    case od::json_type::number:
      return v.get_double().error();
    case od::json_type::boolean:
      return v.get_bool().error();
    case od::json_type::null:
      return IsNull(v) ? simdjson::SUCCESS : simdjson::N_ATOM_ERROR;
  }
  return simdjson::INCORRECT_TYPE;
}

bool ReadTopString(od::value& v, std::string_view key, InputField which, std::string* out,
                   FieldError* err) {
  std::string_view s;
  if (v.get_string().get(s)) return Fail(err, std::string(key), "must be a string");
  std::string_view reason = internal::CheckTopString(which, s);
  if (!reason.empty()) return Fail(err, std::string(key), std::string(reason));
  AssignReusing(out, s);
  return true;
}

bool ReadTime(od::value& v, int64_t* ms, FieldError* err) {
  od::json_type type;
  if (v.type().get(type)) return Fail(err, "time", "invalid JSON");
  if (type == od::json_type::string) {
    std::string_view s;
    if (v.get_string().get(s)) return Fail(err, "time", "invalid JSON string");
    std::optional<int64_t> parsed = ParseIsoMs(s, {.allow_date_only = false});
    if (!parsed) return Fail(err, "time", "not an ISO 8601 time: " + std::string(s));
    *ms = *parsed;
  } else if (type != od::json_type::number || v.get_int64().get(*ms)) {
    return Fail(err, "time", "must be an ISO 8601 string or integer epoch milliseconds");
  }
  std::string_view reason = internal::CheckTime(*ms);
  return reason.empty() || Fail(err, "time", std::string(reason));
}

template <typename T, size_t N>
bool ReadNested(od::value& v, std::string_view name, const internal::StringMember<T> (&table)[N],
                T* out, FieldError* err) {
  od::object obj;
  if (v.get_object().get(obj)) return Fail(err, std::string(name), "must be an object");
  std::bitset<N> seen, set;
  for (auto fr : obj) {
    std::string_view key;
    if (auto ec = fr.error(); ec || (ec = fr.value_unsafe().unescaped_key().get(key))) {
      return Fail(err, std::string(name), InvalidJson(ec));
    }
    // The field's path, spelled only for an error: building it for every
    // field was two allocations per nested field of every event.
    auto path = [&] { return std::string(name) + "." + std::string(key); };
    size_t i = 0;
    while (i < N && table[i].name != key) ++i;
    if (i == N) return Fail(err, path(), "unknown field");
    if (seen[i]) return Fail(err, path(), "duplicate field");
    seen[i] = true;
    od::value& fv = fr.value_unsafe().value();
    if (IsNull(fv)) continue;
    std::string_view s;
    if (fv.get_string().get(s)) return Fail(err, path(), "must be a string");
    std::string_view reason = internal::CheckNestedString(s);
    if (!reason.empty()) return Fail(err, path(), std::string(reason));
    AssignReusing(Engage(&(out->*table[i].member)), s);
    set[i] = true;
  }
  for (size_t i = 0; i < N; ++i) {
    if (!set[i]) (out->*table[i].member).reset();
  }
  return true;
}

// Stores the object's text with whitespace outside strings removed, after
// checking that it is complete, valid JSON.
bool ReadAttributes(od::value& v, std::string* out, FieldError* err) {
  od::object obj;
  std::string_view raw;
  if (v.get_object().get(obj)) return Fail(err, "attributes", "must be a JSON object");
  if (auto ec = obj.raw_json().get(raw)) return Fail(err, "attributes", InvalidJson(ec));
  // Minified in place, in the capacity a recycled event's attributes have.
  std::string& minified = *out;
  if (minified.capacity() > 4 * raw.size() + 64) minified = std::string();
  minified.resize(raw.size() + simdjson::SIMDJSON_PADDING);
  size_t len = 0;
  if (auto ec = simdjson::minify(raw.data(), raw.size(), minified.data(), len)) {
    return Fail(err, "attributes", InvalidJson(ec));
  }
  if (len > internal::kMaxAttributesBytes) {
    return Fail(err, "attributes", "must be at most 65536 bytes");
  }
  thread_local simdjson::dom::parser validator;
  simdjson::dom::element ignored;
  if (auto ec = validator.parse(minified.data(), len, false).get(ignored)) {
    return Fail(err, "attributes", InvalidJson(ec));
  }
  minified.resize(len);
  // An empty object and no attributes are the same event.
  if (minified == "{}") minified.clear();
  return true;
}

bool ReadField(std::string_view key, InputField which, od::value& v, model::Event* e,
               FieldError* err) {
  switch (which) {
    case InputField::kTime:
      return ReadTime(v, &e->time.ms, err);
    case InputField::kKind:
      return ReadTopString(v, key, which, &e->kind, err);
    case InputField::kAction:
      return ReadTopString(v, key, which, &e->action, err);
    case InputField::kCategory:
      return ReadTopString(v, key, which, Engage(&e->category), err);
    case InputField::kMessage:
      return ReadTopString(v, key, which, Engage(&e->message), err);
    case InputField::kReason:
      return ReadTopString(v, key, which, Engage(&e->reason), err);
    case InputField::kUid:
      return ReadTopString(v, key, which, Engage(&e->uid), err);
    case InputField::kSuccess:
      return !v.get_bool().get(e->success) || Fail(err, "success", "must be a boolean");
    case InputField::kActor:
      return ReadNested(v, "actor", internal::kActorFields, &e->actor, err);
    case InputField::kEntity:
      return ReadNested(v, "entity", internal::kEntityFields, &e->entity, err);
    case InputField::kAttributes:
      return ReadAttributes(v, &e->attributes, err);
    case InputField::kId:
    case InputField::kTenant:
    case InputField::kReceived:
      if (auto ec = Validate(v)) return Fail(err, std::string(key), InvalidJson(ec));
      return true;
    case InputField::kUnknown:
      break;
  }
  return Fail(err, std::string(key), "unknown field");
}

// Resets what the input left out (absent or null) of `e`, which may hold
// an earlier event's values; strings that stay keep their capacity.
void ResetUnset(const std::bitset<static_cast<size_t>(InputField::kUnknown)>& set,
                model::Event* e) {
  auto unset = [&](InputField f) { return !set[static_cast<size_t>(f)]; };
  if (unset(InputField::kCategory)) e->category.reset();
  if (unset(InputField::kMessage)) e->message.reset();
  if (unset(InputField::kReason)) e->reason.reset();
  if (unset(InputField::kUid)) e->uid.reset();
  if (unset(InputField::kAttributes)) e->attributes.clear();
  if (unset(InputField::kActor)) e->actor = model::Actor();
  if (unset(InputField::kEntity)) e->entity = model::Entity();
}

// Validates one input event object into `e`: a default-constructed event,
// or one of an earlier batch whose strings this one reuses.
bool ReadEvent(od::object obj, const ParseOptions& options, model::Event* e, FieldError* err) {
  e->id = model::EventId();
  e->tenant.value.clear();
  e->received = model::TimeMs();
  e->time = options.default_time;
  e->success = true;
  std::bitset<static_cast<size_t>(InputField::kUnknown)> seen, set;
  for (auto fr : obj) {
    std::string_view key;
    if (auto ec = fr.error(); ec || (ec = fr.value_unsafe().unescaped_key().get(key))) {
      return Fail(err, "", InvalidJson(ec));
    }
    const InputField which = internal::ClassifyInputField(key);
    if (which == InputField::kUnknown) return Fail(err, std::string(key), "unknown field");
    const auto bit = static_cast<size_t>(which);
    if (seen[bit]) return Fail(err, std::string(key), "duplicate field");
    seen[bit] = true;
    od::value& v = fr.value_unsafe().value();
    const bool required = which == InputField::kKind || which == InputField::kAction;
    if (IsNull(v)) {
      if (required) return Fail(err, std::string(key), "is required");
      continue;
    }
    if (!ReadField(key, which, v, e, err)) return false;
    set[bit] = true;
  }
  if (!seen[static_cast<size_t>(InputField::kKind)]) return Fail(err, "kind", "is required");
  if (!seen[static_cast<size_t>(InputField::kAction)]) return Fail(err, "action", "is required");
  ResetUnset(set, e);
  return true;
}

}  // namespace

namespace {

// Reads a scalar document, so that "nope" is reported as malformed rather
// than as a JSON value of the wrong type.
simdjson::error_code ValidateScalar(od::document& doc, od::json_type type) {
  switch (type) {
    case od::json_type::string:
      return doc.get_string().error();
    case od::json_type::number:
      return doc.get_double().error();
    case od::json_type::boolean:
      return doc.get_bool().error();
    case od::json_type::null: {
      bool null = false;
      if (auto ec = doc.is_null().get(null)) return ec;
      return null ? simdjson::SUCCESS : simdjson::N_ATOM_ERROR;
    }
    default:
      return simdjson::SUCCESS;
  }
}

// Parses documents out of one padded copy of the body, appending events.
class BatchParser {
 public:
  BatchParser(const ParseOptions& options, EventError* error, std::vector<model::Event> reuse)
      : options_(options), error_(error), events_(std::move(reuse)) {}

  // The whole buffer as one JSON array of events or one event object.
  Status ParseJson(const std::string& buffer) {
    return ParseDocument(buffer.data(), buffer.size(), buffer.capacity(), /*allow_array=*/true);
  }

  // One event object per line; blank lines skipped.
  Status ParseNdjson(const std::string& buffer) {
    // At most one event per line, and none shorter than the smallest valid
    // one: reserved once, the events are not moved while the vector grows
    // (~1% of a bench load's CPU), and a body of blank lines reserves little.
    constexpr size_t kMinEventBytes = std::string_view(R"({"kind":"a","action":"b"})").size();
    size_t lines = 1;
    for (size_t nl = buffer.find('\n'); nl != std::string::npos; nl = buffer.find('\n', nl + 1)) {
      ++lines;
    }
    events_.reserve(std::min({lines, buffer.size() / kMinEventBytes + 1, options_.max_events}));
    const char* const end = buffer.data() + buffer.capacity();
    size_t start = 0;
    while (start < buffer.size()) {
      size_t nl = buffer.find('\n', start);
      if (nl == std::string::npos) nl = buffer.size();
      const std::string_view line(buffer.data() + start, nl - start);
      if (!internal::IsBlank(line)) {
        // The rest of the buffer and its padding stand in for the line's padding.
        TK_RETURN_IF_ERROR(ParseDocument(line.data(), line.size(),
                                         static_cast<size_t>(end - line.data()),
                                         /*allow_array=*/false));
      }
      start = nl + 1;
    }
    return Status::Ok();
  }

  std::vector<model::Event> Take() {
    events_.resize(used_);  // recycled events this batch did not need
    return std::move(events_);
  }

 private:
  Status ParseDocument(const char* data, size_t len, size_t capacity, bool allow_array) {
    od::document doc;
    od::json_type type;
    if (auto ec = parser_.iterate(data, len, capacity).get(doc);
        ec || (ec = doc.type().get(type))) {
      return Error({"", InvalidJson(ec)});
    }
    if (type == od::json_type::array && allow_array) {
      od::array arr;
      if (auto ec = doc.get_array().get(arr)) return Error({"", InvalidJson(ec)});
      for (auto er : arr) {
        od::value v;
        od::object obj;
        if (auto ec = std::move(er).get(v)) return Error({"", InvalidJson(ec)});
        if (v.get_object().get(obj)) return Error({"", "must be a JSON object"});
        TK_RETURN_IF_ERROR(AddEvent(obj));
      }
    } else if (type == od::json_type::object) {
      od::object obj;
      if (auto ec = doc.get_object().get(obj)) return Error({"", InvalidJson(ec)});
      TK_RETURN_IF_ERROR(AddEvent(obj));
    } else {
      if (auto ec = ValidateScalar(doc, type)) return Error({"", InvalidJson(ec)});
      return Error({"", allow_array ? "body must be a JSON object or an array of objects"
                                    : "must be a JSON object"});
    }
    if (doc.current_location().error() != simdjson::OUT_OF_BOUNDS) {
      return Error({"", "invalid JSON: unexpected content after the value"});
    }
    return Status::Ok();
  }

  Status AddEvent(od::object obj) {
    if (used_ == options_.max_events) {
      std::string msg =
          "too many events: max " + std::to_string(options_.max_events) + " per request";
      if (error_ != nullptr) *error_ = {options_.max_events, "", msg};
      return ResourceExhausted(std::move(msg));
    }
    // Read in place: a local event moved in afterwards cost a move and a
    // destruction of every field per event. A recycled one first, with its
    // strings' capacity.
    model::Event& e = used_ < events_.size() ? events_[used_] : events_.emplace_back();
    FieldError fe;
    if (!ReadEvent(obj, options_, &e, &fe)) return Error(std::move(fe));
    ++used_;
    return Status::Ok();
  }

  // An error in the event at the current position.
  Status Error(FieldError fe) {
    const size_t index = used_;
    std::string msg = "event " + std::to_string(index) + ": ";
    if (!fe.field.empty()) msg += fe.field + ": ";
    msg += fe.reason;
    if (error_ != nullptr) *error_ = {index, std::move(fe.field), std::move(fe.reason)};
    return InvalidArgument(std::move(msg));
  }

  const ParseOptions& options_;
  EventError* const error_;
  od::parser parser_;
  std::vector<model::Event> events_;
  size_t used_ = 0;  // events_[0, used_) are this batch's
};

// Padded copies of bodies, copied into again by later ones; none larger
// than kMaxKeptBodyBytes is kept (a typical batch of 1,000 events: ~350 KB).
constexpr size_t kMaxKeptBodyBytes = size_t{4} << 20;

LifoPool<std::string>& PaddedBodies() {
  static LifoPool<std::string> pool(/*max_kept=*/8, kMaxKeptBodyBytes,
                                    [](const std::string& s) { return s.capacity(); });
  return pool;
}

}  // namespace

Result<std::vector<model::Event>> ParseEvents(std::string_view body, const ParseOptions& options,
                                              EventError* error, std::vector<model::Event> reuse) {
  const InputFormat format =
      options.format == InputFormat::kAuto ? internal::DetectFormat(body) : options.format;
  std::vector<model::Event> events;
  if (!internal::IsBlank(body)) {
    // simdjson reads up to SIMDJSON_PADDING bytes past the end.
    std::string buffer = PaddedBodies().Take();
    buffer.reserve(body.size() + simdjson::SIMDJSON_PADDING);
    buffer.assign(body);
    BatchParser parser(options, error, std::move(reuse));
    const Status parsed =
        format == InputFormat::kNdjson ? parser.ParseNdjson(buffer) : parser.ParseJson(buffer);
    PaddedBodies().Give(std::move(buffer));
    TK_RETURN_IF_ERROR(parsed);
    events = parser.Take();
  }
  if (events.empty()) {
    if (error != nullptr) *error = {0, "", "no events"};
    return InvalidArgument("no events");
  }
  return events;
}

}  // namespace trailkeep::codec
