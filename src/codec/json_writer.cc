#include "codec/json_writer.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace trailkeep::codec {

namespace {

// For each byte: 0 = copy as is, 'u' = \u00XX, else the letter after '\'.
constexpr std::array<char, 256> MakeEscapeTable() {
  std::array<char, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = 'u';
  t['\b'] = 'b';
  t['\f'] = 'f';
  t['\n'] = 'n';
  t['\r'] = 'r';
  t['\t'] = 't';
  t['"'] = '"';
  t['\\'] = '\\';
  return t;
}
constexpr std::array<char, 256> kEscape = MakeEscapeTable();

uint64_t LoadWord(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, sizeof w);
  return w;
}

// Whether any byte of `w` is one kEscape escapes: below 0x20, '"' or '\\'
// (exact for the word as a whole; which byte, the caller finds bytewise).
bool AnyNeedsEscape(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101, kHighs = 0x8080808080808080;
  auto has_zero = [&](uint64_t v) { return ((v - kOnes) & ~v & kHighs) != 0; };
  const bool below_space = ((w - kOnes * 0x20) & ~w & kHighs) != 0;
  return below_space || has_zero(w ^ (kOnes * '"')) || has_zero(w ^ (kOnes * '\\'));
}

template <typename T>
void AppendInteger(T v, std::string* out) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  (void)ec;  // 24 bytes always fit a 64-bit integer
  out->append(buf, end);
}

}  // namespace

char* WriteJsonString(std::string_view s, char* out) {
  *out++ = '"';
  const char* p = s.data();
  const char* const end = p + s.size();
  while (p != end) {
    // Bytes that need no escaping go out as they were loaded: eight at a
    // time, then the last few as the string's final word (rewriting bytes
    // the clean word shows were copied verbatim) or, in a string under
    // eight bytes, as two 4-byte halves. Most strings need no escape, and
    // a byte-by-byte tail was the hot part.
    const auto rest = static_cast<size_t>(end - p);
    if (rest >= 8) {
      const uint64_t w = LoadWord(p);
      if (!AnyNeedsEscape(w)) {
        std::memcpy(out, &w, sizeof w);
        out += sizeof w;
        p += sizeof w;
        continue;
      }
    } else if (s.size() >= 8) {
      const uint64_t w = LoadWord(end - 8);
      if (!AnyNeedsEscape(w)) {
        std::memcpy(out + rest - 8, &w, sizeof w);
        out += rest;
        break;
      }
    } else if (rest >= 4) {
      uint32_t lo, hi;
      std::memcpy(&lo, p, 4);
      std::memcpy(&hi, end - 4, 4);
      if (!AnyNeedsEscape(uint64_t{lo} | uint64_t{hi} << 32)) {
        std::memcpy(out, &lo, 4);
        std::memcpy(out + rest - 4, &hi, 4);
        out += rest;
        break;
      }
    }
    const char e = kEscape[static_cast<unsigned char>(*p)];
    if (e == 0) {
      *out++ = *p;
    } else if (e == 'u') {
      static constexpr char kHex[] = "0123456789abcdef";
      const auto c = static_cast<unsigned char>(*p);
      out = std::copy_n("\\u00", 4, out);
      *out++ = kHex[c >> 4];
      *out++ = kHex[c & 0xf];
    } else {
      *out++ = '\\';
      *out++ = e;
    }
    ++p;
  }
  *out++ = '"';
  return out;
}

void AppendJsonString(std::string_view s, std::string* out) {
  const size_t at = out->size();
  out->resize(at + JsonStringMaxBytes(s.size()));
  char* const end = WriteJsonString(s, out->data() + at);
  out->resize(static_cast<size_t>(end - out->data()));
}

void JsonWriter::Separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (first_.empty()) return;
  if (!first_.back()) out_.push_back(',');
  first_.back() = false;
}

void JsonWriter::BeginObject() {
  Separate();
  out_.push_back('{');
  first_.push_back(true);
}

void JsonWriter::EndObject() {
  out_.push_back('}');
  first_.pop_back();
}

void JsonWriter::BeginArray() {
  Separate();
  out_.push_back('[');
  first_.push_back(true);
}

void JsonWriter::EndArray() {
  out_.push_back(']');
  first_.pop_back();
}

void JsonWriter::Key(std::string_view k) {
  Separate();
  AppendJsonString(k, &out_);
  out_.push_back(':');
  after_key_ = true;
}

void JsonWriter::String(std::string_view s) {
  Separate();
  AppendJsonString(s, &out_);
}

void JsonWriter::Int(int64_t v) {
  Separate();
  AppendInteger(v, &out_);
}

void JsonWriter::Uint(uint64_t v) {
  Separate();
  AppendInteger(v, &out_);
}

void JsonWriter::Double(double v) {
  Separate();
  // JSON has no NaN or infinity.
  if (!std::isfinite(v)) {
    out_.append("null");
    return;
  }
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);  // shortest round-trip
  (void)ec;  // 32 bytes always fit the shortest form of a double
  out_.append(buf, end);
}

void JsonWriter::Bool(bool v) {
  Separate();
  out_.append(v ? "true" : "false");
}

void JsonWriter::Null() {
  Separate();
  out_.append("null");
}

void JsonWriter::Raw(std::string_view json) {
  Separate();
  out_.append(json);
}

void JsonWriter::Clear() {
  out_.clear();
  first_.clear();
  after_key_ = false;
}

}  // namespace trailkeep::codec
