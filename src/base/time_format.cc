#include "base/time_format.h"

#include <algorithm>
#include <cstring>

namespace trailkeep {

namespace {

constexpr int64_t kMsPerDay = 86'400'000;

// Floor division: pre-1970 instants belong to the day before, not after.
int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

bool IsLeap(int64_t y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

unsigned DaysInMonth(int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// A forward-only reader over the ISO text.
class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}

  bool AtEnd() const { return pos_ == s_.size(); }
  char Peek() const { return AtEnd() ? '\0' : s_[pos_]; }
  bool Consume(char c) {
    if (Peek() != c) return false;
    ++pos_;
    return true;
  }
  // Exactly `n` decimal digits.
  bool Digits(int n, int64_t* v) {
    if (s_.size() - pos_ < static_cast<size_t>(n)) return false;
    int64_t r = 0;
    for (int i = 0; i < n; ++i) {
      char c = s_[pos_ + i];
      if (c < '0' || c > '9') return false;
      r = r * 10 + (c - '0');
    }
    pos_ += n;
    *v = r;
    return true;
  }
  // 1..9 fraction digits, as milliseconds (truncated).
  bool FractionMs(int64_t* ms) {
    size_t start = pos_;
    int64_t r = 0;
    while (!AtEnd() && Peek() >= '0' && Peek() <= '9') {
      if (pos_ - start < 3) r = r * 10 + (Peek() - '0');
      ++pos_;
    }
    size_t n = pos_ - start;
    if (n == 0 || n > 9) return false;
    for (size_t i = n; i < 3; ++i) r *= 10;
    *ms = r;
    return true;
  }

 private:
  std::string_view s_;
  size_t pos_ = 0;
};

// Parses the zone suffix: "", "Z", "±hh:mm" or "±hhmm"; offset in minutes east.
bool ParseZone(Scanner* sc, int64_t* offset_min) {
  *offset_min = 0;
  if (sc->AtEnd()) return true;
  if (sc->Consume('Z') || sc->Consume('z')) return sc->AtEnd();
  int sign = 0;
  if (sc->Consume('+')) {
    sign = 1;
  } else if (sc->Consume('-')) {
    sign = -1;
  } else {
    return false;
  }
  int64_t hh = 0, mm = 0;
  if (!sc->Digits(2, &hh)) return false;
  sc->Consume(':');
  if (!sc->Digits(2, &mm)) return false;
  if (hh > 23 || mm > 59 || !sc->AtEnd()) return false;
  *offset_min = sign * (hh * 60 + mm);
  return true;
}

}  // namespace

int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);             // [0, 399]
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;  // [0, 365]
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;            // [0, 146096]
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void CivilFromDays(int64_t days, int64_t* y, unsigned* m, unsigned* d) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(days - era * 146097);             // [0, 146096]
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
  const unsigned mp = (5 * doy + 2) / 153;                                     // [0, 11]
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int64_t>(yoe) + era * 400 + (*m <= 2);
}

char* WriteIsoMs(int64_t ms, char* out) {
  ms = std::clamp(ms, kMinIsoMs, kMaxIsoMs);
  const int64_t days = FloorDiv(ms, kMsPerDay);
  const int64_t in_day = ms - days * kMsPerDay;
  // "YYYY-MM-DDT" of the last day this thread formatted: consecutive times
  // (a batch's events, an export's rows) mostly share it, and the civil
  // date is the costly part.
  thread_local int64_t cached_day = INT64_MIN;
  thread_local char date[11];
  auto put = [](char* at, int64_t v, int width) {
    for (int i = width - 1; i >= 0; --i) {
      at[i] = static_cast<char>('0' + v % 10);
      v /= 10;
    }
  };
  if (days != cached_day) {
    int64_t y = 0;
    unsigned m = 0, d = 0;
    CivilFromDays(days, &y, &m, &d);
    put(date, y, 4);
    date[4] = '-';
    put(date + 5, m, 2);
    date[7] = '-';
    put(date + 8, d, 2);
    date[10] = 'T';
    cached_day = days;
  }
  // Written in place: built in a buffer on the stack and copied out, the
  // copy's wide loads could not be forwarded from the digits' byte stores.
  std::memcpy(out, date, sizeof date);
  put(out + 11, in_day / 3'600'000, 2);
  out[13] = ':';
  put(out + 14, in_day / 60'000 % 60, 2);
  out[16] = ':';
  put(out + 17, in_day / 1000 % 60, 2);
  out[19] = '.';
  put(out + 20, in_day % 1000, 3);
  out[23] = 'Z';
  return out + kIsoMsBytes;
}

void AppendIsoMs(int64_t ms, std::string* out) {
  const size_t at = out->size();
  out->resize(at + kIsoMsBytes);
  WriteIsoMs(ms, out->data() + at);
}

std::string FormatIsoMs(int64_t ms) {
  std::string out;
  out.reserve(24);
  AppendIsoMs(ms, &out);
  return out;
}

std::optional<int64_t> ParseIsoMs(std::string_view s, const IsoParseOptions& options) {
  Scanner sc(s);
  int64_t y = 0, mo = 0, d = 0;
  if (!sc.Digits(4, &y) || !sc.Consume('-') || !sc.Digits(2, &mo) || !sc.Consume('-') ||
      !sc.Digits(2, &d)) {
    return std::nullopt;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > DaysInMonth(y, static_cast<unsigned>(mo))) {
    return std::nullopt;
  }
  const int64_t day_ms =
      DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * kMsPerDay;
  if (sc.AtEnd()) {
    if (!options.allow_date_only) return std::nullopt;
    return day_ms;
  }
  if (!(sc.Consume('T') || sc.Consume('t') || (options.allow_space_separator && sc.Consume(' ')))) {
    return std::nullopt;
  }
  int64_t hh = 0, mi = 0, ss = 0, frac_ms = 0;
  if (!sc.Digits(2, &hh) || !sc.Consume(':') || !sc.Digits(2, &mi)) return std::nullopt;
  if (sc.Consume(':')) {
    if (!sc.Digits(2, &ss)) return std::nullopt;
    if (sc.Consume('.') && !sc.FractionMs(&frac_ms)) return std::nullopt;
  }
  if (hh > 23 || mi > 59 || ss > 59) return std::nullopt;
  int64_t offset_min = 0;
  if (!ParseZone(&sc, &offset_min)) return std::nullopt;
  return day_ms + ((hh * 60 + mi - offset_min) * 60 + ss) * 1000 + frac_ms;
}

}  // namespace trailkeep
