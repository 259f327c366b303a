// Reading the curation.package events of one window in the order the Xray
// endpoint sorts them, starting at an offset, without paying for the skipped
// events where the store can avoid it:
//
//   - order_by=id and order_by=created_at: query::LocateOffset
//     (query/offset_locate.h) on the view (kind == curation.package) finds
//     where the offset-th event starts by descending through UTC time
//     pieces with exact per-bucket counts (and, for ids that follow time
//     only roughly, by ranking cuts), then a scan from there skips the small
//     remainder. Exact for any data.
//   - any other column: a bounded window sort. Every event of the window is
//     read once and only the first offset + max_events keys (value, id) are
//     kept in a heap; those events are then fetched by id. Time O(window),
//     memory O(offset + max_events).
// Ties are broken by id in the requested direction, so offset pages are
// stable.
//
// Thread safety: one cursor per thread; the store may be shared.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "api/dialects/xray/audit_params.h"
#include "base/status.h"
#include "query/selection_scan.h"
#include "store/event_store.h"

namespace trailkeep::api::dialects::xray {

struct AuditWindow {
  model::TenantId tenant;
  model::TimeMs from;  // inclusive
  model::TimeMs to;    // exclusive
  OrderColumn order_by = OrderColumn::kId;
  bool ascending = false;
};

// The store match every Xray read applies: kind == curation.package.
store::FieldMatch CurationKindMatch();

class AuditCursor {
 public:
  // Positions a cursor on the `offset`-th event (0-based) of `window`.
  // `max_events` bounds how many events the caller will read (the window
  // sort keeps only offset + max_events keys; UINT64_MAX reads everything).
  // Errors: those of the store; kInternal for a stored event that does not
  // parse.
  static Result<AuditCursor> Open(store::EventStore& store, AuditWindow window, uint64_t offset,
                                  uint64_t max_events);

  // Appends up to `max` further events to `out`; false once none are left.
  Result<bool> Next(size_t max, std::vector<query::OwnedEvent>* out);

 private:
  AuditCursor(store::EventStore& store, AuditWindow window)
      : store_(&store), window_(std::move(window)) {}

  store::EventStore* store_;
  AuditWindow window_;
  bool done_ = false;
  // Scan mode (id / created_at): the spec to resume and events still to skip.
  store::ScanSpec spec_;
  uint64_t skip_ = 0;
  // Sorted mode: the ids of the page, fetched in order.
  bool sorted_ = false;
  std::vector<model::EventId> ids_;
  size_t next_id_ = 0;
};

}  // namespace trailkeep::api::dialects::xray
