// Count from kept per-bucket counts and key-only index scans
// (docs/storage.md, "Count"), and the helpers scans use to plan: id ranges of
// a window and the cheapest match.
#include <algorithm>

#include "store/rocksdb/bucket_scan.h"
#include "store/rocksdb/count_probe.h"
#include "store/rocksdb/field_layout.h"
#include "store/rocksdb/index_cursor.h"
#include "store/rocksdb/keys.h"
#include "store/rocksdb/rocksdb_event_store.h"
#include "store/rocksdb/status_adapter.h"

namespace trailkeep::store::rocksdb_store {
namespace {

thread_local uint64_t count_keys_visited = 0;

// Records fetched per MultiGet when edges are counted from records.
constexpr size_t kRecordBatch = 256;

// The prefix of the (time, id)-suffixed keys that list the events of
// (field, value): the time index for kAllField, else the value's postings.
std::string TimeOrderedPrefix(TenantOrdinal t, uint8_t field, std::string_view value) {
  std::string prefix;
  if (field == kAllField) {
    AppendTimePrefix(&prefix, t);
  } else {
    AppendPostingPrefix(&prefix, t, static_cast<model::IndexedField>(field), value);
  }
  return prefix;
}

}  // namespace

uint64_t CountKeysVisitedOnThisThread() { return count_keys_visited; }

std::vector<std::string> RocksDbEventStore::UniqueValues(const FieldMatch& m) {
  std::vector<std::string> v = m.values;
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

Result<uint64_t> RocksDbEventStore::Count(const CountSpec& spec) {
  std::optional<TenantOrdinal> t = tenants_.Find(spec.tenant.value);
  if (!t) return uint64_t{0};
  return CountWindow(rocksdb::ReadOptions(), *t, spec.from.ms, spec.to.ms,
                     spec.match ? &*spec.match : nullptr, UINT64_MAX);
}

Result<uint64_t> RocksDbEventStore::CountWindow(const rocksdb::ReadOptions& ro, TenantOrdinal t,
                                                int64_t from, int64_t to, const FieldMatch* match,
                                                uint64_t limit) {
  if (from >= to) return uint64_t{0};
  if (!match) return CountValue(ro, t, kAllField, {}, from, to);
  if (!CountGrainsOf(static_cast<uint8_t>(match->field))) {
    // No kept counts (high-cardinality field): count its postings.
    return CountPostings(ro, t, match->field, UniqueValues(*match), TimeRange{from, to}, limit);
  }
  uint64_t total = 0;
  for (const std::string& v : UniqueValues(*match)) {
    TK_ASSIGN_OR_RETURN(uint64_t n,
                        CountValue(ro, t, static_cast<uint8_t>(match->field), v, from, to));
    total += n;
    if (total >= limit) return limit;
  }
  return total;
}

Result<uint64_t> RocksDbEventStore::CountValue(const rocksdb::ReadOptions& ro, TenantOrdinal t,
                                               uint8_t field, std::string_view value, int64_t from,
                                               int64_t to) {
  const GrainChain grains = *CountGrainsOf(field);
  const WindowPlan plan = PlanExactWindow(from, to, grains);
  uint64_t total = 0;
  if (!plan.runs.empty()) {
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, cf_.counts));
    for (const BucketRun& run : plan.runs) {
      std::string prefix;
      AppendCountPrefix(&prefix, t, field, value, run.gran);
      ForEachBucket(it.get(), prefix, run.first, run.end, [&](int64_t, const rocksdb::Slice& v) {
        if (v.size() == 8) total += GetU64(v.data());
      });
    }
    TK_RETURN_IF_ERROR(FromRocks(it->status(), "count"));
  }
  // Partial buckets at the edges: count the time index or the value's
  // postings, or (a field without postings) test records.
  const bool postings = field == kAllField || HasPostings(static_cast<model::IndexedField>(field));
  for (const TimeRange& r : plan.partial) {
    uint64_t n = 0;
    if (postings) {
      TK_ASSIGN_OR_RETURN(n, CountIndexKeys(ro, TimeOrderedPrefix(t, field, value), r, UINT64_MAX));
    } else {
      const auto f = static_cast<model::IndexedField>(field);
      TK_ASSIGN_OR_RETURN(n, CountByRecords(ro, t, f, value, r));
    }
    total += n;
  }
  return total;
}

