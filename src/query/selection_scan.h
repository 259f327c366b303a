// Running a planned Selection (query/selection.h) against an EventStore:
// visiting, paging and counting the matching events of one tenant.
//
// Thread safety: as safe as the store (every EventStore method is); the
// functions keep no state of their own.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "model/types.h"
#include "query/selection.h"
#include "store/event_store.h"

namespace trailkeep::query {

// A contains condition is resolved to an equality when it matches at most
// this many distinct stored values.
inline constexpr size_t kMaxResolvedValues = 1024;

// `selection` with each contains condition on an indexed field replaced by
// an equality on the stored values containing its text, when the store
// lists them (EventStore::ValuesContaining, at most kMaxResolvedValues): a
// substring search then walks those values' postings instead of testing
// every event of the window. Matches exactly the same events. ForEach,
// FetchPage and CountMatching do this themselves.
// Errors: those of EventStore::ValuesContaining.
Result<Selection> ResolveContains(store::EventStore& store, const model::TenantId& tenant,
                                  const Selection& selection);

// Visits the events of `base` (tenant, window, order, after, and any matches
// already in it) that also satisfy `selection`, in `base.order`, until
// `visit` returns kStop or the scan ends. The selection's pushed matches are
// appended to the spec's; its residual is checked on the event parsed with
// codec::ParseCanonical, and only when a residual exists.
// Errors: those of EventStore::Scan; kInternal when a stored event does not
// parse (the scan stops there).
Status ForEach(store::EventStore& store, const store::ScanSpec& base, const Selection& selection,
               const store::Visitor& visit);

// An event copied out of a scan, so it outlives the visitor callback.
struct OwnedEvent {
  model::EventId id;
  model::TimeMs time;
  std::string canonical;  // canonical JSON exactly as stored
};

struct Page {
  std::vector<OwnedEvent> events;  // at most `limit`, in scan order
  // True when at least one further matching event follows the last one in
  // `events` (found by fetching limit + 1). Resume with
  // ScanSpec::after = {events.back().time, events.back().id}.
  bool more = false;
};

// The first `limit` matching events of `base` (see ForEach), plus whether
// more follow. limit == 0 returns no events and only answers `more`.
// `total`, when the caller has it, is CountMatching's answer for this
// selection over base's window (a page with its total counts first): passed
// to the store as a planning hint (ScanSpec::known_count) when it is the
// count of the scan's one store match. It never changes the page.
// Errors: as ForEach.
Result<Page> FetchPage(store::EventStore& store, const store::ScanSpec& base,
                       const Selection& selection, size_t limit,
                       std::optional<uint64_t> total = std::nullopt);

// The exact number of `tenant`'s events in [from, to) matching `selection`.
// Cost:
//   - selection.has_cheap_count() (no residual, at most one pushed equality):
//     one EventStore::Count, which reads per-bucket counts and does not visit
//     the matching events. This covers the common queries: no filter, or one
//     criterion on an indexed field (kind, action, category, success,
//     actor.id, actor.name, actor.email, entity.id).
//   - selection.matches_nothing(): 0 without touching the store.
//   - otherwise: a scan that visits every event the pushed matches let
//     through (exact, O(matching rows), slower).
// Errors: as EventStore::Count / ForEach.
Result<uint64_t> CountMatching(store::EventStore& store, const model::TenantId& tenant,
                               model::TimeMs from, model::TimeMs to, const Selection& selection);

}  // namespace trailkeep::query
