#include "query/time_expr.h"

#include <algorithm>
#include <optional>
#include <string>

#include "base/time_format.h"

namespace trailkeep::query {
namespace {

constexpr int64_t kSecondMs = 1000;
constexpr int64_t kMinuteMs = 60 * kSecondMs;
constexpr int64_t kHourMs = 60 * kMinuteMs;
constexpr int64_t kDayMs = 24 * kHourMs;
constexpr int64_t kWeekMs = 7 * kDayMs;

constexpr char kExpectedForms[] =
    "expected epoch milliseconds, an ISO 8601 date-time (YYYY-MM-DDThh:mm[:ss[.fff]][Z|+hh:mm]) "
    "or now[-N<unit>][/<unit>] with unit one of m h d w M y";

// Quotes user input for an error message, cut to a sane length.
std::string Quoted(std::string_view text) {
  constexpr size_t kMax = 80;
  std::string out = "'";
  out.append(text.substr(0, kMax));
  if (text.size() > kMax) out.append("...");
  out.push_back('\'');
  return out;
}

Status Invalid(std::string_view text, std::string_view why) {
  return InvalidArgument("invalid time " + Quoted(text) + ": " + std::string(why));
}

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

int64_t FloorMod(int64_t a, int64_t b) { return a - FloorDiv(a, b) * b; }

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

// Decimal digits to int64; nullopt on overflow. REQUIRES: AllDigits(s).
std::optional<int64_t> ParseDigits(std::string_view s) {
  int64_t v = 0;
  for (char c : s) {
    if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, c - '0', &v)) {
      return std::nullopt;
    }
  }
  return v;
}

bool IsUnit(char c) {
  return c == 'm' || c == 'h' || c == 'd' || c == 'w' || c == 'M' || c == 'y';
}

// Length of a fixed unit in ms; 0 for the calendar units M and y.
int64_t FixedUnitMs(char unit) {
  switch (unit) {
    case 'm': return kMinuteMs;
    case 'h': return kHourMs;
    case 'd': return kDayMs;
    case 'w': return kWeekMs;
    default: return 0;
  }
}

unsigned DaysInMonth(int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return (m == 2 && leap) ? 29 : kDays[m - 1];
}

// t minus `months` calendar months, keeping the time of day and clamping the
// day of month. nullopt when the result falls before year 0.
std::optional<int64_t> SubtractMonths(int64_t t, int64_t months) {
  int64_t days = FloorDiv(t, kDayMs);
  int64_t time_of_day = t - days * kDayMs;
  int64_t y;
  unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  int64_t index = y * 12 + (m - 1);
  if (__builtin_sub_overflow(index, months, &index) || index < 0) return std::nullopt;
  int64_t ny = index / 12;
  unsigned nm = static_cast<unsigned>(index % 12) + 1;
  unsigned nd = std::min(d, DaysInMonth(ny, nm));
  return DaysFromCivil(ny, nm, nd) * kDayMs + time_of_day;
}

// now - n units; nullopt on overflow or when out of range.
std::optional<int64_t> Subtract(int64_t now, int64_t n, char unit) {
  if (int64_t unit_ms = FixedUnitMs(unit); unit_ms != 0) {
    int64_t delta, t;
    if (__builtin_mul_overflow(n, unit_ms, &delta) || __builtin_sub_overflow(now, delta, &t)) {
      return std::nullopt;
    }
    return t;
  }
  int64_t months = n;
  if (unit == 'y' && __builtin_mul_overflow(n, 12, &months)) return std::nullopt;
  return SubtractMonths(now, months);
}

// Floors t to the start of its enclosing `unit`, in UTC.
int64_t Align(int64_t t, char unit) {
  if (unit == 'm' || unit == 'h' || unit == 'd') return t - FloorMod(t, FixedUnitMs(unit));
  int64_t days = FloorDiv(t, kDayMs);
  if (unit == 'w') {
    // 1970-01-01 was a Thursday: Monday-based weekday index 3.
    return (days - FloorMod(days + 3, 7)) * kDayMs;
  }
  int64_t y;
  unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  return DaysFromCivil(y, unit == 'M' ? m : 1, 1) * kDayMs;
}

Status InvalidUnit(std::string_view text, std::string_view what, char c) {
  return Invalid(text, std::string("unknown ") + std::string(what) + " '" + c +
                           "' (expected one of m h d w M y; m is minutes, M is months)");
}

