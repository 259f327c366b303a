#include "api/dialects/xray/audit_rows.h"

#include <algorithm>
#include <utility>

namespace trailkeep::api::dialects::xray {

Result<AuditRowReader> AuditRowReader::Open(store::EventStore& store, const AuditWindow& window,
                                            bool dry_run, uint64_t offset, uint64_t max_rows) {
  if (dry_run) {
    TK_ASSIGN_OR_RETURN(AuditCursor cursor, AuditCursor::Open(store, window, 0, UINT64_MAX));
    return AuditRowReader(std::move(cursor), true, offset);
  }
  TK_ASSIGN_OR_RETURN(AuditCursor cursor, AuditCursor::Open(store, window, offset, max_rows));
  return AuditRowReader(std::move(cursor), false, 0);
}

Status AuditRowReader::Refill(size_t want) {
  std::vector<query::OwnedEvent> events;
  TK_ASSIGN_OR_RETURN(bool more, cursor_.Next(std::max<size_t>(want, 64), &events));
  cursor_done_ = !more;
  for (query::OwnedEvent& e : events) {
    if (dry_run_ && !MayHaveDryRunPolicy(e.canonical)) continue;
    TK_ASSIGN_OR_RETURN(AuditRecord record, ParseAuditRecord(e.canonical));
    std::vector<codec::JsonValue> policies = PoliciesOfView(record, dry_run_);
    if (!dry_run_) {
      pending_.push_back(AuditRow{std::move(record), std::move(policies)});
      continue;
    }
    for (codec::JsonValue& p : policies) {
      if (skip_ > 0) {
        --skip_;
        continue;
      }
      AuditRow row{record, {}};
      row.policies.push_back(std::move(p));
      pending_.push_back(std::move(row));
    }
  }
  return Status::Ok();
}

Result<bool> AuditRowReader::Next(size_t max, std::vector<AuditRow>* out) {
  size_t added = 0;
  while (added < max) {
    if (pending_.empty()) {
      if (cursor_done_) break;
      TK_RETURN_IF_ERROR(Refill(max - added));
      continue;
    }
    out->push_back(std::move(pending_.front()));
    pending_.pop_front();
    ++added;
  }
  // Whether a row follows: look ahead one event batch when nothing is queued.
  while (pending_.empty() && !cursor_done_) TK_RETURN_IF_ERROR(Refill(1));
  return !pending_.empty();
}

Result<uint64_t> CountRows(store::EventStore& store, const AuditWindow& window, bool dry_run) {
  if (window.from >= window.to) return uint64_t{0};
  if (!dry_run) {
    return store.Count(
        store::CountSpec{window.tenant, window.from, window.to, CurationKindMatch()});
  }
  uint64_t rows = 0;
  Status parse_error;
  store::ScanSpec spec(window.tenant, window.from, window.to, store::Order::kIdAsc,
                       {CurationKindMatch()});
  TK_RETURN_IF_ERROR(store.Scan(spec, [&](const store::StoredEvent& e) {
    if (!MayHaveDryRunPolicy(e.canonical)) return store::Visit::kContinue;
    auto record = ParseAuditRecord(e.canonical);
    if (!record.ok()) {
      parse_error = record.status();
      return store::Visit::kStop;
    }
    rows += PoliciesOfView(*record, true).size();
    return store::Visit::kContinue;
  }));
  TK_RETURN_IF_ERROR(parse_error);
  return rows;
}

}  // namespace trailkeep::api::dialects::xray
