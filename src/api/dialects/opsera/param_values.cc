#include "api/dialects/opsera/param_values.h"

#include <limits>

#include "base/time_format.h"

namespace trailkeep::api::dialects::opsera {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

}  // namespace

std::optional<int64_t> ParseDay(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!AllDigits(s.substr(0, 4)) || !AllDigits(s.substr(5, 2)) || !AllDigits(s.substr(8, 2))) {
    return std::nullopt;
  }
  IsoParseOptions options;
  options.allow_date_only = true;
  return ParseIsoMs(s, options);
}

std::optional<int64_t> ParseClock(std::string_view s) {
  size_t colon = s.find(':');
  if (colon == std::string_view::npos || colon < 1 || colon > 2) return std::nullopt;
  std::string_view hh = s.substr(0, colon), rest = s.substr(colon + 1);
  std::string_view mm = rest.substr(0, 2), ss;
  if (rest.size() == 5 && rest[2] == ':') {
    ss = rest.substr(3);
  } else if (rest.size() != 2) {
    return std::nullopt;
  }
  if (!AllDigits(hh) || !AllDigits(mm) || (!ss.empty() && !AllDigits(ss))) return std::nullopt;
  auto num = [](std::string_view d) {
    int v = 0;
    for (char c : d) v = v * 10 + (c - '0');
    return v;
  };
  int h = num(hh), m = num(mm), sec = ss.empty() ? 0 : num(ss);
  if (h > 23 || m > 59 || sec > 59) return std::nullopt;
  return (int64_t{h} * 3600 + m * 60 + sec) * 1000;
}

std::optional<int64_t> ParseRange(std::string_view s) {
  if (s.size() < 2) return std::nullopt;
  int64_t unit = 0;
  switch (s.back()) {
    case 's': unit = 1000; break;
    case 'm': unit = 60'000; break;
    case 'h': unit = 3'600'000; break;
    case 'd': unit = kDayMs; break;
    case 'w': unit = 7 * kDayMs; break;
    default: return std::nullopt;
  }
  std::optional<uint64_t> n = ParseDigits(s.substr(0, s.size() - 1));
  if (!n) return std::nullopt;
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  if (*n > static_cast<uint64_t>(kMax / unit)) return kMax;
  return static_cast<int64_t>(*n) * unit;
}

std::optional<uint64_t> ParseDigits(std::string_view s) {
  if (!AllDigits(s)) return std::nullopt;
  constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();
  uint64_t v = 0;
  for (char c : s) {
    uint64_t d = static_cast<uint64_t>(c - '0');
    if (v > (kMax - d) / 10) return kMax;
    v = v * 10 + d;
  }
  return v;
}

bool IsObjectId(std::string_view s) {
  if (s.size() != 24) return false;
  for (char c : s) {
    bool hex = IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (!hex) return false;
  }
  return true;
}

int64_t SaturatingSub(int64_t a, int64_t b) {
  int64_t out;
  if (__builtin_sub_overflow(a, b, &out)) return std::numeric_limits<int64_t>::min();
  return out;
}

}  // namespace trailkeep::api::dialects::opsera
