// Running a frozen audit-log query (page_key.h) against the store: the
// first page's freeze (upper id bound + exact totalCount) and each page.
//
// Paging is keyset-based on (timestamp, id) in the sort's direction, over
// the events with id <= max_id, so paging to the end yields every matching
// event exactly once however many events arrive meanwhile.
//
// Cost: with no filter, or one eventType/category criterion, the total is
// one EventStore::Count (per-bucket counts) and a page reads the time index
// or that criterion's postings; user, entityId, dt.settings.* and several
// criteria make the total an exact scan of what the indexed part lets through.
//
// Thread safety: as safe as the store.
#pragma once

#include <cstdint>
#include <vector>

#include "api/dialects/dynatrace/audit_filter.h"
#include "api/dialects/dynatrace/page_key.h"
#include "base/status.h"
#include "model/event.h"
#include "store/event_store.h"

namespace trailkeep::api::dialects::dynatrace {

struct Frozen {
  uint64_t max_id = 0;  // the query's upper id bound
  uint64_t total = 0;   // exact number of matching events with id <= max_id
  // `user` criteria may run as actor.id equality (AuditFilter::WithUserById)
  // for this query: no event up to max_id in the window takes a user value
  // from actor.email or actor.name. Pages then use the filter that way.
  bool user_by_id = false;
};

// Freezes `query` (tenant, window, filter): the store's last committed id as
// the bound, and the exact count below it. Uses the store's counts when the
// (possibly user-by-id) filter allows, checking that no newer matching event
// raced the count, else counts by scanning.
// Errors: those of the store; kInternal for a stored event that does not parse.
Result<Frozen> FreezeQuery(store::EventStore& store, const PageKey& query,
                           const AuditFilter& filter);

struct AuditPage {
  std::vector<model::Event> entries;  // at most query.page_size, in sort order
  bool more = false;                  // further matching events follow
};

// The page after query.last_* (from the start when query.last_id == 0).
// `filter` is the one the query was frozen with (WithUserById() applied when
// query.user_by_id).
// Errors: as FreezeQuery.
Result<AuditPage> FetchAuditPage(store::EventStore& store, const PageKey& query,
                                 const AuditFilter& filter);

}  // namespace trailkeep::api::dialects::dynatrace
