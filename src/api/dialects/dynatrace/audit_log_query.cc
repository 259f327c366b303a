#include "api/dialects/dynatrace/audit_log_query.h"

#include "codec/canonical.h"
#include "query/selection_scan.h"

namespace trailkeep::api::dialects::dynatrace {
namespace {

store::ScanSpec SpecFor(const PageKey& q, store::Order order) {
  store::ScanSpec spec;
  spec.tenant = model::TenantId{q.tenant};
  spec.from = model::TimeMs{q.from_ms};
  spec.to = model::TimeMs{q.to_ms};
  spec.order = order;
  return spec;
}

// Visits the query's events with id <= max_id that match `filter`, parsed,
// in `spec.order`. `visit` returns false to stop.
template <typename Visit>
Status ForEachEntry(store::EventStore& store, const store::ScanSpec& spec, uint64_t max_id,
                    const AuditFilter& filter, bool want_event, Visit visit) {
  Status failure;
  Status scanned = query::ForEach(store, spec, filter.selection, [&](const store::StoredEvent& s) {
    if (s.id.value > max_id) {
      // In id order nothing after this can qualify.
      return spec.order == store::Order::kIdAsc ? store::Visit::kStop : store::Visit::kContinue;
    }
    model::Event event;
    if (want_event || filter.needs_event()) {
      auto parsed = codec::ParseCanonical(s.canonical);
      if (!parsed.ok()) {
        failure = Internal("stored event " + std::to_string(s.id.value) +
                           " does not parse: " + parsed.status().message());
        return store::Visit::kStop;
      }
      event = std::move(parsed).value();
      if (!filter.EntryMatches(event)) return store::Visit::kContinue;
    }
    return visit(s, std::move(event)) ? store::Visit::kContinue : store::Visit::kStop;
  });
  TK_RETURN_IF_ERROR(scanned);
  return failure;
}

Result<uint64_t> CountByScan(store::EventStore& store, const PageKey& q, uint64_t max_id,
                             const AuditFilter& filter) {
  uint64_t n = 0;
  TK_RETURN_IF_ERROR(ForEachEntry(store, SpecFor(q, store::Order::kIdAsc), max_id, filter,
                                  /*want_event=*/false, [&](const store::StoredEvent&, model::Event) {
                                    ++n;
                                    return true;
                                  }));
  return n;
}

// True when, for every `user` criterion, no event of the window with id <=
// max_id lacks actor.id while its actor.email (or, lacking both, actor.name)
// is one of the values: then user == actor.id for every event that could
// match. Visits only the events the email and name indexes give for the values.
Result<bool> UserIsActorId(store::EventStore& store, const PageKey& q, const AuditFilter& filter,
                           uint64_t max_id) {
  for (const query::Criterion* c : filter.user_criteria()) {
    for (model::IndexedField field : {model::IndexedField::kActorEmail, model::IndexedField::kActorName}) {
      store::ScanSpec spec = SpecFor(q, store::Order::kIdAsc);
      spec.matches.push_back(store::FieldMatch{field, c->values});
      bool fallback = false;
      Status failure;
      TK_RETURN_IF_ERROR(store.Scan(spec, [&](const store::StoredEvent& s) {
        if (s.id.value > max_id) return store::Visit::kStop;
        auto e = codec::ParseCanonical(s.canonical);
        if (!e.ok()) {
          failure = Internal("stored event " + std::to_string(s.id.value) + " does not parse");
          return store::Visit::kStop;
        }
        bool shadowed = e->actor.id.has_value() ||
                        (field == model::IndexedField::kActorName && e->actor.email.has_value());
        if (shadowed) return store::Visit::kContinue;
        fallback = true;
        return store::Visit::kStop;
      }));
      TK_RETURN_IF_ERROR(failure);
      if (fallback) return false;
    }
  }
  return true;
}

// `filter` with its entityId CONTAINS criteria resolved once to the stored
// entity ids holding the text (query::ResolveContains): every scan and count
// of the request then uses their postings, and the total becomes a cheap
// count, instead of each call searching the values again.
Result<AuditFilter> Resolved(store::EventStore& store, const PageKey& q, const AuditFilter& filter) {
  AuditFilter resolved = filter;
  TK_ASSIGN_OR_RETURN(resolved.selection,
                      query::ResolveContains(store, model::TenantId{q.tenant}, filter.selection));
  return resolved;
}

}  // namespace

Result<Frozen> FreezeQuery(store::EventStore& store, const PageKey& q, const AuditFilter& given) {
  // Every id <= bound is visible once LastCommittedId returns it.
  Frozen frozen;
  frozen.max_id = store.LastCommittedId().value;
  TK_ASSIGN_OR_RETURN(AuditFilter filter, Resolved(store, q, given));
  AuditFilter effective = filter;
  if (!filter.user_criteria().empty()) {
    TK_ASSIGN_OR_RETURN(frozen.user_by_id, UserIsActorId(store, q, filter, frozen.max_id));
    if (frozen.user_by_id) effective = filter.WithUserById();
  }
  if (effective.has_cheap_count()) {
    TK_ASSIGN_OR_RETURN(frozen.total,
                        query::CountMatching(store, model::TenantId{q.tenant},
                                             model::TimeMs{q.from_ms}, model::TimeMs{q.to_ms},
                                             effective.selection));
    // The count covers every id <= bound and is exact when no matching event
    // with a higher id exists even now, after the count.
    store::ScanSpec newer = SpecFor(q, store::Order::kIdAsc);
    newer.after = store::Position{model::TimeMs{}, model::EventId{frozen.max_id}};
    newer.expected = 1;
    bool raced = false;
    TK_RETURN_IF_ERROR(query::ForEach(store, newer, effective.selection, [&](const store::StoredEvent&) {
      raced = true;
      return store::Visit::kStop;
    }));
    if (!raced) return frozen;
  }
  TK_ASSIGN_OR_RETURN(frozen.total, CountByScan(store, q, frozen.max_id, effective));
  return frozen;
}

Result<AuditPage> FetchAuditPage(store::EventStore& store, const PageKey& q,
                                 const AuditFilter& given) {
  TK_ASSIGN_OR_RETURN(AuditFilter filter, Resolved(store, q, given));
  store::ScanSpec spec =
      SpecFor(q, q.oldest_first ? store::Order::kTimeAsc : store::Order::kTimeDesc);
  if (q.last_id != 0) {
    spec.after = store::Position{model::TimeMs{q.last_time_ms}, model::EventId{q.last_id}};
  }
  spec.expected = q.page_size + 1;
  AuditPage page;
  TK_RETURN_IF_ERROR(ForEachEntry(store, spec, q.max_id, filter, /*want_event=*/true,
                                  [&](const store::StoredEvent&, model::Event event) {
                                    if (page.entries.size() >= q.page_size) {
                                      page.more = true;
                                      return false;
                                    }
                                    page.entries.push_back(std::move(event));
                                    return true;
                                  }));
  return page;
}

}  // namespace trailkeep::api::dialects::dynatrace
