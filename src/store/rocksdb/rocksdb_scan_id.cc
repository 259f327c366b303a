// Scans in id (commit) order (docs/storage.md, "Scan in id order"): walk the
// tenant's events in the id range the window's buckets allow, or, when the
// cheapest match is selective, walk its postings in time order and emit ids
// in order as the id-range buckets allow (id_bounds.h).
#include <algorithm>
#include <functional>
#include <queue>

#include "store/rocksdb/fetch_batch.h"
#include "store/rocksdb/id_bounds.h"
#include "store/rocksdb/index_cursor.h"
#include "store/rocksdb/keys.h"
#include "store/rocksdb/record.h"
#include "store/rocksdb/rocksdb_event_store.h"
#include "store/rocksdb/status_adapter.h"

namespace trailkeep::store::rocksdb_store {
namespace {

// A match holding more than 1/kDenseShare of the window's events is found
// faster by walking the events (sequential records) than by its postings
// (one random record fetch per match).
constexpr uint64_t kDenseShare = 4;
// Candidates waiting for their id order before minute bounds are used.
constexpr size_t kFineBoundCandidates = 128;

}  // namespace

Status RocksDbEventStore::ScanById(const rocksdb::ReadOptions& ro, TenantOrdinal t,
                                   const ScanSpec& spec, const Visitor& visit) {
  const bool desc = spec.order == Order::kIdDesc;
  // [lo, hi]: the ids `after` leaves.
  uint64_t lo = 0, hi = UINT64_MAX;
  if (spec.after) {
    const uint64_t a = spec.after->id.value;
    if (!desc) {
      if (a == UINT64_MAX) return Status::Ok();
      lo = a + 1;
    } else {
      if (a == 0) return Status::Ok();
      hi = a - 1;
    }
  }
  // The window's id range, which the walk of the events needs and which
  // ends a resumed scan at once when `after` is past it; a first page
  // through postings needs neither.
  auto narrow_to_window = [&]() -> Result<bool> {
    TK_ASSIGN_OR_RETURN(auto range, IdRange(ro, t, spec.from.ms, spec.to.ms));
    if (!range) return false;
    lo = std::max(lo, range->first);
    hi = std::min(hi, range->second);
    return lo <= hi;
  };
  if (spec.after) {
    TK_ASSIGN_OR_RETURN(bool any, narrow_to_window());
    if (!any) return Status::Ok();
  }

  TK_ASSIGN_OR_RETURN(auto cheapest, CheapestMatch(ro, t, spec, UINT64_MAX));
  if (cheapest && cheapest->second == 0) return Status::Ok();
  if (cheapest) {
    // A match much rarer than the window's events: walk its postings.
    uint64_t n = cheapest->second;
    if (n == UINT64_MAX && spec.matches.size() == 1 && spec.known_count) n = *spec.known_count;
    if (n == UINT64_MAX) {
      TK_ASSIGN_OR_RETURN(n, CountWindow(ro, t, spec.from.ms, spec.to.ms,
                                         &spec.matches[cheapest->first], UINT64_MAX));
    }
    // The window's whole days (or hours) settle most choices; the exact
    // count only when they do not.
    TK_ASSIGN_OR_RETURN(uint64_t all, CountCoarseLowerBound(ro, t, spec.from.ms, spec.to.ms));
    if (n > all / kDenseShare) {
      TK_ASSIGN_OR_RETURN(all, CountWindow(ro, t, spec.from.ms, spec.to.ms, nullptr, UINT64_MAX));
    }
    if (n <= all / kDenseShare)
      return ScanPostingsById(ro, t, spec, cheapest->first, lo, hi, visit);
  }
  if (!spec.after) {
    TK_ASSIGN_OR_RETURN(bool any, narrow_to_window());
    if (!any) return Status::Ok();
  }

  // The records up to the records mark are in `events`, the others in the
  // buffer (record_buffer.h): higher ids, so walked after (before, going
  // down) the stored ones.
  const RecordBuffer::View buffered = records_.Capture();
  RecordView r;
  RecordMatcher matcher(spec.matches);
  Status error;
  bool stopped = false;
  // Visits one record; false once the walk is to end (`error` if it failed).
  auto visit_record = [&](uint64_t id, std::string_view record) {
    if (!DecodeRecord(record, &r)) {
      error = Internal("corrupt event record");
      return false;
    }
    if (r.time < spec.from.ms || r.time >= spec.to.ms) return true;
    Result<bool> matches = matcher.Matches(r);
    if (!matches.ok()) {
      error = matches.status();
      return false;
    }
    if (*matches && visit(StoredEvent{EventId{id}, TimeMs{r.time}, r.canonical}) == Visit::kStop) {
      stopped = true;
      return false;
    }
    return true;
  };
  if (desc && !buffered.ForEach(t, lo, hi, desc, visit_record)) return error;
  const uint64_t stored_hi = std::min(hi, buffered.stored_last_id);
  if (lo <= stored_hi) {
    TK_RETURN_IF_ERROR(WalkStoredRecords(ro, t, lo, stored_hi, desc, visit_record));
    if (stopped || !error.ok()) return error;
  }
  if (!desc) buffered.ForEach(t, lo, hi, desc, visit_record);
  return error;
}

Status RocksDbEventStore::WalkStoredRecords(
    const rocksdb::ReadOptions& ro, TenantOrdinal t, uint64_t lo, uint64_t hi, bool desc,
    const std::function<bool(uint64_t, std::string_view)>& visit) {
  // Walk the tenant's events in [lo, hi], epoch by epoch (keys.h): within
  // an epoch they are contiguous; leaving them (another tenant's key) means
  // seeking the tenant's part of the next epoch. The bounds hold every key
  // from the first to the last of them (keys are fixed-length, so appending
  // a byte to the last makes an exclusive bound). The latest, not the
  // snapshot: records never change, and the file of an epoch stored after
  // the snapshot was taken is not in it.
  std::string lower = EventKey(t, lo);
  std::string upper = EventKey(t, hi);
  upper.push_back('\0');
  rocksdb::Slice lower_slice(lower), upper_slice(upper);
  rocksdb::ReadOptions bounded = ro;
  bounded.snapshot = nullptr;
  bounded.iterate_lower_bound = &lower_slice;
  bounded.iterate_upper_bound = &upper_slice;
  bounded.adaptive_readahead = true;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(bounded, cf_.events));
  for (desc ? it->SeekToLast() : it->SeekToFirst(); it->Valid();) {
    std::optional<EventKeyParts> k = ParseEventKey(it->key().ToStringView());
    if (!k) return Internal("corrupt event key");
    if (k->tenant != t) {
      // Another tenant's part of epoch k->epoch: the tenant's own part of
      // this epoch is behind us if that tenant sorts before it (ahead of us
      // going backward), so go on from the tenant's part of the epoch next.
      if (!desc) {
        const uint64_t e = k->tenant > t ? k->epoch + 1 : k->epoch;
        if (e > EventEpoch(hi)) break;
        it->Seek(EventKey(t, std::max(lo, EpochFirstId(e))));
      } else {
        if (k->tenant < t && k->epoch == 0) break;
        const uint64_t e = k->tenant < t ? k->epoch - 1 : k->epoch;
        if (e < EventEpoch(lo)) break;
        it->SeekForPrev(EventKey(t, std::min(hi, EpochLastId(e))));
      }
      continue;
    }
    if (!visit(k->id, it->value().ToStringView())) return Status::Ok();
    desc ? it->Prev() : it->Next();
  }
  return FromRocks(it->status(), "scan");
}

