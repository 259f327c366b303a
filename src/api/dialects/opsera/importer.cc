// Opsera record import (`POST /v1/events?format=opsera`, `trailkeep ingest
// --format opsera`): one converter for all three record kinds, chosen by the
// record's shape (DetectShape). Every member the envelope has no place for is
// kept in `attributes` as sent, so a record reads back identical apart from
// `_id` (see docs/dialects/opsera.md).
#include <charconv>
#include <string>

#include "api/dialects/dialects.h"
#include "api/dialects/opsera/record_shape.h"
#include "base/clock.h"
#include "base/time_format.h"
#include "codec/json_writer.h"

namespace trailkeep::api::dialects {
namespace {

using codec::JsonValue;
using opsera::FieldSpec;
using opsera::RecordShape;
using opsera::Slot;

// The prefix of the `uid` an imported record's `_id` becomes, so importing
// the same saved response twice stores each record once.
constexpr std::string_view kUidPrefix = "opsera:";

Status Fail(codec::EventError* error, std::string_view field, std::string reason) {
  error->field = std::string(field);
  error->reason = reason;
  return InvalidArgument(std::string(field) + ": " + reason);
}

const FieldSpec* FindField(const RecordShape& shape, std::string_view name) {
  for (const FieldSpec& f : shape.fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

// The instant of a `createdAt` value: an ISO 8601 string, epoch ms, or
// Mongo extended JSON {"$date": <either>}.
std::optional<int64_t> InstantOf(const JsonValue& v) {
  if (v.type == JsonValue::Type::kString) {
    IsoParseOptions options;
    options.allow_date_only = true;
    return ParseIsoMs(v.string, options);
  }
  if (v.type == JsonValue::Type::kNumber) {
    int64_t ms = 0;
    const char* end = v.string.data() + v.string.size();
    auto [ptr, ec] = std::from_chars(v.string.data(), end, ms);
    if (ec != std::errc() || ptr != end) return std::nullopt;
    return ms;
  }
  if (v.type == JsonValue::Type::kObject && v.members.size() == 1) {
    if (const JsonValue* d = v.Find("$date"); d && d->type != JsonValue::Type::kObject) {
      return InstantOf(*d);
    }
  }
  return std::nullopt;
}

class AttributeWriter {
 public:
  void Add(std::string_view name, const JsonValue& value) {
    out_ += out_.empty() ? "{" : ",";
    codec::AppendJsonString(name, &out_);
    out_ += ":";
    codec::AppendJson(value, &out_);
  }
  std::string Take() { return out_.empty() ? std::string() : std::move(out_) + "}"; }

 private:
  std::string out_;
};

Result<model::Event> ToEvent(const JsonValue& record, codec::EventError* error) {
  const RecordShape& shape = opsera::DetectShape(record);
  model::Event event;
  event.kind = std::string(shape.kind);
  event.action = std::string(shape.fixed_action);
  event.time = model::TimeMs{SystemClock::Get().NowMs()};
  AttributeWriter attributes;

  const JsonValue* created = record.Find("createdAt");
  if (created) {
    std::optional<int64_t> t = InstantOf(*created);
    if (!t || *t < kMinIsoMs || *t > kMaxIsoMs) {
      return Fail(error, "createdAt", "must be an ISO 8601 date-time or epoch milliseconds");
    }
    event.time = model::TimeMs{*t};
    bool canonical_text = created->type == JsonValue::Type::kString &&
                          created->string == FormatIsoMs(*t);
    if (!canonical_text) attributes.Add("createdAt", *created);
  }

  for (const auto& [name, value] : record.members) {
    if (name == "createdAt") continue;
    if (name == "_id") {
      if (value.type == JsonValue::Type::kString && !value.string.empty() &&
          value.string.size() <= 256 - kUidPrefix.size()) {
        event.uid = std::string(kUidPrefix) + value.string;
      }
      continue;
    }
    if (name == "updatedAt" && created && codec::ToJson(value) == codec::ToJson(*created)) continue;
    if (name == "__v" && value.type == JsonValue::Type::kNumber && value.string == "0") continue;
    const FieldSpec* f = FindField(shape, name);
    bool fits_envelope = f && f->slot != Slot::kAttribute && f->slot != Slot::kAccount &&
                         value.type == JsonValue::Type::kString && !value.string.empty() &&
                         value.string.size() <= opsera::SlotMaxBytes(f->slot);
    if (fits_envelope) {
      opsera::SetSlot(&event, f->slot, value.string);
    } else if (f && f->slot == Slot::kAction) {
      return Fail(error, "action", "must be a non-empty string of at most 256 bytes");
    } else {
      attributes.Add(name, value);
    }
  }
  if (event.action.empty()) return Fail(error, "action", "required");
  event.attributes = attributes.Take();
  return event;
}

}  // namespace

const Importer& OpseraImporter() {
  // A saved response of any of the four endpoints keeps its records in
  // "data" (v2 uses the v1 envelope, API-NOTES §2.4).
  static const Importer importer{"opsera", {{"data"}}, ToEvent};
  return importer;
}

}  // namespace trailkeep::api::dialects
