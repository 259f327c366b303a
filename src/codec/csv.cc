#include "codec/csv.h"

#include <array>

namespace trailkeep::codec {
namespace {

// The bytes that force a field into quotes. One table lookup per byte:
// string_view::find_first_of with a 4-byte set calls memchr once per byte
// of the field, which was a fifth of a CSV export's CPU.
constexpr std::array<bool, 256> kSpecial = [] {
  std::array<bool, 256> t{};
  for (unsigned char c : {',', '"', '\r', '\n'}) t[c] = true;
  return t;
}();

bool HasSpecial(std::string_view field) {
  for (unsigned char c : field) {
    if (kSpecial[c]) return true;
  }
  return false;
}

}  // namespace

void AppendCsvField(std::string_view field, std::string* out) {
  const bool quote =
      HasSpecial(field) || (!field.empty() && (field.front() == ' ' || field.back() == ' '));
  if (!quote) {
    out->append(field);
    return;
  }
  out->push_back('"');
  size_t start = 0;
  for (size_t q = field.find('"'); q != std::string_view::npos; q = field.find('"', start)) {
    out->append(field.substr(start, q + 1 - start));  // through the quote...
    out->push_back('"');                              // ...then its double
    start = q + 1;
  }
  out->append(field.substr(start));
  out->push_back('"');
}

}  // namespace trailkeep::codec
