#include "codec/canonical_fields.h"

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

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Reads the 4 hex digits of a \u escape at `s` (advanced past them).
bool Hex4(std::string_view* s, uint32_t* out) {
  if (s->size() < 4) return false;
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) {
    const int d = HexDigit((*s)[i]);
    if (d < 0) return false;
    v = v << 4 | static_cast<uint32_t>(d);
  }
  s->remove_prefix(4);
  *out = v;
  return true;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | cp >> 6));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | cp >> 12));
    out->push_back(static_cast<char>(0x80 | (cp >> 6 & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | cp >> 18));
    out->push_back(static_cast<char>(0x80 | (cp >> 12 & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp >> 6 & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Decodes the JSON string body `raw` into `out`. False on a malformed escape.
bool Unescape(std::string_view raw, std::string* out) {
  out->clear();
  while (!raw.empty()) {
    const size_t bs = raw.find('\\');
    out->append(raw.substr(0, bs));
    if (bs == std::string_view::npos) return true;
    raw.remove_prefix(bs + 1);
    if (raw.empty()) return false;
    const char c = raw.front();
    raw.remove_prefix(1);
    switch (c) {
      case '"': case '\\': case '/': out->push_back(c); break;
      case 'b': out->push_back('\b'); break;
      case 'f': out->push_back('\f'); break;
      case 'n': out->push_back('\n'); break;
      case 'r': out->push_back('\r'); break;
      case 't': out->push_back('\t'); break;
      case 'u': {
        uint32_t cp = 0;
        if (!Hex4(&raw, &cp)) return false;
        if (cp >= 0xDC00 && cp <= 0xDFFF) return false;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          uint32_t low = 0;
          if (!raw.starts_with("\\u")) return false;
          raw.remove_prefix(2);
          if (!Hex4(&raw, &low) || low < 0xDC00 || low > 0xDFFF) return false;
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        AppendUtf8(cp, out);
        break;
      }
      default:
        return false;
    }
  }
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
