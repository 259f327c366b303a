// Running a LogQuery against the store: the exact total and the requested
// newest-first slice.
//
// Deep pages do not materialise earlier pages. When the selection has a
// cheap exact count (the kind alone: EventStore::Count reads per-bucket
// counts), the total costs no scan and the skipped records are passed over
// by a binary search on time for the instant above which exactly-enough
// newer records lie, leaving at most one millisecond's worth of records to
// step over. Otherwise (extra filters) counting must visit every match, so
// one pass counts them and keeps the requested slice; the store does the
// walk (the selection has no residual, so no skipped event is copied out).
//
// Thread safety: as the store.
#pragma once

#include <cstdint>
#include <vector>

#include "api/dialects/opsera/log_query.h"
#include "base/status.h"
#include "model/types.h"
#include "query/selection_scan.h"
#include "store/event_store.h"

namespace trailkeep::api::dialects::opsera {

struct LogPage {
  uint64_t total = 0;                     // every record the query matches
  std::vector<query::OwnedEvent> events;  // at most q.limit, newest first
};

// Skips larger than this use counts instead of stepping (when possible).
inline constexpr uint64_t kSkipByCountFrom = 1000;

// Errors: those of the store.
Result<LogPage> RunLogQuery(store::EventStore& store, const model::TenantId& tenant,
                            const LogQuery& q);

}  // namespace trailkeep::api::dialects::opsera
