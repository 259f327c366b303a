// The algorithms behind AuditCursor (audit_cursor.h): finding where the
// offset-th event of a window starts (id and created_at orders, from bucket
// counts), and the bounded window sort for the other columns.
#pragma once

#include <cstdint>
#include <vector>

#include "api/dialects/xray/audit_cursor.h"
#include "base/status.h"
#include "store/event_store.h"

namespace trailkeep::api::dialects::xray {

// A scan that, after skipping `skip` events, yields the window's events from
// the requested offset on, in the view order.
struct ScanStart {
  store::ScanSpec spec;
  uint64_t skip = 0;
  bool past_end = false;  // the offset is at or beyond the last event
};

// order_by=id (REQUIRES) and order_by=created_at respectively.
Result<ScanStart> LocateById(store::EventStore& store, const AuditWindow& window, uint64_t offset);
Result<ScanStart> LocateByTime(store::EventStore& store, const AuditWindow& window,
                               uint64_t offset);

// Any other column: the ids of events [offset, offset + max_events) of the
// window sorted by (key, id) in the window's direction.
Result<std::vector<model::EventId>> SortedPageIds(store::EventStore& store,
                                                  const AuditWindow& window, uint64_t offset,
                                                  uint64_t max_events);

}  // namespace trailkeep::api::dialects::xray
