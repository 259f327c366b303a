// Count from kept per-bucket counts (docs/storage.md, "Count"), and the
// bucket-based helpers scans use to plan: id ranges of a window and the
// cheapest match.
#include <algorithm>

#include "store/rocksdb/count_probe.h"
#include "store/rocksdb/keys.h"
#include "store/rocksdb/rocksdb_event_store.h"
#include "store/rocksdb/status_adapter.h"

namespace trailkeep::store::rocksdb_store {
namespace {

thread_local uint64_t count_keys_visited = 0;

// Calls fn(value) for every key in [lower, upper) using `it`.
template <typename Fn>
void ForRange(rocksdb::Iterator* it, const std::string& lower, const std::string& upper, Fn fn) {
  rocksdb::Slice up(upper);
  for (it->Seek(lower); it->Valid() && it->key().compare(up) < 0; it->Next()) fn(it->value());
}

std::vector<std::string> UniqueValues(const FieldMatch& m) {
  std::vector<std::string> v = m.values;
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

}  // namespace

uint64_t CountKeysVisitedOnThisThread() { return count_keys_visited; }

Result<uint64_t> RocksDbEventStore::Count(const CountSpec& spec) {
  std::optional<TenantOrdinal> t = tenants_.Find(spec.tenant.value);
  if (!t) return uint64_t{0};
  return CountWindow(rocksdb::ReadOptions(), *t, spec.from.ms, spec.to.ms,
                     spec.match ? &*spec.match : nullptr);
}

Result<uint64_t> RocksDbEventStore::CountWindow(const rocksdb::ReadOptions& ro, TenantOrdinal t,
                                                int64_t from, int64_t to,
                                                const FieldMatch* match) {
  WindowPlan plan = PlanExactWindow(from, to);
  if (plan.runs.empty() && plan.partial.empty()) return uint64_t{0};
  if (!match) return CountValue(ro, t, kAllField, {}, plan);
  uint64_t total = 0;
  for (const std::string& v : UniqueValues(*match)) {
    TK_ASSIGN_OR_RETURN(uint64_t n, CountValue(ro, t, static_cast<uint8_t>(match->field), v, plan));
    total += n;
  }
  return total;
}

Result<uint64_t> RocksDbEventStore::CountValue(const rocksdb::ReadOptions& ro, TenantOrdinal t,
                                               uint8_t field, std::string_view value,
                                               const WindowPlan& plan) {
  uint64_t total = 0;
  std::string lower, upper;
  if (!plan.runs.empty()) {
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, cf_.counts));
    for (const BucketRun& run : plan.runs) {
      lower.clear();
      AppendCountPrefix(&lower, t, field, value, run.gran);
      upper = lower;
      PutI64(&lower, run.first);
      PutI64(&upper, run.end);
      ForRange(it.get(), lower, upper, [&](const rocksdb::Slice& v) {
        if (v.size() == 8) total += GetU64(v.data());
      });
    }
    TK_RETURN_IF_ERROR(FromRocks(it->status(), "count"));
  }
  if (!plan.partial.empty()) {
    // Partial minutes: count time-index keys (all events) or the value's
    // postings, which carry the same (time, id) suffix.
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, cf_.index));
    std::string prefix;
    if (field == kAllField) {
      PutU32(&prefix, t);
      prefix.push_back(kTimeTag);
    } else {
      AppendPostingPrefix(&prefix, t, static_cast<model::IndexedField>(field), value);
    }
    for (const TimeRange& r : plan.partial) {
      lower = prefix;
      upper = prefix;
      PutI64(&lower, r.from);
      PutI64(&upper, r.to);
      uint64_t n = 0;
      ForRange(it.get(), lower, upper, [&](const rocksdb::Slice&) { ++n; });
      total += n;
      count_keys_visited += n;
    }
    TK_RETURN_IF_ERROR(FromRocks(it->status(), "count"));
  }
  return total;
}

Result<std::optional<std::pair<uint64_t, uint64_t>>> RocksDbEventStore::IdRange(
    const rocksdb::ReadOptions& ro, TenantOrdinal t, int64_t from, int64_t to) {
  uint64_t lo = UINT64_MAX, hi = 0;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, cf_.counts));
  std::string lower, upper;
  for (const BucketRun& run : PlanCoveringBuckets(from, to)) {
    lower.clear();
    AppendIdRangePrefix(&lower, t, run.gran);
    upper = lower;
    PutI64(&lower, run.first);
    PutI64(&upper, run.end);
    ForRange(it.get(), lower, upper, [&](const rocksdb::Slice& v) {
      if (v.size() != 16) return;
      lo = std::min(lo, GetU64(v.data()));
      hi = std::max(hi, GetU64(v.data() + 8));
    });
  }
  TK_RETURN_IF_ERROR(FromRocks(it->status(), "id range"));
  if (lo > hi) return std::optional<std::pair<uint64_t, uint64_t>>();
  return std::optional<std::pair<uint64_t, uint64_t>>(std::pair(lo, hi));
}

Result<std::optional<std::pair<size_t, uint64_t>>> RocksDbEventStore::CheapestMatch(
    const rocksdb::ReadOptions& ro, TenantOrdinal t, const ScanSpec& spec) {
  std::optional<std::pair<size_t, uint64_t>> best;
  for (size_t i = 0; i < spec.matches.size(); ++i) {
    TK_ASSIGN_OR_RETURN(uint64_t n, CountWindow(ro, t, spec.from.ms, spec.to.ms, &spec.matches[i]));
    if (!best || n < best->second) best = std::pair(i, n);
    if (n == 0) break;
  }
  return best;
}

}  // namespace trailkeep::store::rocksdb_store
