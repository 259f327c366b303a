// The algorithms behind AuditCursor (audit_cursor.h): where the offset-th
// event of a window starts (id and created_at orders: query::LocateOffset
// on the Xray view, query/offset_locate.h), and the bounded window sort for
// the other columns (audit_window_sort.cc).
#pragma once

#include <cstdint>
#include <vector>

#include "api/dialects/xray/audit_cursor.h"
#include "base/status.h"
#include "query/offset_locate.h"
#include "store/event_store.h"

namespace trailkeep::api::dialects::xray {

// A scan that, after skipping `skip` events, yields the window's events from
// the requested offset on, in the view order (see query::OffsetStart).
using ScanStart = query::OffsetStart;

// order_by=id (REQUIRES) and order_by=created_at respectively: the window's
// curation events (CurationKindMatch) in id / created_at order, ascending or
// descending as the window says.
Result<ScanStart> LocateById(store::EventStore& store, const AuditWindow& window, uint64_t offset);
Result<ScanStart> LocateByTime(store::EventStore& store, const AuditWindow& window,
                               uint64_t offset);

// Any other column: the ids of events [offset, offset + max_events) of the
// window sorted by (key, id) in the window's direction.
Result<std::vector<model::EventId>> SortedPageIds(store::EventStore& store,
                                                  const AuditWindow& window, uint64_t offset,
                                                  uint64_t max_events);

}  // namespace trailkeep::api::dialects::xray
