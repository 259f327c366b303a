#include "store/rocksdb/window_plan.h"

#include "store/rocksdb/keys.h"

namespace trailkeep::store::rocksdb_store {
namespace {

using i128 = __int128;

int64_t CeilDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a > 0) == (b > 0))) ++q;
  return q;
}

// Splits whole small buckets [m0, m1) into small buckets up to the first day
// boundary, whole days, and the small buckets after the last day boundary.
void SplitBuckets(int64_t m0, int64_t m1, const CountGrain& g, std::vector<BucketRun>* runs) {
  if (m0 >= m1) return;
  int64_t d0 = CeilDiv(m0, g.per_day);
  int64_t d1 = FloorDiv(m1, g.per_day);
  if (d0 >= d1) {
    runs->push_back({g.gran, m0, m1});
    return;
  }
  if (m0 < d0 * g.per_day) runs->push_back({g.gran, m0, d0 * g.per_day});
  runs->push_back({kDay, d0, d1});
  if (d1 * g.per_day < m1) runs->push_back({g.gran, d1 * g.per_day, m1});
}

}  // namespace

WindowPlan PlanExactWindow(int64_t from, int64_t to, const CountGrain& small) {
  WindowPlan plan;
  if (from >= to) return plan;
  // First whole bucket starts at or after `from`; whole buckets end at or
  // before `to`. Bucket numbers of int64 times fit easily; their start times
  // may not, hence the 128-bit products.
  int64_t m0 = CeilDiv(from, small.ms);
  int64_t m1 = FloorDiv(to, small.ms);
  if (m0 >= m1) {
    plan.partial.push_back({from, to});
    return plan;
  }
  i128 head_end = static_cast<i128>(m0) * small.ms;
  i128 tail_begin = static_cast<i128>(m1) * small.ms;
  if (from < head_end) plan.partial.push_back({from, static_cast<int64_t>(head_end)});
  SplitBuckets(m0, m1, small, &plan.runs);
  if (tail_begin < to) plan.partial.push_back({static_cast<int64_t>(tail_begin), to});
  return plan;
}

std::vector<BucketRun> PlanCoveringBuckets(int64_t from, int64_t to) {
  std::vector<BucketRun> runs;
  if (from >= to) return runs;
  // Minutes overlapping [from, to): first holds `from`, last holds `to - 1`.
  int64_t m0 = FloorDiv(from, kMinuteMs);
  int64_t m1 = FloorDiv(to - 1, kMinuteMs) + 1;
  SplitBuckets(m0, m1, kMinuteGrain, &runs);
  return runs;
}

}  // namespace trailkeep::store::rocksdb_store
