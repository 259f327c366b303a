// Time expressions for `from`/`to` query parameters (the Dynatrace formats,
// reused by the native API) and durations for `wait=30s` and ranges like `3d`.
//
// Golden cases: tests/golden/time/*.txt.
//
// Thread safety: pure functions; safe to call concurrently.
#pragma once

#include <cstdint>
#include <string_view>

#include "base/clock.h"
#include "base/status.h"
#include "base/time_format.h"
#include "model/types.h"

namespace trailkeep::query {

struct TimeExprOptions {
  // Accept a bare ISO date "2026-11-23" (meaning 00:00 UTC). Default false,
  // as in the Dynatrace API (at least hh:mm is required); the native API
  // passes true.
  bool allow_date_only = false;
};

// Every instant a time expression can produce lies in
// [0000-01-01T00:00:00.000Z, 9999-12-31T23:59:59.999Z], the range that
// FormatIsoMs can render. Anything else is kInvalidArgument.
inline constexpr int64_t kMinTimeExprMs = kMinIsoMs;
inline constexpr int64_t kMaxTimeExprMs = kMaxIsoMs;

// Parses one time expression into an instant. Accepted forms (no surrounding
// whitespace):
//   1. Digits only: epoch milliseconds UTC, e.g. "1576073388150".
//   2. ISO 8601 via base ParseIsoMs: "YYYY-MM-DDThh:mm[:ss[.fff]][zone]",
//      a space may replace 'T', no zone means UTC, zone is Z, ±hh:mm or
//      ±hhmm. A bare date only with options.allow_date_only.
//   3. Relative: "now", "now/A", "now-NU", "now-NU/A" where N is a positive
//      decimal integer and U, A are units, case-sensitive:
//        m minute, h hour, d day, w week, M month, y year.
//      First t = now - N*U: fixed lengths for m h d w (a day is 24 h, a week
//      7 days); calendar arithmetic for M and y, keeping the time of day and
//      clamping the day of month (now-1M on Mar 31 gives Feb 28 or 29).
//      Then "/A" floors t to the start of its enclosing A in UTC: /m to :00,
//      /h to :00:00, /d to 00:00, /w to Monday 00:00 (ISO weeks), /M to the
//      1st 00:00, /y to Jan 1 00:00.
//      "now+NU" (future offsets) is rejected.
// `clock` supplies "now" and is read at most once.
// Errors: kInvalidArgument with a message naming the input and what was
// expected (unknown unit, missing number, unparsable ISO, out of range).
Result<model::TimeMs> ParseTimeExpr(std::string_view text, const Clock& clock,
                                    const TimeExprOptions& options = {});

// Parses a duration "<digits><unit>" with unit one of ms, s, m, h, d, w
// (fixed lengths: a day is 24 h, a week 7 days), e.g. "30s", "13m", "1h",
// "3d", "2w", "30000ms". Zero ("0s") is allowed; a sign, spaces, a missing
// unit, or months/years are not. Returns milliseconds.
// Errors: kInvalidArgument (syntax, unknown unit, overflow of int64 ms).
Result<int64_t> ParseDurationMs(std::string_view text);

}  // namespace trailkeep::query
