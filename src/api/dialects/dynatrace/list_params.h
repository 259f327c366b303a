// The query parameters of GET /api/v2/auditlogs, validated the way Dynatrace
// does: every problem becomes one constraint violation (path = parameter
// name, location QUERY), all reported together.
//
//   pageSize  1..5000, default 1000
//   sort      "timestamp" (oldest first) | "-timestamp" (newest first, default)
//   from      default now-2w; to default now; from < to; from inclusive, to
//             exclusive. Formats: query/time_expr.h without a bare date
//   filter    audit_filter.h
//   nextPageKey  must come alone (ExtraParamsWithPageKey)
// Unknown parameters are ignored (except beside nextPageKey).
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "api/dialects/dynatrace/audit_filter.h"
#include "api/dialects/dynatrace/error_envelope.h"
#include "api/http_message.h"
#include "model/types.h"

namespace trailkeep::api::dialects::dynatrace {

inline constexpr uint32_t kDefaultPageSize = 1000;
inline constexpr uint32_t kMaxPageSize = 5000;
inline constexpr int64_t kDefaultWindowMs = 14LL * 24 * 3600 * 1000;  // now-2w

// A first-page request, resolved: every relative time is now absolute.
struct ListParams {
  model::TimeMs from, to;
  uint32_t page_size = kDefaultPageSize;
  bool oldest_first = false;  // sort=timestamp
  std::string filter_text;    // as given ("" for none)
  AuditFilter filter;         // filter_text parsed and planned
};

// Parses `request`'s first-page parameters with "now" = `now_ms` (read once,
// so from and to see the same instant). On failure returns false and appends
// one violation per bad parameter to `violations`.
bool ParseListParams(const Request& request, int64_t now_ms, ListParams* out,
                     std::vector<Violation>* violations);

// A time parameter (`from`/`to`) as Dynatrace reads it: ParseTimeExpr
// without a bare date. A '+' that the query decoding turned into a space
// before a trailing zone offset ("…:01 01:00") is read as '+' again.
Result<model::TimeMs> ParseDynatraceTime(std::string_view text, int64_t now_ms);

// When `request` has nextPageKey: one violation for each other parameter
// name, in order of first appearance ("must not be used in combination with
// nextPageKey query parameter."). The deprecated `Api-Token` credential
// parameter is exempt. Empty when there is no nextPageKey.
std::vector<Violation> ExtraParamsWithPageKey(const Request& request);

}  // namespace trailkeep::api::dialects::dynatrace
