#include "codec/canonical_fields.h"

#include <simdjson.h>

#include <cstdint>
#include <cstring>

namespace trailkeep::codec {

namespace {

using model::IndexedField;

// A forward reader over canonical JSON text.
class Reader {
 public:
  explicit Reader(std::string_view s) : p_(s.data()), end_(s.data() + s.size()) {}

  bool Eat(char c) {
    if (p_ == end_ || *p_ != c) return false;
    ++p_;
    return true;
  }
  bool AtString() const { return p_ != end_ && *p_ == '"'; }

  // At an opening quote: the string's bytes as written (escapes kept) up to
  // its closing quote; `escaped` tells whether any byte is a backslash.
  bool String(std::string_view* raw, bool* escaped) {
    if (!Eat('"')) return false;
    const char* start = p_;
    for (;;) {
      const auto* quote = static_cast<const char*>(std::memchr(p_, '"', end_ - p_));
      if (quote == nullptr) return false;
      // The quote ends the string unless an odd run of backslashes precedes it.
      const char* b = quote;
      while (b > start && b[-1] == '\\') --b;
      p_ = quote + 1;
      if ((quote - b) % 2 == 0) {
        *raw = std::string_view(start, quote - start);
        *escaped = std::memchr(start, '\\', quote - start) != nullptr;
        return true;
      }
    }
  }

  // A number or literal: its bytes up to the next ',' or '}'. False for
  // an object or array, which no leading key of a canonical event holds.
  bool Scalar(std::string_view* raw) {
    if (p_ != end_ && (*p_ == '{' || *p_ == '[')) return false;
    const char* start = p_;
    while (p_ != end_ && *p_ != ',' && *p_ != '}') ++p_;
    *raw = std::string_view(start, p_ - start);
    return !raw->empty() && p_ != end_;
  }

 private:
  const char* p_;
  const char* end_;
};

// Decodes the JSON string body `raw` (escapes kept) into `out` with
// simdjson, the parser of all JSON input here. False on a malformed escape.
// Only values holding a quote, a backslash or a control character get here.
bool Unescape(std::string_view raw, std::string* out) {
  thread_local simdjson::ondemand::parser parser;
  std::string quoted;
  quoted.reserve(raw.size() + 2 + simdjson::SIMDJSON_PADDING);
  quoted.push_back('"');
  quoted.append(raw);
  quoted.push_back('"');
  simdjson::ondemand::document doc;
  std::string_view value;
  if (parser.iterate(quoted.data(), quoted.size(), quoted.capacity()).get(doc) ||
      doc.get_string().get(value)) {
    return false;
  }
  out->assign(value);
  return true;
}

// What the walk does with a top-level key's value.
enum class Slot { kSkip, kField, kActor, kEntity, kStop };

Slot TopLevel(std::string_view key, IndexedField* f) {
  if (key == "kind") return *f = IndexedField::kKind, Slot::kField;
  if (key == "action") return *f = IndexedField::kAction, Slot::kField;
  if (key == "category") return *f = IndexedField::kCategory, Slot::kField;
  if (key == "success") return *f = IndexedField::kSuccess, Slot::kField;
  if (key == "actor") return Slot::kActor;
  if (key == "entity") return Slot::kEntity;
  if (key == "id" || key == "tenant" || key == "time" || key == "received") return Slot::kSkip;
  return Slot::kStop;  // past the leading keys: nothing indexed follows
}

std::optional<IndexedField> Nested(Slot object, std::string_view key) {
  if (object == Slot::kActor) {
    if (key == "id") return IndexedField::kActorId;
    if (key == "name") return IndexedField::kActorName;
    if (key == "email") return IndexedField::kActorEmail;
  } else if (key == "id") {
    return IndexedField::kEntityId;
  }
  return std::nullopt;
}

}  // namespace

bool CanonicalFields::Parse(std::string_view canonical) {
  values_.fill(std::nullopt);
  auto set = [this](IndexedField f, std::string_view raw, bool escaped) {
    const size_t i = static_cast<size_t>(f) - 1;
    if (!escaped) {
      values_[i] = raw;
      return true;
    }
    if (!Unescape(raw, &unescaped_[i])) return false;
    values_[i] = unescaped_[i];
    return true;
  };
  Reader r(canonical);
  if (!r.Eat('{')) return false;
  for (;;) {
    std::string_view key, value;
    bool escaped = false;
    if (!r.String(&key, &escaped) || escaped || !r.Eat(':')) return false;
    IndexedField f{};
    const Slot slot = TopLevel(key, &f);
    if (slot == Slot::kStop) return true;
    if (slot == Slot::kActor || slot == Slot::kEntity) {
      // Canonical actor and entity objects hold strings only.
      if (!r.Eat('{')) return false;
      if (!r.Eat('}')) {
        do {
          if (!r.String(&key, &escaped) || escaped || !r.Eat(':')) return false;
          if (!r.String(&value, &escaped)) return false;
          std::optional<IndexedField> nested = Nested(slot, key);
          if (nested && !set(*nested, value, escaped)) return false;
        } while (r.Eat(','));
        if (!r.Eat('}')) return false;
      }
    } else {
      if (r.AtString() ? !r.String(&value, &escaped) : (escaped = false, !r.Scalar(&value))) {
        return false;
      }
      if (slot == Slot::kField && !set(f, value, escaped)) return false;
    }
    if (r.Eat('}')) return true;
    if (!r.Eat(',')) return false;
  }
}

}  // namespace trailkeep::codec