Result<uint64_t> RocksDbEventStore::CountCoarseLowerBound(const rocksdb::ReadOptions& ro,
                                                          TenantOrdinal t, int64_t from,
                                                          int64_t to) {
  const GrainChain grains = *CountGrainsOf(kAllField);
  const WindowPlan plan = PlanExactWindow(from, to, grains);
  // The coarsest grain the plan uses: the chain is finest first.
  size_t coarsest = 0;
  for (const BucketRun& run : plan.runs) {
    for (size_t g = coarsest + 1; g < grains.size; ++g) {
      if (grains.grains[g].gran == run.gran) coarsest = g;
    }
  }
  uint64_t total = 0;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, cf_.counts));
  for (const BucketRun& run : plan.runs) {
    if (run.gran != grains.grains[coarsest].gran) continue;
    std::string prefix;
    AppendCountPrefix(&prefix, t, kAllField, {}, run.gran);
    ForEachBucket(it.get(), prefix, run.first, run.end, [&](int64_t, const rocksdb::Slice& v) {
      if (v.size() == 8) total += GetU64(v.data());
    });
  }
  TK_RETURN_IF_ERROR(FromRocks(it->status(), "count"));
  return total;
}

Result<uint64_t> RocksDbEventStore::CountIndexKeys(const rocksdb::ReadOptions& ro,
                                                   const std::string& prefix, TimeRange r,
                                                   uint64_t limit) {
  return CountRuns(db_.get(), cf_.index, ro, prefix, r.from, r.to, limit, &count_keys_visited);
}

Result<uint64_t> RocksDbEventStore::CountPostings(const rocksdb::ReadOptions& ro, TenantOrdinal t,
                                                  model::IndexedField f,
                                                  const std::vector<std::string>& values,
                                                  TimeRange r, uint64_t limit) {
  uint64_t total = 0;
  if (!HasBlockPostings(f)) {
    for (const std::string& v : values) {
      TK_ASSIGN_OR_RETURN(uint64_t n, CountIndexKeys(ro, TimeOrderedPrefix(t, static_cast<uint8_t>(f), v),
                                                     r, limit - total));
      total += n;
      if (total >= limit) return limit;
    }
    return total;
  }
  TK_ASSIGN_OR_RETURN(auto sets, LoadBlocks(ro, t, f, values, r.from, r.to));
  for (const auto& set : sets) {
    std::optional<uint64_t> n = set->Count(r.from, r.to, limit - total, &count_keys_visited);
    if (!n) return Internal("corrupt posting block");
    total += *n;
    if (total >= limit) return limit;
  }
  return total;
}

Result<uint64_t> RocksDbEventStore::CountByRecords(const rocksdb::ReadOptions& ro, TenantOrdinal t,
                                                   model::IndexedField field,
                                                   std::string_view value, TimeRange r) {
  ScanSpec spec;
  spec.from = TimeMs{r.from};
  spec.to = TimeMs{r.to};
  spec.matches.push_back(FieldMatch{field, {std::string(value)}});
  uint64_t n = 0;
  const Visitor count = [&n](const StoredEvent&) {
    ++n;
    return Visit::kContinue;
  };
  std::string prefix;
  AppendTimePrefix(&prefix, t);
  IndexCursor c;
  c.Open(db_.get(), cf_.index, ro, std::move(prefix), spec, /*desc=*/false);
  std::vector<uint64_t> ids;
  bool stop = false;
  for (;; c.Advance()) {
    const bool valid = c.Valid();
    if (valid) ids.push_back(c.Id());
    if (!ids.empty() && (!valid || ids.size() >= kRecordBatch)) {
      TK_RETURN_IF_ERROR(FetchAndVisit(ro, t, ids, spec, SIZE_MAX, count, &stop));
      ids.clear();
    }
    if (!valid) break;
  }
  count_keys_visited += c.decoded();
  TK_RETURN_IF_ERROR(c.status());
  return n;
}

Result<std::optional<std::pair<uint64_t, uint64_t>>> RocksDbEventStore::IdRange(
    const rocksdb::ReadOptions& ro, TenantOrdinal t, int64_t from, int64_t to) {
  uint64_t lo = UINT64_MAX, hi = 0;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, cf_.counts));
  for (const BucketRun& run : PlanCoveringBuckets(from, to)) {
    std::string prefix;
    AppendIdRangePrefix(&prefix, t, run.gran);
    ForEachBucket(it.get(), prefix, run.first, run.end, [&](int64_t, const rocksdb::Slice& v) {
      uint64_t min_id, max_id;
      if (!DecodeIdRange(v, &min_id, &max_id)) return;
      lo = std::min(lo, min_id);
      hi = std::max(hi, max_id);
    });
  }
  TK_RETURN_IF_ERROR(FromRocks(it->status(), "id range"));
  if (lo > hi) return std::optional<std::pair<uint64_t, uint64_t>>();
  return std::optional<std::pair<uint64_t, uint64_t>>(std::pair(lo, hi));
}

