// The query each Opsera route runs: a time window, the fixed kind plus the
// caller's equality filters, and which slice of the newest-first result to
// return. Built from the request by the Parse* functions below
// (API-NOTES §2.3–2.6; the choices are in docs/dialects/opsera.md).
//
// An empty parameter value counts as absent (as Express's `if (req.query.x)`).
// Every present parameter is validated even when precedence ignores it.
//
// Thread safety: values and pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>

#include "api/dialects/opsera/record_shape.h"
#include "api/http_message.h"
#include "base/status.h"
#include "model/types.h"
#include "query/selection.h"

namespace trailkeep::api::dialects::opsera {

inline constexpr size_t kMaxRecords = 1000;     // v1 cap and v2 page_size max
inline constexpr size_t kDefaultPageSize = 100;  // v2

struct LogQuery {
  model::TimeMs from{std::numeric_limits<int64_t>::min()};  // inclusive
  model::TimeMs to{std::numeric_limits<int64_t>::max()};    // exclusive
  query::Selection selection;  // kind = shape.kind AND the filters
  uint64_t skip = 0;           // newest-first records to pass over
  size_t limit = kMaxRecords;  // records to return after them
};

// What v1 actions/pipelines do without a date parameter.
enum class DefaultWindow { kLastSevenDays, kAllTime };

// GET /api/v1/logs/user/actions and /api/v1/logs/pipelines: date, start,
// end, range (precedence in that order, else `when_absent`), type (the
// shape's category field), count (default and max 1000).
// Errors: kInvalidArgument naming the parameter.
Result<LogQuery> ParseV1Query(const Request& request, int64_t now_ms, const RecordShape& shape,
                              DefaultWindow when_absent);

// GET /api/v1/logs/user/tokens: date (default last 7 days), scope; at most
// 1000 records.
Result<LogQuery> ParseTokenQuery(const Request& request, int64_t now_ms);

// GET /api/v2/logs/audit/user: start_date/start_time, end_date/end_time,
// page, page_size, action, type, user_id, user_email, target_id.
// Errors: kFailedPrecondition (→ 422) for a time without its date;
// kInvalidArgument otherwise.
Result<LogQuery> ParseV2Query(const Request& request);

}  // namespace trailkeep::api::dialects::opsera
