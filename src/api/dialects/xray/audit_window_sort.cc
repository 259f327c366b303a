// The bounded window sort of audit_locate.h (order_by columns other than id
// and created_at).
#include <algorithm>
#include <queue>
#include <string>

#include "api/dialects/xray/audit_locate.h"
#include "api/dialects/xray/audit_record.h"

namespace trailkeep::api::dialects::xray {
namespace {

struct Keyed {
  std::string key;
  uint64_t id;
};

}  // namespace

Result<std::vector<model::EventId>> SortedPageIds(store::EventStore& store, const AuditWindow& w,
                                                  uint64_t offset, uint64_t max_events) {
  uint64_t keep = offset > UINT64_MAX - max_events ? UINT64_MAX : offset + max_events;
  bool asc = w.ascending;
  // `before(a, b)`: a comes first in the view. The heap's top is the latest
  // kept key, evicted when a better one arrives.
  auto before = [asc](const Keyed& a, const Keyed& b) {
    int c = a.key.compare(b.key);
    if (c != 0) return asc ? c < 0 : c > 0;
    return asc ? a.id < b.id : a.id > b.id;
  };
  std::priority_queue<Keyed, std::vector<Keyed>, decltype(before)> heap(before);
  Status parse_error;
  store::ScanSpec spec(w.tenant, w.from, w.to, store::Order::kIdAsc, {CurationKindMatch()});
  Status scanned = store.Scan(spec, [&](const store::StoredEvent& e) {
    auto record = ParseAuditRecord(e.canonical);
    if (!record.ok()) {
      parse_error = record.status();
      return store::Visit::kStop;
    }
    Keyed k{SortKey(*record, w.order_by), e.id.value};
    if (heap.size() < keep) {
      heap.push(std::move(k));
    } else if (before(k, heap.top())) {
      heap.pop();
      heap.push(std::move(k));
    }
    return store::Visit::kContinue;
  });
  TK_RETURN_IF_ERROR(scanned);
  TK_RETURN_IF_ERROR(parse_error);
  std::vector<Keyed> kept;
  kept.reserve(heap.size());
  while (!heap.empty()) {
    kept.push_back(heap.top());
    heap.pop();
  }
  std::reverse(kept.begin(), kept.end());  // now in view order
  std::vector<model::EventId> ids;
  for (size_t i = offset; i < kept.size(); ++i) ids.push_back(model::EventId{kept[i].id});
  return ids;
}

}  // namespace trailkeep::api::dialects::xray
