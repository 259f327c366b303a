#include "base/newlines.h"

#include <cstring>

namespace trailkeep {

size_t CountNewlines(std::string_view text) {
  size_t n = 0;
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p != end) {
    p = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
    if (p == nullptr) break;
    ++n;
    ++p;
  }
  return n;
}

}  // namespace trailkeep