Status RocksDbEventStore::ScanPostingsById(const rocksdb::ReadOptions& ro, TenantOrdinal t,
                                           const ScanSpec& spec, size_t match, uint64_t lo,
                                           uint64_t hi, const Visitor& visit) {
  const bool desc = spec.order == Order::kIdDesc;
  // Postings are walked in time order, the way ids mostly grow; `after` is
  // already in [lo, hi].
  ScanSpec window = spec;
  window.after.reset();
  TK_ASSIGN_OR_RETURN(std::vector<IndexCursor> cursors,
                      OpenPostingCursors(ro, t, spec.matches[match], window, desc));
  IdBounds bounds(db_.get(), cf_.counts, ro, t, spec.from.ms, spec.to.ms, !desc);

  // Candidates not emitted yet; the top is the next in id order.
  std::function<bool(uint64_t, uint64_t)> later = [desc](uint64_t a, uint64_t b) {
    return desc ? a < b : a > b;
  };
  std::priority_queue<uint64_t, std::vector<uint64_t>, decltype(later)> pending(later);
  std::vector<uint64_t> ready;
  FetchBatch batch(spec);
  int64_t bound_bucket = INT64_MIN;  // the minute or hour `bound` was computed for
  bool bound_fine = false;
  uint64_t bound = 0;
  bool stop = false;
  for (;;) {
    IndexCursor* next = NextCursor(cursors, desc);
    if (next) {
      const uint64_t id = next->Id();
      const int64_t time = next->Time();
      next->Advance();
      if (id >= lo && id <= hi) pending.push(id);
      // Every posting not visited yet is at or before `time` in the walk, so
      // its id is within bounds.Bound(time): candidates beyond it are final.
      // Hour bounds are enough while few candidates wait (sparse hours);
      // with many waiting, minute bounds release them without walking the
      // rest of a busy hour.
      const bool fine = pending.size() >= kFineBoundCandidates;
      const int64_t bucket = FloorDiv(time, fine ? kMinuteMs : kHourMs);
      if (!pending.empty() && (bucket != bound_bucket || fine != bound_fine)) {
        TK_ASSIGN_OR_RETURN(bound, bounds.Bound(time, fine));
        bound_bucket = bucket;
        bound_fine = fine;
      }
      while (!pending.empty() && (desc ? pending.top() > bound : pending.top() < bound)) {
        ready.push_back(pending.top());
        pending.pop();
      }
    } else {
      while (!pending.empty()) {
        ready.push_back(pending.top());
        pending.pop();
      }
    }
    if (!ready.empty() && (!next || ready.size() >= batch.size())) {
      TK_RETURN_IF_ERROR(FetchAndVisit(ro, t, ready, spec, match, visit, &stop));
      if (stop) return Status::Ok();
      ready.clear();
      batch.Grow();
    }
    if (!next) break;
  }
  for (IndexCursor& c : cursors) TK_RETURN_IF_ERROR(c.status());
  return Status::Ok();
}

}  // namespace trailkeep::store::rocksdb_store
