// The query parameters of GET /xray/api/v1/curation/audit/packages, parsed,
// validated and resolved (defaults filled in) as Xray does; see
// docs/dialects/xray.md and API-NOTES §1.3.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "api/http_message.h"
#include "base/status.h"
#include "model/types.h"

namespace trailkeep::api::dialects::xray {

// The columns `order_by` accepts.
enum class OrderColumn {
  kId,
  kCreatedAt,
  kAction,
  kPackageType,
  kPackageName,
  kPackageVersion,
  kCuratedRepositoryName,
  kUsername,
  kUserMail,
  kOriginRepositoryName,
  kPublicRepoName,
  kReason,
};

enum class AuditFormat { kJson, kCsv };

inline constexpr uint64_t kMaxJsonRows = 2000;
inline constexpr uint64_t kMaxCsvRows = 500'000;
inline constexpr int64_t kMaxWindowMs = 168LL * 3600 * 1000;

struct AuditParams {
  OrderColumn order_by = OrderColumn::kId;
  std::string order_by_name = "id";  // as echoed in meta
  bool ascending = false;            // direction (default desc)
  uint64_t num_of_rows = 100;
  uint64_t offset = 0;
  bool include_total = false;
  bool include_explanation_and_recommendation = false;
  bool dry_run = false;
  AuditFormat format = AuditFormat::kJson;
  // The resolved window, as echoed in meta (whole seconds are echoed).
  model::TimeMs start;
  model::TimeMs end;
  // The exclusive end the store is asked for: `end`, or now + 1 ms when the
  // end defaulted to now (so events stamped "now" are not lost).
  model::TimeMs scan_end;
};

// Parses the request's parameters against `now_ms`. Unknown parameters are
// ignored; repeated ones use the first value.
// Errors (kInvalidArgument, message as Xray words it):
//   "Maximum allowed duration is 168 hours", "include_total is not allowed
//   when format is csv", "num_of_rows must be between 1 and N",
//   "invalid direction", "invalid order_by column", "invalid created_at_start",
//   "invalid created_at_end", "created_at_start must be before created_at_end",
//   "invalid offset", "invalid <boolean name>", "invalid format".
Result<AuditParams> ParseAuditParams(const Request& request, int64_t now_ms);

// RFC 3339 date-time: YYYY-MM-DDThh:mm:ss[.frac](Z|±hh:mm). nullopt otherwise.
std::optional<int64_t> ParseRfc3339Ms(std::string_view s);
// Go strconv.ParseBool: 1 t T TRUE true True / 0 f F FALSE false False.
std::optional<bool> ParseGoBool(std::string_view s);
// "2024-01-01T00:00:00Z": whole seconds (floored), UTC.
std::string FormatRfc3339Seconds(int64_t ms);

}  // namespace trailkeep::api::dialects::xray
