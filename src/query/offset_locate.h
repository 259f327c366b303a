// Finding where the offset-th event of a window starts without visiting the
// events before it, from the store's exact per-bucket counts
// (EventStore::Count). Used by the native API's `offset` and by the Xray
// dialect's offset paging.
//
//   - id orders: the window is split into aligned time pieces (1,024 days,
//     32 days, UTC days, hours, minutes). Each piece's exact count comes from
//     EventStore::Count and its id range from two short scans. Pieces whose
//     id ranges overlap are grouped; groups follow each other in id order, so
//     whole groups are skipped by their counts and only the group holding the
//     offset is split further. When that still leaves a long stretch (ids
//     that follow time only roughly chain the groups up), the offset's id is
//     found by ranking cuts: with hour pieces, the number of events below a
//     piece's first id is the sum of whole pieces plus short counts in the
//     few pieces straddling it; a binary search over the cuts leaves about
//     one hour bucket to scan. Exact for any data.
//   - time orders: the same descent on time pieces (no id ranges needed:
//     pieces follow each other in time), then a time-ordered scan from the
//     piece holding the offset.
// Where buckets cannot help (ids scattered over time, windows of more
// pieces than is worth counting), the answer is a scan from an earlier
// point with a larger `skip`: always exact, only slower.
//
// Thread safety: as safe as the store; keeps no state.
#pragma once

#include <cstdint>
#include <optional>

#include "base/status.h"
#include "model/types.h"
#include "store/event_store.h"

namespace trailkeep::query {

// The events to page through: one tenant's events in [from, to) that
// satisfy `match` (every event when unset), in `order`. Ties in the time
// orders are broken by id in the same direction (as EventStore::Scan does).
struct OffsetWindow {
  model::TenantId tenant;
  model::TimeMs from{INT64_MIN};  // inclusive
  model::TimeMs to{INT64_MAX};    // exclusive
  std::optional<store::FieldMatch> match;
  store::Order order = store::Order::kIdDesc;
};

// Where a read from an offset starts: scanning `spec` and dropping its first
// `skip` events yields the window's events from the offset on, in the
// window's order. `spec` carries the window's tenant, order and match and
// lies within [from, to); it may narrow the time bounds or set `after`.
struct OffsetStart {
  store::ScanSpec spec;
  uint64_t skip = 0;
  // True when the window has at most `offset` events: nothing to read (the
  // other fields are then unspecified).
  bool past_end = false;
};

// Locates event `offset` (0-based) of `window`.
// Cost: a few hundred EventStore::Count calls and short scans at most, plus
// the `skip` events the caller visits. `skip` is at most about one minute
// bucket's events where ids follow time, at most 2,048 (or one hour bucket's
// events, after ranking cuts) where they follow it roughly, and can be up
// to `offset` where ids are too scattered over time for buckets to help.
// Consistency: the counts and scans are separate snapshots; events committed
// meanwhile into the window can shift the answer by their number (as for any
// offset paging), never make it fail.
// Errors: those of EventStore::Count and EventStore::Scan.
Result<OffsetStart> LocateOffset(store::EventStore& store, const OffsetWindow& window,
                                 uint64_t offset);

}  // namespace trailkeep::query