Result<std::optional<IdSpan>> RocksDbEventStore::IdSpanOf(const TenantId& tenant, TimeMs from,
                                                          TimeMs to) {
  std::optional<TenantOrdinal> t = tenants_.Find(tenant.value);
  if (!t || from >= to) return std::optional<IdSpan>();
  auto aligned = [](int64_t x) { return x == INT64_MIN || x == INT64_MAX || x % kMinuteMs == 0; };
  if (aligned(from.ms) && aligned(to.ms)) {
    // Whole minutes, hours and days: their `B` ranges are exact.
    TK_ASSIGN_OR_RETURN(auto range, IdRange(rocksdb::ReadOptions(), *t, from.ms, to.ms));
    if (!range) return std::optional<IdSpan>();
    return std::optional<IdSpan>(IdSpan{EventId{range->first}, EventId{range->second}});
  }
  std::optional<IdSpan> span;
  for (Order order : {Order::kIdAsc, Order::kIdDesc}) {
    ScanSpec spec(tenant, from, to, order);
    TK_RETURN_IF_ERROR(Scan(spec, [&](const StoredEvent& e) {
      if (!span) span = IdSpan{e.id, e.id};
      (order == Order::kIdAsc ? span->min : span->max) = e.id;
      return Visit::kStop;
    }));
  }
  return span;
}

Result<std::vector<BucketStat>> RocksDbEventStore::BucketStats(const TenantId& tenant, TimeMs from,
                                                               TimeMs to, int64_t grain_ms) {
  TK_RETURN_IF_ERROR(CheckBucketStatsArgs(from, to, grain_ms));
  const char gran = grain_ms == kMinuteMs ? kMinute : grain_ms == kHourMs ? kHour : kDay;
  std::vector<BucketStat> out;
  std::optional<TenantOrdinal> t = tenants_.Find(tenant.value);
  if (!t || from >= to) return out;
  const int64_t first = FloorDiv(from.ms, grain_ms), end = FloorDiv(to.ms, grain_ms);
  rocksdb::ManagedSnapshot snapshot(db_.get());
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot.snapshot();
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, cf_.counts));
  // Counts of all events at this grain, then the id ranges (both are kept
  // for minutes, hours and days: field_layout.h).
  std::string prefix;
  AppendCountPrefix(&prefix, *t, kAllField, {}, gran);
  ForEachBucket(it.get(), prefix, first, end, [&](int64_t bucket, const rocksdb::Slice& v) {
    const uint64_t n = v.size() == 8 ? GetU64(v.data()) : 0;
    if (n > 0) out.push_back(BucketStat{TimeMs{bucket * grain_ms}, n, {}});
  });
  TK_RETURN_IF_ERROR(FromRocks(it->status(), "bucket stats"));
  prefix.clear();
  AppendIdRangePrefix(&prefix, *t, gran);
  size_t i = 0;
  ForEachBucket(it.get(), prefix, first, end, [&](int64_t bucket, const rocksdb::Slice& v) {
    const int64_t start = bucket * grain_ms;
    uint64_t min_id, max_id;
    while (i < out.size() && out[i].start.ms < start) ++i;
    if (i == out.size() || out[i].start.ms != start || !DecodeIdRange(v, &min_id, &max_id)) return;
    out[i].ids = IdSpan{EventId{min_id}, EventId{max_id}};
  });
  TK_RETURN_IF_ERROR(FromRocks(it->status(), "bucket stats"));
  for (const BucketStat& b : out) {
    if (b.ids.min.value == 0) return Internal("bucket stats: a counted bucket has no id range");
  }
  return out;
}

Result<std::optional<std::pair<size_t, uint64_t>>> RocksDbEventStore::CheapestMatch(
    const rocksdb::ReadOptions& ro, TenantOrdinal t, const ScanSpec& spec, uint64_t cap) {
  // Candidates: matches whose field has postings. Counted fields first (their
  // counts are cheap), then the others, each counted only up to the best so
  // far (a key-only scan that stops there).
  std::vector<size_t> order;
  for (size_t i = 0; i < spec.matches.size(); ++i) {
    if (HasPostings(spec.matches[i].field)) order.push_back(i);
  }
  std::stable_partition(order.begin(), order.end(), [&](size_t i) {
    return CountGrainsOf(static_cast<uint8_t>(spec.matches[i].field)).has_value();
  });
  std::optional<std::pair<size_t, uint64_t>> best;
  if (order.size() == 1 && cap == UINT64_MAX) {
    best = std::pair(order[0], UINT64_MAX);  // the only candidate: no need to count
    return best;
  }
  for (size_t i : order) {
    const uint64_t limit = best ? std::min(best->second, cap) : cap;
    TK_ASSIGN_OR_RETURN(uint64_t n,
                        CountWindow(ro, t, spec.from.ms, spec.to.ms, &spec.matches[i], limit));
    if (!best || n < best->second) best = std::pair(i, n);
    if (n == 0) break;
  }
  return best;
}

}  // namespace trailkeep::store::rocksdb_store
