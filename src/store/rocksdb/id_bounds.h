// Bounds on the ids of one tenant's events by time, read from the `B`
// id-range buckets (minute, hour, day; docs/storage.md). They let a scan in
// id order walk a value's postings in time order and still emit ids in
// order: a candidate is emitted once no posting not yet visited can hold an
// id before it.
//
// Cost: each day, hour and minute bucket of the walked part of the window is
// read at most once (a day's 24 hour keys when the walk enters the day, an
// hour's 60 minute keys when it enters the hour).
//
// Thread safety: belongs to one scan.
#pragma once

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include <rocksdb/db.h>

#include "base/status.h"
#include "store/rocksdb/keys.h"

namespace trailkeep::store::rocksdb_store {

class IdBounds {
 public:
  // The window [from, to) of tenant `t`. `ascending`: the walk goes up in
  // time and asks for lower bounds; else down, asking for upper bounds.
  // REQUIRES: from < to; `counts` outlives this object.
  IdBounds(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* counts, const rocksdb::ReadOptions& ro,
           TenantOrdinal t, int64_t from, int64_t to, bool ascending);

  // Descending: an upper bound on the ids of the tenant's events with time in
  // [from, time] (0 when none). Ascending: a lower bound on those with time
  // in [time, to) (UINT64_MAX when none). Whole buckets are counted, so the
  // bound may be loose, never wrong: with `fine`, down to time's minute
  // (reads the hour's 60 minute keys once per hour); without, to its hour
  // (no minute keys: cheaper where the walk crosses many sparse hours).
  // REQUIRES: from <= time < to.
  Result<uint64_t> Bound(int64_t time, bool fine);

 private:
  // Reads the stored buckets in [first, end) of `gran`, in order, each with
  // its bound (max id descending, min id ascending).
  Status Load(char gran, int64_t first, int64_t end,
              std::vector<std::pair<int64_t, uint64_t>>* out);
  // The buckets [first, first + n) of `gran`, one bound each (the identity
  // for a bucket with no events).
  Status LoadDense(char gran, int64_t first, int64_t n, std::vector<uint64_t>* out);
  uint64_t Combine(uint64_t a, uint64_t b) const;
  // In walk order: each entry combined with those before it in [from,
  // time]'s direction, including itself or not.
  void Scan(std::vector<uint64_t>* v, bool inclusive) const;

  rocksdb::DB* db_;
  rocksdb::ColumnFamilyHandle* counts_;
  rocksdb::ReadOptions ro_;
  std::unique_ptr<rocksdb::Iterator> it_;  // over `counts`, opened on first use
  TenantOrdinal tenant_;
  bool ascending_;
  uint64_t identity_;
  int64_t first_day_, last_day_;  // of the window
  bool days_loaded_ = false;
  // The window's days that hold events (sparse: a window may span centuries)
  // and, aligned, the bound of the days up to and including each
  // (descending) or from each on (ascending).
  std::vector<int64_t> day_numbers_;
  std::vector<uint64_t> days_;
  int64_t hours_day_ = INT64_MIN;
  std::vector<uint64_t> hours_;     // per hour of hours_day_, excluding that hour
  std::vector<uint64_t> hours_in_;  // per hour of hours_day_, including it
  int64_t minutes_hour_ = INT64_MIN;
  std::vector<uint64_t> minutes_;  // per minute of minutes_hour_, including it
};

}  // namespace trailkeep::store::rocksdb_store
