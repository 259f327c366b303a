// The rows of the Xray view over a window: with dry_run=false one row per
// curation.package event (its non-dry-run policies); with dry_run=true one row
// per (event, dry-run policy), the event carrying that single policy. Offsets
// and num_of_rows count these rows.
//
// Cost: dry_run=false reads from the offset on (AuditCursor skips whole time
// buckets). dry_run=true must look into every event's policies, so it reads
// the window from its start (dry-run policies are rare; documented).
//
// Thread safety: one reader per thread.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

#include "api/dialects/xray/audit_cursor.h"
#include "api/dialects/xray/audit_record.h"
#include "base/status.h"
#include "store/event_store.h"

namespace trailkeep::api::dialects::xray {

class AuditRowReader {
 public:
  // Positions on row `offset` (0-based). `max_rows`: how many rows the
  // caller will read at most (bounds the window sort).
  static Result<AuditRowReader> Open(store::EventStore& store, const AuditWindow& window,
                                     bool dry_run, uint64_t offset, uint64_t max_rows);

  // Appends up to `max` further rows to `out`. Returns false when no row
  // follows the ones appended.
  Result<bool> Next(size_t max, std::vector<AuditRow>* out);

 private:
  AuditRowReader(AuditCursor cursor, bool dry_run, uint64_t skip)
      : cursor_(std::move(cursor)), dry_run_(dry_run), skip_(skip) {}
  Status Refill(size_t want);

  AuditCursor cursor_;
  bool dry_run_;
  uint64_t skip_;  // rows still to skip (dry_run only)
  bool cursor_done_ = false;
  std::deque<AuditRow> pending_;
};

// The exact number of rows of the view. dry_run=false: one EventStore::Count
// (per-bucket counts); dry_run=true: a scan of the window.
Result<uint64_t> CountRows(store::EventStore& store, const AuditWindow& window, bool dry_run);

}  // namespace trailkeep::api::dialects::xray
