// Internal to query/offset_*.cc: the time pieces LocateOffset
// (query/offset_locate.h) descends through, and the store reads it makes
// on one window (counts, id edges, scan specs).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "base/status.h"
#include "query/offset_locate.h"
#include "store/event_store.h"

namespace trailkeep::query::offset_internal {

// A time range [from, to) of the window, with the number of window events
// in it and their smallest and largest ids (0 when not read yet / none).
struct Piece {
  int64_t from = 0, to = 0;
  uint64_t count = 0;
  uint64_t min_id = 0, max_id = 0;
};

// [from, to) cut at multiples of `g` (UTC-aligned, as the store's buckets
// are), appended to `out`. Returns false, leaving `out` unspecified, when
// that would make more than `max` pieces.
bool Split(int64_t from, int64_t to, int64_t g, size_t max, std::vector<Piece>* out);

// The reads LocateOffset makes on one OffsetWindow.
class WindowReader {
 public:
  WindowReader(store::EventStore& store, const OffsetWindow& window)
      : store_(&store), window_(&window) {}

  const OffsetWindow& window() const { return *window_; }
  bool ascending() const;
  bool by_time() const;

  // The whole window's scan in `order` (the window's match applied).
  store::ScanSpec Spec(store::Order order) const;
  // The whole window's scan in the window's own order.
  store::ScanSpec Spec() const { return Spec(window_->order); }

  // EventStore::Scan on the window's store.
  Status ScanStore(const store::ScanSpec& spec, const store::Visitor& visit) const {
    return store_->Scan(spec, visit);
  }

  // Exact number of window events in [from, to).
  Result<uint64_t> Count(int64_t from, int64_t to) const;

  // The id of the first window event of [from, to) in `order` (kIdAsc: the
  // smallest, kIdDesc: the largest); 0 when there is none.
  Result<uint64_t> EdgeId(int64_t from, int64_t to, store::Order order) const;

  // Fills p->count, and when it is non-zero p->min_id and p->max_id.
  // Returns false when the counts and edges disagree (a concurrent commit):
  // callers then fall back to scanning.
  Result<bool> Fill(Piece* p) const;
  // Fill for every piece of `pieces`, cut at multiples of `grain` (with
  // `ids` false, only the counts are required). Without a match, the whole
  // minute, hour or day pieces are filled from one EventStore::BucketStats
  // call instead of a count and a span each.
  Result<bool> FillAll(std::vector<Piece>* pieces, int64_t grain, bool ids) const;

  // The time of the window's first event in `order` (kTimeAsc / kTimeDesc);
  // nullopt when the window is empty.
  Result<std::optional<int64_t>> EdgeTime(store::Order order) const;

 private:
  store::EventStore* store_;
  const OffsetWindow* window_;
};

// The id of the window event at ascending id rank `rank` (0-based) among
// those in [from, to) (the window's events, all of them in that range);
// nullopt when the cuts cannot be counted cheaply.
Result<std::optional<uint64_t>> IdAtRank(const WindowReader& reader, int64_t from, int64_t to,
                                         uint64_t rank);

}  // namespace trailkeep::query::offset_internal
