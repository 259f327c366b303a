// ISO 8601 formatting and parsing of millisecond UTC instants.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace trailkeep {

// The instants FormatIsoMs can write: 0000-01-01T00:00:00.000Z to
// 9999-12-31T23:59:59.999Z. Inputs that must round-trip are checked against it.
inline constexpr int64_t kMinIsoMs = -62'167'219'200'000;
inline constexpr int64_t kMaxIsoMs = 253'402'300'799'999;

// "2026-11-23T19:04:05.123Z" (always milliseconds, always Z). Years 0..9999:
// `ms` outside [kMinIsoMs, kMaxIsoMs] is clamped to that range.
std::string FormatIsoMs(int64_t ms);
void AppendIsoMs(int64_t ms, std::string* out);
// Writes the kIsoMsBytes of FormatIsoMs(ms) at `out`; returns their end.
inline constexpr size_t kIsoMsBytes = 24;
char* WriteIsoMs(int64_t ms, char* out);

struct IsoParseOptions {
  bool allow_space_separator = true;  // "2026-11-23 19:04" like 'T'
  bool allow_date_only = false;       // "2026-11-23" → 00:00 UTC
};

// Parses YYYY-MM-DDThh:mm[:ss[.f{1,9}]][Z|±hh:mm|±hhmm]; no zone means UTC.
// 'T' may also be 't', 'Z' may be 'z'. Dates and times are range-checked
// (2026-02-30, 25:00 and 12:60 fail; no leap seconds). The result may lie
// slightly outside [kMinIsoMs, kMaxIsoMs] for years 0000/9999 with an offset.
// Returns ms since epoch (fractions beyond ms truncated), or nullopt.
std::optional<int64_t> ParseIsoMs(std::string_view s, const IsoParseOptions& options = {});

// Days since 1970-01-01 for a proleptic Gregorian date, and back
// (Howard Hinnant's algorithms).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d);
void CivilFromDays(int64_t days, int64_t* y, unsigned* m, unsigned* d);

}  // namespace trailkeep
