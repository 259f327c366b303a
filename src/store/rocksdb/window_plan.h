// Splits a time window [from, to) into whole count buckets and partial
// edges (docs/storage.md, "Count"). Pure arithmetic; no RocksDB.
#pragma once

#include <cstdint>
#include <vector>

#include "store/rocksdb/keys.h"

namespace trailkeep::store::rocksdb_store {

// A count bucket width: minutes, hours or UTC days.
struct CountGrain {
  char gran;  // key byte: kMinute, kHour or kDay
  int64_t ms; // bucket width
};

inline constexpr CountGrain kMinuteGrain{kMinute, kMinuteMs};
inline constexpr CountGrain kHourGrain{kHour, kHourMs};
inline constexpr CountGrain kDayGrain{kDay, kDayMs};

// The grains a field keeps counts at, finest first, each dividing the next.
// Bucket numbers of a coarser grain are floor(finer bucket / (coarser.ms /
// finer.ms)).
struct GrainChain {
  const CountGrain* grains;
  size_t size;  // >= 1
  const CountGrain& finest() const { return grains[0]; }
};

inline constexpr CountGrain kMinuteHourDay[] = {kMinuteGrain, kHourGrain, kDayGrain};
inline constexpr CountGrain kHourDay[] = {kHourGrain, kDayGrain};
inline constexpr CountGrain kHourOnly[] = {kHourGrain};
inline constexpr GrainChain kMinuteHourDayChain{kMinuteHourDay, 3};
inline constexpr GrainChain kHourDayChain{kHourDay, 2};
inline constexpr GrainChain kHourChain{kHourOnly, 1};

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

// Exact decomposition into whole buckets of the chain's grains, coarsest
// possible everywhere, plus at most two partial ranges (each shorter than one
// finest bucket): every instant of [from, to) is in exactly one run or
// partial range. A 7-day window costs at most 2 x 59 minute, 2 x 23 hour and
// 7 day buckets with minutes, hours and days; 7 x 24 + 23 hour buckets with
// hours only. Empty when from >= to.
WindowPlan PlanExactWindow(int64_t from, int64_t to,
                           const GrainChain& chain = kMinuteHourDayChain);

// Runs of minute, hour and day buckets whose union covers [from, to) (edge
// minutes included whole), coarsest possible. Used for id ranges, where a
// superset is fine. Empty when from >= to.
std::vector<BucketRun> PlanCoveringBuckets(int64_t from, int64_t to);

}  // namespace trailkeep::store::rocksdb_store
