// Scan entry point, time-order scans, and the batched record fetch shared
// with id-order scans (docs/storage.md, "Reads").
#include <algorithm>
#include <cstring>

#include "store/rocksdb/fetch_batch.h"
#include "store/rocksdb/index_cursor.h"
#include "store/rocksdb/keys.h"
#include "store/rocksdb/record.h"
#include "store/rocksdb/rocksdb_event_store.h"
#include "store/rocksdb/status_adapter.h"

namespace trailkeep::store::rocksdb_store {

Status RocksDbEventStore::Scan(const ScanSpec& spec, const Visitor& visit) {
  std::optional<TenantOrdinal> t = tenants_.Find(spec.tenant.value);
  if (!t || spec.from >= spec.to) return Status::Ok();
  for (const FieldMatch& m : spec.matches) {
    if (m.values.empty()) return Status::Ok();  // matches nothing
  }
  rocksdb::ManagedSnapshot snapshot(db_.get());
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot.snapshot();
  ro.fill_cache = !spec.bulk;
  switch (spec.order) {
    case Order::kTimeAsc:
    case Order::kTimeDesc:
      return ScanByTime(ro, *t, spec, visit);
    case Order::kIdAsc:
    case Order::kIdDesc:
      return ScanById(ro, *t, spec, visit);
  }
  return InvalidArgument("unknown scan order");
}

Status RocksDbEventStore::ScanByTime(const rocksdb::ReadOptions& ro, TenantOrdinal t,
                                     const ScanSpec& spec, const Visitor& visit) {
  const bool desc = spec.order == Order::kTimeDesc;
  TK_ASSIGN_OR_RETURN(auto cheapest, CheapestMatch(ro, t, spec, UINT64_MAX));
  if (cheapest && cheapest->second == 0) return Status::Ok();

  // Access path: the time index (no match has postings), or the postings of
  // the cheapest match (one cursor per value, merged by (time, id)).
  std::vector<IndexCursor> cursors;
  size_t skip = SIZE_MAX;
  if (!cheapest) {
    std::string prefix;
    AppendTimePrefix(&prefix, t);
    cursors.emplace_back().Open(db_.get(), cf_.index, ro, std::move(prefix), spec, desc);
  } else {
    skip = cheapest->first;
    TK_ASSIGN_OR_RETURN(cursors, OpenPostingCursors(ro, t, spec.matches[skip], spec, desc));
  }

  std::vector<uint64_t> ids;
  FetchBatch batch(spec);
  bool stop = false;
  for (;;) {
    IndexCursor* next = NextCursor(cursors, desc);
    if (next) ids.push_back(next->Id());
    if (!ids.empty() && (!next || ids.size() >= batch.size())) {
      TK_RETURN_IF_ERROR(FetchAndVisit(ro, t, ids, spec, skip, visit, &stop));
      if (stop) return Status::Ok();
      ids.clear();
      batch.Grow();
    }
    if (!next) break;
    next->Advance();
  }
  for (IndexCursor& c : cursors) TK_RETURN_IF_ERROR(c.status());
  return Status::Ok();
}

Status RocksDbEventStore::FetchAndVisit(const rocksdb::ReadOptions& ro, TenantOrdinal t,
                                        const std::vector<uint64_t>& ids, const ScanSpec& spec,
                                        size_t skip, const Visitor& visit, bool* stop) {
  const size_t n = ids.size();
  // Records up to the records mark from `events`, the others from the
  // buffer (record_buffer.h); captured after the scan's snapshot, so every
  // id it admits is in one of them.
  const RecordBuffer::View buffered = records_.Capture();
  // Empty: not found (a record is never empty: it starts with its time).
  std::vector<std::string_view> records(n);
  std::string key_bytes;
  key_bytes.reserve(n * kEventKeyBytes);
  std::vector<size_t> stored;  // indexes into ids of the records in `events`
  for (size_t i = 0; i < n; ++i) {
    if (ids[i] > buffered.stored_last_id) {
      records[i] = buffered.Find(t, ids[i]).value_or(std::string_view());
      continue;
    }
    AppendEventKey(&key_bytes, t, ids[i]);
    stored.push_back(i);
  }
  const size_t m = stored.size();
  std::vector<rocksdb::Slice> keys(m);
  for (size_t j = 0; j < m; ++j) {
    keys[j] = rocksdb::Slice(key_bytes.data() + j * kEventKeyBytes, kEventKeyBytes);
  }
  std::vector<rocksdb::PinnableSlice> values(m);
  std::vector<rocksdb::Status> statuses(m);
  if (m > 0) {
    // The latest, not the snapshot: records never change, and the file of
    // an epoch stored after the snapshot was taken is not in it.
    rocksdb::ReadOptions latest = ro;
    latest.snapshot = nullptr;
    db_->MultiGet(latest, cf_.events, m, keys.data(), values.data(), statuses.data(),
                  /*sorted_input=*/false);
  }
  for (size_t j = 0; j < m; ++j) {
    if (statuses[j].IsNotFound()) continue;
    if (!statuses[j].ok()) return FromRocks(statuses[j], "fetch");
    records[stored[j]] = values[j].ToStringView();
  }

  std::vector<FieldMatch> rest;  // the matches the access path did not enforce
  for (size_t i = 0; i < spec.matches.size(); ++i) {
    if (i != skip) rest.push_back(spec.matches[i]);
  }
  RecordView r;
  RecordMatcher matcher(rest);
  for (size_t i = 0; i < n; ++i) {
    if (records[i].empty()) continue;
    if (!DecodeRecord(records[i], &r)) return Internal("corrupt event record");
    if (r.time < spec.from.ms || r.time >= spec.to.ms) continue;
    TK_ASSIGN_OR_RETURN(const bool matches, matcher.Matches(r));
    if (!matches) continue;
    if (visit(StoredEvent{EventId{ids[i]}, TimeMs{r.time}, r.canonical}) == Visit::kStop) {
      *stop = true;
      return Status::Ok();
    }
  }
  return Status::Ok();
}

}  // namespace trailkeep::store::rocksdb_store
