// Point reads and store-wide queries: Get, ListTenants, ApproximateSizeBytes,
// BackgroundWorkPending.
#include "store/rocksdb/keys.h"
#include "store/rocksdb/record.h"
#include "store/rocksdb/rocksdb_event_store.h"
#include "store/rocksdb/status_adapter.h"

namespace trailkeep::store::rocksdb_store {

Result<std::optional<std::string>> RocksDbEventStore::Get(const TenantId& tenant, EventId id) {
  std::optional<TenantOrdinal> t = tenants_.Find(tenant.value);
  // Buffered records of a group being written are not committed yet.
  if (!t || id.value > last_id_.load()) return std::optional<std::string>();
  // Above the records mark from the buffer, else from `events`.
  const RecordBuffer::View records = records_.Capture();
  rocksdb::PinnableSlice value;
  std::optional<std::string_view> record;
  if (id.value > records.stored_last_id) {
    record = records.Find(*t, id.value);
  } else {
    rocksdb::Status s =
        db_->Get(rocksdb::ReadOptions(), cf_.events, EventKey(*t, id.value), &value);
    if (!s.ok() && !s.IsNotFound()) return FromRocks(s, "get");
    if (s.ok()) record = value.ToStringView();
  }
  if (!record) return std::optional<std::string>();
  RecordView r;
  if (!DecodeRecord(*record, &r)) return Internal("corrupt event record");
  return std::optional<std::string>(std::string(r.canonical));
}

Result<std::vector<TenantId>> RocksDbEventStore::ListTenants() {
  std::vector<TenantId> out;
  for (std::string& name : tenants_.Names()) out.push_back(TenantId{std::move(name)});
  return out;
}

uint64_t RocksDbEventStore::ApproximateSizeBytes() {
  uint64_t total = 0;
  for (rocksdb::ColumnFamilyHandle* h : handles_) {
    uint64_t v = 0;
    if (db_->GetIntProperty(h, rocksdb::DB::Properties::kTotalSstFilesSize, &v)) total += v;
    if (db_->GetIntProperty(h, rocksdb::DB::Properties::kCurSizeAllMemTables, &v)) total += v;
  }
  return total;
}

uint64_t RocksDbEventStore::BackgroundWorkPending() {
  uint64_t total = 0, v = 0;
  // Running jobs (DB-wide), then column families with a flush or a
  // compaction waiting for a thread.
  if (db_->GetIntProperty(rocksdb::DB::Properties::kNumRunningFlushes, &v)) total += v;
  if (db_->GetIntProperty(rocksdb::DB::Properties::kNumRunningCompactions, &v)) total += v;
  for (rocksdb::ColumnFamilyHandle* h : handles_) {
    if (db_->GetIntProperty(h, rocksdb::DB::Properties::kMemTableFlushPending, &v)) total += v;
    if (db_->GetIntProperty(h, rocksdb::DB::Properties::kCompactionPending, &v)) total += v;
  }
  if (idle_flushed_last_id_.load() != last_id_.load()) ++total;  // FlushIfIdle
  return total + postings_.CompleteUnstored(last_id_.load());
}

Result<std::optional<std::vector<std::string>>> RocksDbEventStore::ValuesContaining(
    const TenantId& tenant, model::IndexedField field, std::string_view needle, size_t max_values) {
  if (!ValueDictionary::Keeps(field)) return std::optional<std::vector<std::string>>();
  std::optional<TenantOrdinal> t = tenants_.Find(tenant.value);
  if (!t) return std::optional<std::vector<std::string>>(std::vector<std::string>());
  return values_.Containing(*t, field, needle, max_values);
}

}  // namespace trailkeep::store::rocksdb_store
