// The query parameters of the CodeArts audit endpoint and the view they
// select: which canonical events a {module, repo} path with its filters shows
// (the mapping is written down in docs/dialects/codearts.md).
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "api/dialects/codearts/audit_path.h"
#include "api/http_message.h"
#include "base/status.h"
#include "query/selection.h"

namespace trailkeep::api::dialects::codearts {

// The event kind this dialect shows.
inline constexpr std::string_view kAuditKind = "artifact.audit";
// Attribute the `instance_id` parameter matches.
inline constexpr std::string_view kInstanceIdAttribute = "instanceId";

struct AuditQuery {
  int64_t page_num = 1;   // 1..2147483647
  int64_t page_size = 10;  // 1..100
  // Exact-match filters; nullopt when absent or empty.
  std::optional<std::string> user_id;
  std::optional<std::string> instance_id;

  // Index of the first record of the page in the newest-first order.
  uint64_t Offset() const { return static_cast<uint64_t>(page_num - 1) * page_size; }
};

// Reads page_num, page_size, user_id and instance_id (first occurrence wins;
// unknown parameters are ignored). An empty user_id / instance_id counts as
// absent.
// Errors: kInvalidArgument for a page value that is not a decimal integer in
// its range.
Result<AuditQuery> ParseAuditQuery(const Request& request);

// The events a request shows: kind == artifact.audit, category == module,
// entity.id == repo, plus actor.id == user_id and
// attributes.instanceId == instance_id when given.
query::Selection AuditSelection(const AuditPath& path, const AuditQuery& query);

}  // namespace trailkeep::api::dialects::codearts
