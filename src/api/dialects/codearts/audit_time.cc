#include "api/dialects/codearts/audit_time.h"

#include <algorithm>
#include <cstdio>

#include "base/time_format.h"

namespace trailkeep::api::dialects::codearts {
namespace {

constexpr int64_t kMsPerDay = 86'400'000;

// Digits text[pos, pos+n) as a number, or -1.
int Number(std::string_view text, size_t pos, size_t n) {
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    v = v * 10 + (text[i] - '0');
  }
  return v;
}

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

}  // namespace

std::string FormatAuditTime(int64_t ms) {
  int64_t local = std::clamp(ms, kMinIsoMs - kAuditTimeOffsetMs, kMaxIsoMs - kAuditTimeOffsetMs) +
                  kAuditTimeOffsetMs;
  int64_t days = FloorDiv(local, kMsPerDay);
  int64_t secs = (local - days * kMsPerDay) / 1000;
  int64_t y = 0;
  unsigned m = 0, d = 0;
  CivilFromDays(days, &y, &m, &d);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d/%02u/%02u %02d:%02d:%02d", static_cast<int>(y), m, d,
                static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                static_cast<int>(secs % 60));
  return buf;
}

std::optional<int64_t> ParseAuditTime(std::string_view text) {
  // 0123456789012345678
  // yyyy/MM/dd HH:mm:ss
  if (text.size() != 19 || text[4] != '/' || text[7] != '/' || text[10] != ' ' ||
      text[13] != ':' || text[16] != ':') {
    return std::nullopt;
  }
  int y = Number(text, 0, 4), mo = Number(text, 5, 2), d = Number(text, 8, 2);
  int h = Number(text, 11, 2), mi = Number(text, 14, 2), s = Number(text, 17, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > DaysInMonth(y, mo) || h < 0 || h > 23 ||
      mi < 0 || mi > 59 || s < 0 || s > 59) {
    return std::nullopt;
  }
  int64_t days = DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  return days * kMsPerDay + (h * 3600 + mi * 60 + s) * int64_t{1000} - kAuditTimeOffsetMs;
}

}  // namespace trailkeep::api::dialects::codearts
