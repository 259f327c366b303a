// Opening the embedded store: options per column family, recovery of the
// last id and the tenant dictionary, and shutdown.
#include <filesystem>
#include <system_error>

#include <rocksdb/cache.h>
#include <rocksdb/convenience.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>
#include <rocksdb/utilities/options_util.h>

#include "store/rocksdb/counts_merge_operator.h"
#include "store/rocksdb/open_rocksdb.h"
#include "store/rocksdb/keys.h"
#include "store/rocksdb/rocksdb_event_store.h"
#include "store/rocksdb/status_adapter.h"

namespace trailkeep::store::rocksdb_store {
namespace {

constexpr const char* kEventsCf = "events";
constexpr const char* kIndexCf = "index";
constexpr const char* kCountsCf = "counts";

// The best compressor this RocksDB build supports, preferring LZ4 (fast
// enough to stay off the ingest path's critical section).
rocksdb::CompressionType BestCompression() {
  std::vector<rocksdb::CompressionType> supported = rocksdb::GetSupportedCompressions();
  for (rocksdb::CompressionType want :
       {rocksdb::kLZ4Compression, rocksdb::kSnappyCompression, rocksdb::kZSTD}) {
    for (rocksdb::CompressionType have : supported) {
      if (have == want) return want;
    }
  }
  return rocksdb::kNoCompression;
}

rocksdb::ColumnFamilyOptions CfOptions(const std::shared_ptr<rocksdb::Cache>& cache,
                                       bool bloom, rocksdb::CompressionType compression) {
  rocksdb::ColumnFamilyOptions o;
  rocksdb::BlockBasedTableOptions t;
  t.block_cache = cache;
  t.cache_index_and_filter_blocks = true;
  t.pin_l0_filter_and_index_blocks_in_cache = true;
  if (bloom) t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
  o.compression = compression;
  o.write_buffer_size = 64u << 20;
  o.level_compaction_dynamic_level_bytes = true;
  return o;
}

}  // namespace

Result<std::unique_ptr<EventStore>> RocksDbEventStore::Open(const StoreOptions& options) {
  std::error_code ec;
  std::filesystem::create_directories(options.path, ec);
  if (ec) return Internal("cannot create data directory " + options.path + ": " + ec.message());

  rocksdb::DBOptions db_options;
  db_options.create_if_missing = true;
  db_options.create_missing_column_families = true;
  db_options.max_background_jobs = 2;
  db_options.bytes_per_sync = 1u << 20;
  db_options.allow_concurrent_memtable_write = true;
  db_options.enable_write_thread_adaptive_yield = true;
  db_options.keep_log_file_num = 4;

  auto cache = rocksdb::NewLRUCache(options.block_cache_bytes);
  rocksdb::ColumnFamilyOptions meta = CfOptions(cache, true, rocksdb::kNoCompression);
  rocksdb::ColumnFamilyOptions events = CfOptions(cache, true, BestCompression());
  // The index serves range scans and uid lookups (point reads that usually
  // miss, which a bloom filter answers without reading data blocks).
  rocksdb::ColumnFamilyOptions index = CfOptions(cache, true, BestCompression());
  rocksdb::ColumnFamilyOptions counts = CfOptions(cache, false, BestCompression());
  counts.merge_operator = NewCountsMergeOperator();

  std::vector<rocksdb::ColumnFamilyDescriptor> cfs = {
      {rocksdb::kDefaultColumnFamilyName, meta},
      {kEventsCf, events},
      {kIndexCf, index},
      {kCountsCf, counts},
  };
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(db_options, options.path, cfs, &handles, &raw);
  if (!s.ok()) return FromRocks(s, "open " + options.path);

  std::unique_ptr<RocksDbEventStore> store(
      new RocksDbEventStore(options, std::unique_ptr<rocksdb::DB>(raw), std::move(handles)));
  TK_RETURN_IF_ERROR(store->LoadState());
  store->writer_ = std::thread([p = store.get()] { p->WriterLoop(); });
  return std::unique_ptr<EventStore>(std::move(store));
}

RocksDbEventStore::RocksDbEventStore(const StoreOptions& options, std::unique_ptr<rocksdb::DB> db,
                                     std::vector<rocksdb::ColumnFamilyHandle*> handles)
    : options_(options),
      clock_(options.clock ? options.clock : &SystemClock::Get()),
      db_(std::move(db)),
      handles_(std::move(handles)) {
  cf_.meta = handles_[0];
  cf_.events = handles_[1];
  cf_.index = handles_[2];
  cf_.counts = handles_[3];
  meta_ = std::make_unique<RocksDbMetaStore>(db_.get(), cf_.meta);
  builder_ = std::make_unique<CommitGroupBuilder>(db_.get(), cf_, tenants_);
}

RocksDbEventStore::~RocksDbEventStore() {
  {
    std::lock_guard lock(queue_mu_);
    stopping_ = true;
  }
  queue_cv_.notify_all();
  if (writer_.joinable()) writer_.join();
  meta_.reset();
  for (rocksdb::ColumnFamilyHandle* h : handles_) {
    db_->DestroyColumnFamilyHandle(h).PermitUncheckedError();
  }
  db_->Close().PermitUncheckedError();
}

Status RocksDbEventStore::LoadState() {
  std::string value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), cf_.meta, kLastIdKey, &value);
  if (s.ok()) {
    if (value.size() != 8) return Internal("corrupt s/last_id");
    last_id_.store(GetU64(value.data()));
  } else if (!s.IsNotFound()) {
    return FromRocks(s, "read last id");
  }

  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cf_.meta));
  for (it->Seek(kTenantByNamePrefix); it->Valid() && it->key().starts_with(kTenantByNamePrefix);
       it->Next()) {
    if (it->value().size() != 4) return Internal("corrupt tenant dictionary");
    std::string name = it->key().ToString().substr(kTenantByNamePrefix.size());
    tenants_.Add(std::move(name), GetU32(it->value().data()));
  }
  return FromRocks(it->status(), "read tenants");
}

}  // namespace trailkeep::store::rocksdb_store

namespace trailkeep::store::rocksdb_store {

Result<std::unique_ptr<EventStore>> OpenRocksDbEventStore(const StoreOptions& options) {
  return RocksDbEventStore::Open(options);
}

}  // namespace trailkeep::store::rocksdb_store
