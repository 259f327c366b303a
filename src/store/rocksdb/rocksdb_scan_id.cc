// Scans in id (commit) order (docs/storage.md, "Scan in id order"): walk the
// tenant's events in the id range the window's buckets allow, or, when the
// cheapest match is selective, fetch its postings sorted by id.
#include <algorithm>

#include "store/rocksdb/keys.h"
#include "store/rocksdb/record.h"
#include "store/rocksdb/rocksdb_event_store.h"
#include "store/rocksdb/status_adapter.h"

namespace trailkeep::store::rocksdb_store {
namespace {

// Below this many candidates, sorting a match's postings by id beats
// walking the events of the window's id range.
constexpr uint64_t kPostingsPathLimit = 10'000;
constexpr size_t kFetchBatch = 256;

}  // namespace

Status RocksDbEventStore::ScanById(const rocksdb::ReadOptions& ro, TenantOrdinal t,
                                   const ScanSpec& spec, const Visitor& visit) {
  const bool desc = spec.order == Order::kIdDesc;
  TK_ASSIGN_OR_RETURN(auto range, IdRange(ro, t, spec.from.ms, spec.to.ms));
  if (!range) return Status::Ok();
  auto [lo, hi] = *range;
  if (spec.after) {
    const uint64_t a = spec.after->id.value;
    if (!desc) {
      if (a == UINT64_MAX) return Status::Ok();
      lo = std::max(lo, a + 1);
    } else {
      if (a == 0) return Status::Ok();
      hi = std::min(hi, a - 1);
    }
  }
  if (lo > hi) return Status::Ok();

  TK_ASSIGN_OR_RETURN(auto cheapest, CheapestMatch(ro, t, spec, kPostingsPathLimit));
  if (cheapest && cheapest->second == 0) return Status::Ok();

  if (cheapest && cheapest->second < kPostingsPathLimit) {
    const FieldMatch& m = spec.matches[cheapest->first];
    std::vector<std::string> values = m.values;
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    std::vector<uint64_t> ids;
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, cf_.index));
    std::string lower, upper;
    for (const std::string& v : values) {
      lower.clear();
      AppendPostingPrefix(&lower, t, m.field, v);
      upper = lower;
      PutI64(&lower, spec.from.ms);
      PutI64(&upper, spec.to.ms);
      rocksdb::Slice up(upper);
      for (it->Seek(lower); it->Valid() && it->key().compare(up) < 0; it->Next()) {
        uint64_t id = GetU64(it->key().data() + it->key().size() - 8);
        if (id >= lo && id <= hi) ids.push_back(id);
      }
    }
    TK_RETURN_IF_ERROR(FromRocks(it->status(), "scan"));
    if (desc) {
      std::sort(ids.begin(), ids.end(), std::greater<>());
    } else {
      std::sort(ids.begin(), ids.end());
    }
    std::vector<uint64_t> batch;
    bool stop = false;
    for (size_t i = 0; i < ids.size() && !stop; i += kFetchBatch) {
      batch.assign(ids.begin() + i, ids.begin() + std::min(ids.size(), i + kFetchBatch));
      TK_RETURN_IF_ERROR(FetchAndVisit(ro, t, batch, spec, cheapest->first, visit, &stop));
    }
    return Status::Ok();
  }

  // Walk the events in [lo, hi]; the exclusive upper bound is the key just
  // after `hi` (keys are fixed-length, so appending a byte is enough).
  std::string lower = EventKey(t, lo);
  std::string upper = EventKey(t, hi);
  upper.push_back('\0');
  rocksdb::Slice lower_slice(lower), upper_slice(upper);
  rocksdb::ReadOptions bounded = ro;
  bounded.iterate_lower_bound = &lower_slice;
  bounded.iterate_upper_bound = &upper_slice;
  bounded.adaptive_readahead = true;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(bounded, cf_.events));
  RecordView r;
  for (desc ? it->SeekToLast() : it->SeekToFirst(); it->Valid(); desc ? it->Prev() : it->Next()) {
    if (!DecodeRecord(it->value().ToStringView(), &r)) return Internal("corrupt event record");
    if (r.time < spec.from.ms || r.time >= spec.to.ms || !RecordMatches(r, spec.matches)) continue;
    uint64_t id = GetU64(it->key().data() + 4);
    if (visit(StoredEvent{EventId{id}, TimeMs{r.time}, r.canonical}) == Visit::kStop) {
      return Status::Ok();
    }
  }
  return FromRocks(it->status(), "scan");
}

}  // namespace trailkeep::store::rocksdb_store