// Parses the part after "now": "", "/A", "-NU", "-NU/A".
Result<model::TimeMs> ParseRelative(std::string_view text, std::string_view rest, int64_t now) {
  int64_t t = now;
  if (!rest.empty() && rest[0] == '+') {
    return Invalid(text, "future offsets (now+...) are not supported; use now-N<unit>");
  }
  if (!rest.empty() && rest[0] == '-') {
    rest.remove_prefix(1);
    size_t digits = 0;
    while (digits < rest.size() && IsDigit(rest[digits])) ++digits;
    if (digits == 0) return Invalid(text, "expected a positive integer after 'now-'");
    std::optional<int64_t> n = ParseDigits(rest.substr(0, digits));
    if (!n) return Invalid(text, "offset is too large");
    if (*n == 0) return Invalid(text, "the offset after 'now-' must be a positive integer");
    rest.remove_prefix(digits);
    if (rest.empty()) return Invalid(text, "missing unit after the offset (one of m h d w M y)");
    if (rest[0] == '.') return Invalid(text, "the offset must be a whole number, e.g. now-90m");
    if (!IsUnit(rest[0])) return InvalidUnit(text, "unit", rest[0]);
    std::optional<int64_t> shifted = Subtract(now, *n, rest[0]);
    if (!shifted) return Invalid(text, "out of range (before year 0)");
    t = *shifted;
    rest.remove_prefix(1);
  }
  if (!rest.empty() && rest[0] == '/') {
    if (rest.size() == 1) return Invalid(text, "missing alignment unit after '/'");
    if (!IsUnit(rest[1])) return InvalidUnit(text, "alignment unit", rest[1]);
    t = Align(t, rest[1]);
    rest.remove_prefix(2);
  }
  if (!rest.empty()) {
    return Invalid(text, "unexpected '" + std::string(rest.substr(0, 16)) +
                             "'; expected now[-N<unit>][/<unit>]");
  }
  if (t < kMinTimeExprMs || t > kMaxTimeExprMs) {
    return Invalid(text, "out of range (years 0000..9999)");
  }
  return model::TimeMs{t};
}

}  // namespace

Result<model::TimeMs> ParseTimeExpr(std::string_view text, const Clock& clock,
                                    const TimeExprOptions& options) {
  if (text.empty()) return InvalidArgument("invalid time '': empty; " + std::string(kExpectedForms));
  if (AllDigits(text)) {
    std::optional<int64_t> ms = ParseDigits(text);
    if (!ms || *ms > kMaxTimeExprMs) return Invalid(text, "epoch milliseconds after year 9999");
    return model::TimeMs{*ms};
  }
  if (text.starts_with("now")) return ParseRelative(text, text.substr(3), clock.NowMs());
  IsoParseOptions iso;
  iso.allow_space_separator = true;
  iso.allow_date_only = options.allow_date_only;
  std::optional<int64_t> ms = ParseIsoMs(text, iso);
  if (!ms) return Invalid(text, kExpectedForms);
  if (*ms < kMinTimeExprMs || *ms > kMaxTimeExprMs) {
    return Invalid(text, "out of range (years 0000..9999)");
  }
  return model::TimeMs{*ms};
}

Result<int64_t> ParseDurationMs(std::string_view text) {
  size_t digits = 0;
  while (digits < text.size() && IsDigit(text[digits])) ++digits;
  auto invalid = [&](std::string_view why) {
    return InvalidArgument("invalid duration " + Quoted(text) + ": " + std::string(why) +
                           " (expected <digits><unit>, unit one of ms s m h d w, e.g. 30s)");
  };
  if (digits == 0) return invalid("missing number");
  std::string_view unit = text.substr(digits);
  int64_t unit_ms = 0;
  if (unit == "ms") {
    unit_ms = 1;
  } else if (unit == "s") {
    unit_ms = kSecondMs;
  } else if (unit.size() == 1 && unit[0] != 'M' && unit[0] != 'y' && IsUnit(unit[0])) {
    unit_ms = FixedUnitMs(unit[0]);
  } else if (unit.empty()) {
    return invalid("missing unit");
  } else {
    return invalid("unknown unit '" + std::string(unit.substr(0, 16)) + "'");
  }
  std::optional<int64_t> n = ParseDigits(text.substr(0, digits));
  int64_t ms;
  if (!n || __builtin_mul_overflow(*n, unit_ms, &ms)) return invalid("too large");
  return ms;
}

}  // namespace trailkeep::query
