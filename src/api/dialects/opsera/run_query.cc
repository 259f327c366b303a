#include "api/dialects/opsera/run_query.h"

#include <algorithm>
#include <optional>
#include <string>

namespace trailkeep::api::dialects::opsera {
namespace {

using store::Order;
using store::Visit;

// The time of the first matching event in `order`, or nullopt when none.
Result<std::optional<int64_t>> EdgeTime(store::EventStore& store, const model::TenantId& tenant,
                                        const LogQuery& q, Order order) {
  std::optional<int64_t> t;
  store::ScanSpec spec(tenant, q.from, q.to, order);
  TK_RETURN_IF_ERROR(query::ForEach(store, spec, q.selection, [&](const store::StoredEvent& e) {
    t = e.time.ms;
    return Visit::kStop;
  }));
  return t;
}

// Where a newest-first scan must start to skip `skip` records, found with
// counts: the least instant `t` with Count([t, to)) <= skip. Returns `t` as
// the scan's new exclusive upper bound and lowers `*skip` by the records at
// or after it. REQUIRES: skip < total and the selection has a cheap count.
Result<int64_t> SeekByCount(store::EventStore& store, const model::TenantId& tenant,
                            const LogQuery& q, uint64_t* skip) {
  TK_ASSIGN_OR_RETURN(std::optional<int64_t> oldest, EdgeTime(store, tenant, q, Order::kTimeAsc));
  TK_ASSIGN_OR_RETURN(std::optional<int64_t> newest, EdgeTime(store, tenant, q, Order::kTimeDesc));
  if (!oldest || !newest) return q.to.ms;
  // Invariant: Count([lo, to)) > skip and Count([hi, to)) <= skip.
  int64_t lo = *oldest, hi = *newest + 1;
  while (static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo) > 1) {
    int64_t mid =
        lo + static_cast<int64_t>((static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo)) / 2);
    TK_ASSIGN_OR_RETURN(uint64_t n,
                        query::CountMatching(store, tenant, model::TimeMs{mid}, q.to, q.selection));
    if (n <= *skip) {
      hi = mid;
    } else {
      lo = mid;
    }
  }
  TK_ASSIGN_OR_RETURN(uint64_t above,
                      query::CountMatching(store, tenant, model::TimeMs{hi}, q.to, q.selection));
  *skip -= std::min(above, *skip);  // min: a commit may land between counts
  return hi;
}

// One pass over every match: counts them all and keeps the slice. For
// selections without a cheap count, where counting walks the matches anyway.
Result<LogPage> CountAndSlice(store::EventStore& store, const model::TenantId& tenant,
                              const LogQuery& q) {
  LogPage page;
  store::ScanSpec spec(tenant, q.from, q.to, Order::kTimeDesc);
  TK_RETURN_IF_ERROR(query::ForEach(store, spec, q.selection, [&](const store::StoredEvent& e) {
    if (page.total >= q.skip && page.events.size() < q.limit) {
      page.events.push_back({e.id, e.time, std::string(e.canonical)});
    }
    ++page.total;
    return Visit::kContinue;
  }));
  return page;
}

}  // namespace

Result<LogPage> RunLogQuery(store::EventStore& store, const model::TenantId& tenant,
                            const LogQuery& q) {
  if (!q.selection.has_cheap_count() && !q.selection.matches_nothing()) {
    return CountAndSlice(store, tenant, q);
  }
  LogPage page;
  TK_ASSIGN_OR_RETURN(page.total, query::CountMatching(store, tenant, q.from, q.to, q.selection));
  if (q.skip >= page.total || q.limit == 0) return page;

  uint64_t skip = q.skip;
  store::ScanSpec spec(tenant, q.from, q.to, Order::kTimeDesc);
  if (skip > kSkipByCountFrom) {
    TK_ASSIGN_OR_RETURN(int64_t upper, SeekByCount(store, tenant, q, &skip));
    spec.to = model::TimeMs{upper};
  }
  spec.expected = static_cast<size_t>(std::min<uint64_t>(skip + q.limit, SIZE_MAX));
  page.events.reserve(std::min<uint64_t>(q.limit, page.total - q.skip));
  TK_RETURN_IF_ERROR(query::ForEach(store, spec, q.selection, [&](const store::StoredEvent& e) {
    if (skip > 0) {
      --skip;
      return Visit::kContinue;
    }
    page.events.push_back({e.id, e.time, std::string(e.canonical)});
    return page.events.size() >= q.limit ? Visit::kStop : Visit::kContinue;
  }));
  return page;
}

}  // namespace trailkeep::api::dialects::opsera
