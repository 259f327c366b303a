// A page of a Selection's events starting at an offset: what the native
// API's `offset` parameter reads.
//
// Thread safety: as safe as the store; keeps no state.
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/status.h"
#include "query/selection.h"
#include "query/selection_scan.h"
#include "store/event_store.h"

namespace trailkeep::query {

// The events of `base` matching `selection` (as FetchPage reads them) after
// dropping the first `offset` of them in `base.order`: at most `limit`
// events, plus whether more follow (limit + 1 fetched, as FetchPage).
// Cost:
//   - no `base.after`, no residual and at most one store match in all
//     (selection.has_cheap_count() and no match already in `base`): the
//     start is found by LocateOffset (query/offset_locate.h) from per-bucket
//     counts, so a deep offset costs about as much as a shallow one;
//   - otherwise: a scan that visits and drops the first `offset` matching
//     events (exact, O(offset)).
// An offset at or past the end gives an empty page with more == false.
// Errors: as LocateOffset / ForEach.
Result<Page> FetchPageAtOffset(store::EventStore& store, const store::ScanSpec& base,
                               const Selection& selection, uint64_t offset, size_t limit);

}  // namespace trailkeep::query
