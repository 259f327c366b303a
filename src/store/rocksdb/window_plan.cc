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

// Splits whole buckets [b0, b1) of chain.grains[level] into buckets of that
// grain up to the first boundary of the next coarser grain, whole coarser
// buckets (recursively), and buckets of this grain after the last boundary.
// The coarsest grain takes the whole range.
void SplitBuckets(int64_t b0, int64_t b1, const GrainChain& chain, size_t level,
                  std::vector<BucketRun>* runs) {
  if (b0 >= b1) return;
  const CountGrain& g = chain.grains[level];
  if (level + 1 == chain.size) {
    runs->push_back({g.gran, b0, b1});
    return;
  }
  const int64_t ratio = chain.grains[level + 1].ms / g.ms;
  int64_t c0 = CeilDiv(b0, ratio);
  int64_t c1 = FloorDiv(b1, ratio);
  if (c0 >= c1) {
    runs->push_back({g.gran, b0, b1});
    return;
  }
  if (b0 < c0 * ratio) runs->push_back({g.gran, b0, c0 * ratio});
  SplitBuckets(c0, c1, chain, level + 1, runs);
  if (c1 * ratio < b1) runs->push_back({g.gran, c1 * ratio, b1});
}

}  // namespace

WindowPlan PlanExactWindow(int64_t from, int64_t to, const GrainChain& chain) {
  const CountGrain& small = chain.finest();
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
  SplitBuckets(m0, m1, chain, 0, &plan.runs);
  if (tail_begin < to) plan.partial.push_back({static_cast<int64_t>(tail_begin), to});
  return plan;
}

std::vector<BucketRun> PlanCoveringBuckets(int64_t from, int64_t to) {
  std::vector<BucketRun> runs;
  if (from >= to) return runs;
  // Minutes overlapping [from, to): first holds `from`, last holds `to - 1`.
  int64_t m0 = FloorDiv(from, kMinuteMs);
  int64_t m1 = FloorDiv(to - 1, kMinuteMs) + 1;
  SplitBuckets(m0, m1, kMinuteHourDayChain, 0, &runs);
  return runs;
}

}  // namespace trailkeep::store::rocksdb_store
