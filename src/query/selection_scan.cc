#include "query/selection_scan.h"

#include <utility>

#include "codec/canonical.h"

namespace trailkeep::query {

Status ForEach(store::EventStore& store, const store::ScanSpec& base, const Selection& selection,
               const store::Visitor& visit) {
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
                       const Selection& selection, size_t limit) {
  Page page;
  Status scanned = ForEach(store, base, selection, [&](const store::StoredEvent& stored) {
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
                               model::TimeMs from, model::TimeMs to, const Selection& selection) {
  if (selection.matches_nothing()) return uint64_t{0};
  if (selection.has_cheap_count()) {
    store::CountSpec spec{tenant, from, to, std::nullopt};
    if (!selection.pushed().empty()) spec.match = selection.pushed().front();
    return store.Count(spec);
  }
  store::ScanSpec spec{tenant, from, to, store::Order::kIdAsc, std::nullopt, {}};
  uint64_t count = 0;
  TK_RETURN_IF_ERROR(ForEach(store, spec, selection, [&](const store::StoredEvent&) {
    ++count;
    return store::Visit::kContinue;
  }));
  return count;
}

}  // namespace trailkeep::query
