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
  std::string key_bytes;
  key_bytes.reserve(n * kEventKeyBytes);
  for (uint64_t id : ids) AppendEventKey(&key_bytes, t, id);
  std::vector<rocksdb::Slice> keys(n);
  for (size_t i = 0; i < n; ++i) {
    keys[i] = rocksdb::Slice(key_bytes.data() + i * kEventKeyBytes, kEventKeyBytes);
  }
  std::vector<rocksdb::PinnableSlice> values(n);
  std::vector<rocksdb::Status> statuses(n);
  db_->MultiGet(ro, cf_.events, n, keys.data(), values.data(), statuses.data(),
                /*sorted_input=*/false);

  std::vector<FieldMatch> rest;  // the matches the access path did not enforce
  for (size_t i = 0; i < spec.matches.size(); ++i) {
    if (i != skip) rest.push_back(spec.matches[i]);
  }
  RecordView r;
  RecordMatcher matcher(rest);
  for (size_t i = 0; i < n; ++i) {
    if (statuses[i].IsNotFound()) continue;
    if (!statuses[i].ok()) return FromRocks(statuses[i], "fetch");
    if (!DecodeRecord(values[i].ToStringView(), &r)) return Internal("corrupt event record");
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
