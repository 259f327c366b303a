#include "api/dialects/xray/audit_cursor.h"

#include <utility>

#include "api/dialects/xray/audit_locate.h"
#include "api/dialects/xray/audit_record.h"  // kCurationKind

namespace trailkeep::api::dialects::xray {

store::FieldMatch CurationKindMatch() {
  return store::FieldMatch{model::IndexedField::kKind, {std::string(kCurationKind)}};
}

Result<AuditCursor> AuditCursor::Open(store::EventStore& store, AuditWindow window, uint64_t offset,
                                      uint64_t max_events) {
  AuditCursor cursor(store, std::move(window));
  const AuditWindow& w = cursor.window_;
  if (w.order_by == OrderColumn::kId || w.order_by == OrderColumn::kCreatedAt) {
    TK_ASSIGN_OR_RETURN(ScanStart start, w.order_by == OrderColumn::kId
                                             ? LocateById(store, w, offset)
                                             : LocateByTime(store, w, offset));
    cursor.spec_ = std::move(start.spec);
    cursor.skip_ = start.skip;
    cursor.done_ = start.past_end;
    return cursor;
  }
  cursor.sorted_ = true;
  if (w.from >= w.to) {
    cursor.done_ = true;
    return cursor;
  }
  TK_ASSIGN_OR_RETURN(cursor.ids_, SortedPageIds(store, w, offset, max_events));
  return cursor;
}

Result<bool> AuditCursor::Next(size_t max, std::vector<query::OwnedEvent>* out) {
  if (done_ || max == 0) return !done_;
  if (sorted_) {
    size_t added = 0;
    while (added < max && next_id_ < ids_.size()) {
      model::EventId id = ids_[next_id_++];
      TK_ASSIGN_OR_RETURN(std::optional<std::string> canonical, store_->Get(window_.tenant, id));
      if (!canonical) continue;  // cannot happen: events are never deleted
      // `time` is left 0: readers take it from the canonical bytes.
      out->push_back(query::OwnedEvent{id, model::TimeMs{0}, std::move(*canonical)});
      ++added;
    }
    done_ = next_id_ >= ids_.size();
    return !done_;
  }
  size_t added = 0;
  std::optional<store::Position> last;
  TK_RETURN_IF_ERROR(store_->Scan(spec_, [&](const store::StoredEvent& e) {
    if (skip_ > 0) {
      --skip_;
      last = store::Position{e.time, e.id};
      return store::Visit::kContinue;
    }
    if (added == max) return store::Visit::kStop;
    out->push_back(query::OwnedEvent{e.id, e.time, std::string(e.canonical)});
    last = store::Position{e.time, e.id};
    ++added;
    return store::Visit::kContinue;
  }));
  if (added < max) {
    done_ = true;  // the scan ended before filling the batch
  } else {
    spec_.after = last;
  }
  return !done_;
}

}  // namespace trailkeep::api::dialects::xray
