// ISO 8601 formatting and parsing of millisecond UTC instants.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace trailkeep {

// "2026-11-23T19:04:05.123Z" (always milliseconds, always Z). Years 0..9999.
std::string FormatIsoMs(int64_t ms);
void AppendIsoMs(int64_t ms, std::string* out);

struct IsoParseOptions {
  bool allow_space_separator = true;  // "2026-11-23 19:04" like 'T'
  bool allow_date_only = false;       // "2026-11-23" → 00:00 UTC
};

// Parses YYYY-MM-DDThh:mm[:ss[.f{1,9}]][Z|±hh:mm|±hhmm]; no zone means UTC.
// Returns ms since epoch (fractions beyond ms truncated), or nullopt.
std::optional<int64_t> ParseIsoMs(std::string_view s, const IsoParseOptions& options = {});

// Days since 1970-01-01 for a proleptic Gregorian date, and back
// (Howard Hinnant's algorithms).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d);
void CivilFromDays(int64_t days, int64_t* y, unsigned* m, unsigned* d);

}  // namespace trailkeep
