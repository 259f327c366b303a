#include "store/memory/memory_event_store.h"

#include <algorithm>
#include <set>

#include "codec/canonical.h"

namespace trailkeep::store::memory_store {
namespace {

bool Matches(const model::Event& e, const FieldMatch& m) {
  std::optional<std::string_view> v = model::IndexedValue(e, m.field);
  return v && std::find(m.values.begin(), m.values.end(), *v) != m.values.end();
}

bool InWindow(const model::Event& e, const TenantId& tenant, TimeMs from, TimeMs to) {
  return e.tenant == tenant && e.time >= from && e.time < to;
}

// Key of `e` in `order`, as a comparable tuple; descending orders negate.
bool Before(const model::Event& a, const model::Event& b, Order order) {
  switch (order) {
    case Order::kIdAsc: return a.id < b.id;
    case Order::kIdDesc: return a.id > b.id;
    case Order::kTimeAsc: return std::pair(a.time, a.id) < std::pair(b.time, b.id);
    case Order::kTimeDesc: return std::pair(a.time, a.id) > std::pair(b.time, b.id);
  }
  return false;
}

}  // namespace

Result<AppendResult> MemoryEventStore::Append(const AppendBatch& batch) {
  if (batch.events.empty()) return InvalidArgument("empty batch");
  if (!model::IsValidTenantName(batch.tenant.value)) return InvalidArgument("invalid tenant name");
  std::lock_guard lock(mu_);
  const std::string& tenant = batch.tenant.value;
  if (batch.idempotency_key) {
    auto it = idempotency_.find({tenant, *batch.idempotency_key});
    if (it != idempotency_.end()) {
      if (it->second.request_hash != batch.request_hash) {
        return AlreadyExists("Idempotency-Key was already used with a different request body");
      }
      return AppendResult{it->second.ids, /*replayed=*/true};
    }
  }
  const int64_t now = clock_->NowMs();
  const size_t before = events_.size();
  AppendResult result;
  for (const model::Event& in : batch.events) {
    if (in.uid) {
      auto it = uids_.find({tenant, *in.uid});
      if (it != uids_.end()) {
        result.ids.push_back(it->second);
        continue;
      }
    }
    Stored s{in, {}};
    s.event.id = EventId{events_.size() + 1};
    s.event.tenant = batch.tenant;
    s.event.received = TimeMs{now};
    s.canonical = codec::CanonicalJson(s.event);
    if (in.uid) uids_.emplace(TenantKey{tenant, *in.uid}, s.event.id);
    result.ids.push_back(s.event.id);
    events_.push_back(std::move(s));
  }
  if (batch.idempotency_key) {
    idempotency_.emplace(TenantKey{tenant, *batch.idempotency_key},
                         Replay{batch.request_hash, result.ids});
  }
  if (listener_ && events_.size() != before) listener_(EventId{events_.size()});
  return result;
}

Result<std::optional<std::string>> MemoryEventStore::Get(const TenantId& tenant, EventId id) {
  std::lock_guard lock(mu_);
  if (id.value == 0 || id.value > events_.size()) return std::optional<std::string>();
  const Stored& s = events_[id.value - 1];
  if (s.event.tenant != tenant) return std::optional<std::string>();
  return std::optional<std::string>(s.canonical);
}

Status MemoryEventStore::Scan(const ScanSpec& spec, const Visitor& visit) {
  std::vector<const Stored*> hits;
  {
    std::lock_guard lock(mu_);
    for (const Stored& s : events_) {
      const model::Event& e = s.event;
      if (!InWindow(e, spec.tenant, spec.from, spec.to)) continue;
      bool ok = std::all_of(spec.matches.begin(), spec.matches.end(),
                            [&](const FieldMatch& m) { return Matches(e, m); });
      if (!ok) continue;
      if (spec.after) {
        model::Event pos;
        pos.id = spec.after->id;
        pos.time = spec.after->time;
        if (!Before(pos, e, spec.order)) continue;
      }
      hits.push_back(&s);
    }
  }
  std::sort(hits.begin(), hits.end(), [&](const Stored* a, const Stored* b) {
    return Before(a->event, b->event, spec.order);
  });
  for (const Stored* s : hits) {
    if (visit(StoredEvent{s->event.id, s->event.time, s->canonical}) == Visit::kStop) break;
  }
  return Status::Ok();
}

Result<std::optional<std::vector<std::string>>> MemoryEventStore::ValuesContaining(
    const TenantId& tenant, model::IndexedField field, std::string_view needle,
    size_t max_values) {
  std::set<std::string> found;
  {
    std::lock_guard lock(mu_);
    for (const Stored& s : events_) {
      if (s.event.tenant.value != tenant.value) continue;
      std::optional<std::string_view> v = model::IndexedValue(s.event, field);
      if (v && v->find(needle) != std::string_view::npos) found.emplace(*v);
    }
  }
  if (found.size() > max_values) return std::optional<std::vector<std::string>>();
  return std::optional<std::vector<std::string>>(std::vector<std::string>(found.begin(), found.end()));
}

Result<std::optional<IdSpan>> MemoryEventStore::IdSpanOf(const TenantId& tenant, TimeMs from,
                                                         TimeMs to) {
  std::optional<IdSpan> span;
  std::lock_guard lock(mu_);
  for (const Stored& s : events_) {
    if (!InWindow(s.event, tenant, from, to)) continue;
    if (!span) span = IdSpan{s.event.id, s.event.id};
    span->max = s.event.id;  // events_ is in id order
  }
  return span;
}

Result<std::vector<BucketStat>> MemoryEventStore::BucketStats(const TenantId& tenant,
                                                              TimeMs from, TimeMs to,
                                                              int64_t grain_ms) {
  TK_RETURN_IF_ERROR(CheckBucketStatsArgs(from, to, grain_ms));
  std::map<int64_t, BucketStat> buckets;
  std::lock_guard lock(mu_);
  for (const Stored& s : events_) {
    if (!InWindow(s.event, tenant, from, to)) continue;
    int64_t start = s.event.time.ms - s.event.time.ms % grain_ms;
    if (s.event.time.ms < 0 && s.event.time.ms % grain_ms != 0) start -= grain_ms;
    auto [it, inserted] = buckets.try_emplace(start, BucketStat{TimeMs{start}, 0, {s.event.id, s.event.id}});
    ++it->second.count;
    it->second.ids.max = s.event.id;  // events_ is in id order
  }
  std::vector<BucketStat> out;
  for (auto& [start, stat] : buckets) out.push_back(stat);
  return out;
}

Result<uint64_t> MemoryEventStore::Count(const CountSpec& spec) {
  std::lock_guard lock(mu_);
  uint64_t n = 0;
  for (const Stored& s : events_) {
    if (!InWindow(s.event, spec.tenant, spec.from, spec.to)) continue;
    if (spec.match && !Matches(s.event, *spec.match)) continue;
    ++n;
  }
  return n;
}

EventId MemoryEventStore::LastCommittedId() const {
  std::lock_guard lock(mu_);
  return EventId{events_.size()};
}

Result<std::vector<TenantId>> MemoryEventStore::ListTenants() {
  std::lock_guard lock(mu_);
  std::set<TenantId> tenants;
  for (const Stored& s : events_) tenants.insert(s.event.tenant);
  return std::vector<TenantId>(tenants.begin(), tenants.end());
}

void MemoryEventStore::SetCommitListener(std::function<void(EventId)> listener) {
  std::lock_guard lock(mu_);
  listener_ = std::move(listener);
}

}  // namespace trailkeep::store::memory_store
