#include "query/selection_scan.h"

#include <set>
#include <utility>

#include "codec/canonical.h"

namespace trailkeep::query {

Result<Selection> ResolveContains(store::EventStore& store, const model::TenantId& tenant,
                                  const Selection& selection) {
  bool any = false;
  for (const Condition& c : selection.residual()) {
    any = any || (c.op == Condition::Op::kContains && c.field.indexed());
  }
  if (!any) return selection;
  std::vector<Condition> resolved;
  for (const Condition& c : selection.conditions()) {
    std::optional<model::IndexedField> field = c.field.indexed();
    if (c.op != Condition::Op::kContains || !field) {
      resolved.push_back(c);
      continue;
    }
    std::set<std::string> values;
    bool listed = true;
    for (const std::string& needle : c.values) {
      TK_ASSIGN_OR_RETURN(auto found,
                          store.ValuesContaining(tenant, *field, needle, kMaxResolvedValues));
      if (!found || values.size() + found->size() > kMaxResolvedValues) {
        listed = false;
        break;
      }
      values.insert(found->begin(), found->end());
    }
    if (!listed) {
      resolved.push_back(c);
      continue;
    }
    resolved.push_back(Condition{c.field, Condition::Op::kEquals,
                                 std::vector<std::string>(values.begin(), values.end())});
  }
  return Selection(std::move(resolved));
}

Status ForEach(store::EventStore& store, const store::ScanSpec& base, const Selection& given,
               const store::Visitor& visit) {
  TK_ASSIGN_OR_RETURN(Selection selection, ResolveContains(store, base.tenant, given));
  if (selection.matches_nothing()) return Status::Ok();
  store::ScanSpec spec = base;
  spec.matches.insert(spec.matches.end(), selection.pushed().begin(), selection.pushed().end());
  if (selection.residual().empty()) return store.Scan(spec, visit);

  // The visitor cannot return a Status, so a parse failure is parked here and
  // the scan stopped.
  Status parse_error;
  Status scanned = store.Scan(spec, [&](const store::StoredEvent& stored) {
    Result<model::Event> event = codec::ParseCanonical(stored.canonical);
    if (!event.ok()) {
      parse_error = Internal("stored event " + std::to_string(stored.id.value) +
                             " does not parse: " + event.status().message());
      return store::Visit::kStop;
    }
    if (!selection.ResidualMatches(*event)) return store::Visit::kContinue;
    return visit(stored);
  });
  TK_RETURN_IF_ERROR(scanned);
  return parse_error;
}

Result<Page> FetchPage(store::EventStore& store, const store::ScanSpec& base,
                       const Selection& selection, size_t limit, std::optional<uint64_t> total) {
  store::ScanSpec spec = base;
  spec.expected = limit + 1;
  // The total counts exactly what the store's one match selects when the
  // selection is that match alone (has_cheap_count: no residual).
  if (total && base.matches.empty() && selection.has_cheap_count() &&
      selection.pushed().size() == 1) {
    spec.known_count = total;
  }
  Page page;
  Status scanned = ForEach(store, spec, selection, [&](const store::StoredEvent& stored) {
    if (page.events.size() >= limit) {
      page.more = true;  // the (limit + 1)-th match
      return store::Visit::kStop;
    }
    page.events.push_back(OwnedEvent{stored.id, stored.time, std::string(stored.canonical)});
    return store::Visit::kContinue;
  });
  TK_RETURN_IF_ERROR(scanned);
  return page;
}

Result<uint64_t> CountMatching(store::EventStore& store, const model::TenantId& tenant,
                               model::TimeMs from, model::TimeMs to, const Selection& given) {
  TK_ASSIGN_OR_RETURN(Selection selection, ResolveContains(store, tenant, given));
  if (selection.matches_nothing()) return uint64_t{0};
  if (selection.has_cheap_count()) {
    store::CountSpec spec{tenant, from, to, std::nullopt};
    if (!selection.pushed().empty()) spec.match = selection.pushed().front();
    return store.Count(spec);
  }
  store::ScanSpec spec(tenant, from, to, store::Order::kIdAsc);
  uint64_t count = 0;
  TK_RETURN_IF_ERROR(ForEach(store, spec, selection, [&](const store::StoredEvent&) {
    ++count;
    return store::Visit::kContinue;
  }));
  return count;
}

}  // namespace trailkeep::query
