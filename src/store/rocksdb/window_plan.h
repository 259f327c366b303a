// Splits a time window [from, to) into whole count buckets and partial
// edges (docs/storage.md, "Count"). Pure arithmetic; no RocksDB.
#pragma once

#include <cstdint>
#include <vector>

#include "store/rocksdb/keys.h"

namespace trailkeep::store::rocksdb_store {

// The small bucket of a count: minutes or hours; a UTC day holds `per_day`.
struct CountGrain {
  char gran;        // key byte: kMinute or kHour
  int64_t ms;       // bucket width
  int64_t per_day;  // buckets per UTC day
};

inline constexpr CountGrain kMinuteGrain{kMinute, kMinuteMs, kMinutesPerDay};
inline constexpr CountGrain kHourGrain{kHour, kHourMs, kHoursPerDay};

// Bucket numbers [first, end) of one granularity (keys.h kMinute / kHour / kDay).
struct BucketRun {
  char gran;
  int64_t first;
  int64_t end;
};

// Raw times [from, to).
struct TimeRange {
  int64_t from;
  int64_t to;
};

struct WindowPlan {
  std::vector<BucketRun> runs;     // whole buckets inside the window
  std::vector<TimeRange> partial;  // the rest: at most two ranges, under 2 small buckets
};

// Exact decomposition into whole `small` buckets, whole days and at most two
// partial ranges (each shorter than one small bucket): every instant of
// [from, to) is in exactly one run or partial range. Empty when from >= to.
WindowPlan PlanExactWindow(int64_t from, int64_t to, const CountGrain& small = kMinuteGrain);

// Runs of buckets whose union covers [from, to) (edge minutes included
// whole). Used for id ranges, where a superset is fine. Empty when from >= to.
std::vector<BucketRun> PlanCoveringBuckets(int64_t from, int64_t to);

}  // namespace trailkeep::store::rocksdb_store
