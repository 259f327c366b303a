#include "codec/body_format.h"

namespace trailkeep::codec::internal {

namespace {

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Whether `body`, which starts with '{', holds anything after its first
// value. Unbalanced input answers false and is then reported by the parser.
bool HasSecondValue(std::string_view body) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // the escaped character cannot end the string
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if ((c == '}' || c == ']') && --depth == 0) {
      return !IsBlank(body.substr(i + 1));
    }
  }
  return false;
}

}  // namespace

bool IsBlank(std::string_view s) {
  for (char c : s) {
    if (!IsJsonSpace(c)) return false;
  }
  return true;
}

InputFormat DetectFormat(std::string_view body) {
  size_t first = 0;
  while (first < body.size() && IsJsonSpace(body[first])) ++first;
  const bool ndjson =
      first < body.size() && body[first] == '{' && HasSecondValue(body.substr(first));
  return ndjson ? InputFormat::kNdjson : InputFormat::kJson;
}

}  // namespace trailkeep::codec::internal
