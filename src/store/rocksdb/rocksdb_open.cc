// Opening the embedded store: options per column family, recovery of the
// last id and the tenant dictionary, and shutdown.
#include <algorithm>
#include <map>
#include <filesystem>
#include <system_error>

#include <rocksdb/cache.h>
#include <rocksdb/convenience.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/sst_partitioner.h>
#include <rocksdb/table.h>
#include <rocksdb/utilities/options_util.h>

#include "store/rocksdb/counts_merge_operator.h"
#include "store/rocksdb/direct_wal.h"
#include "store/rocksdb/insert_hint.h"
#include "store/rocksdb/open_rocksdb.h"
#include "store/rocksdb/keys.h"
#include "store/rocksdb/rocksdb_event_store.h"
#include "store/rocksdb/status_adapter.h"
#include "store/rocksdb/wal_crc32c.h"
#include "store/rocksdb/write_fault.h"

namespace trailkeep::store::rocksdb_store {
namespace {

constexpr const char* kEventsCf = "events";
constexpr const char* kIndexCf = "index";
constexpr const char* kCountsCf = "counts";
constexpr const char* kReplayCf = "replay";
constexpr const char* kBlocksCf = "blocks";

// The first of `prefs` this RocksDB build supports, else none.
rocksdb::CompressionType FirstSupported(std::initializer_list<rocksdb::CompressionType> prefs) {
  std::vector<rocksdb::CompressionType> supported = rocksdb::GetSupportedCompressions();
  for (rocksdb::CompressionType want : prefs) {
    if (std::find(supported.begin(), supported.end(), want) != supported.end()) return want;
  }
  return rocksdb::kNoCompression;
}

enum class Compression {
  kNone,
  // LZ4 for flushes and upper levels, ZSTD for the bottommost level.
  kFastThenStrong,
  // ZSTD everywhere: the bulk of the data (events, index) is compressed once
  // at flush, and most of it is never rewritten by a compaction.
  kStrong,
  // For the bulk (events, index, blocks): LZ4 flushes, then ZSTD level 3,
  // written once by the compaction into the bottommost level (where nearly
  // all data ends up). Level 6 stored a 10M bench load in 101.3 instead of
  // 109.4 bytes per event, for 95.3 instead of 74.4 s of CPU (192k against
  // 242k events/s): ZSTD is 4x slower at level 6 on these records (190
  // against 800 MB/s). No dictionary: on the bench corpus a 16 KiB one saved
  // 0.1% of an index file (67.26 against 67.32 MB, `sst_dump
  // --command=recompress`), and every block read would load it again
  // (docs/storage.md, "Exports").
  kBulk,
  // As kBulk, with flushes (L0) not compressed at all: for a column family
  // whose flushed files are read once, by the compaction that moves them
  // down (events).
  kBulkRawFlushes,
};

// Compacts the L0 files of `cf` into the last level, with the files there
// that overlap them. For `events`, whose keys lead with an epoch, those are
// the files of the newest epoch or two: the work is about one flush's worth.
rocksdb::Status CompactLevelZero(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf) {
  rocksdb::ColumnFamilyMetaData meta;
  db->GetColumnFamilyMetaData(cf, &meta);
  if (meta.levels.empty() || meta.levels[0].files.empty()) return rocksdb::Status::OK();
  std::string lo = meta.levels[0].files[0].smallestkey;
  std::string hi = meta.levels[0].files[0].largestkey;
  for (const rocksdb::SstFileMetaData& f : meta.levels[0].files) {
    lo = std::min(lo, f.smallestkey);
    hi = std::max(hi, f.largestkey);
  }
  const rocksdb::Slice begin(lo), end(hi);
  return db->CompactRange(rocksdb::CompactRangeOptions(), cf, &begin, &end);
}

rocksdb::CompressionType FastCompression() {
  return FirstSupported({rocksdb::kLZ4Compression, rocksdb::kSnappyCompression});
}
rocksdb::CompressionType StrongCompression() {
  return FirstSupported({rocksdb::kZSTD, rocksdb::kLZ4Compression, rocksdb::kSnappyCompression});
}

// How a column family's SST files are read.
enum class Reads {
  kRanges,        // range scans only
  kRangesMisses,  // and point reads that usually miss: a bloom filter answers them
  kPointHits,     // point reads that find their key: a hash index in each data block
};

rocksdb::ColumnFamilyOptions CfOptions(const std::shared_ptr<rocksdb::Cache>& cache, Reads reads,
                                       Compression compression, size_t block_size) {
  rocksdb::ColumnFamilyOptions o;
  rocksdb::BlockBasedTableOptions t;
  t.block_cache = cache;
  t.block_size = block_size;
  // XXH3 block checksums: far cheaper for flushes and compactions than
  // crc32c in a portable RocksDB build (no SSE4.2 crc instruction).
  t.checksum = rocksdb::kXXH3;
  t.cache_index_and_filter_blocks = true;
  t.pin_l0_filter_and_index_blocks_in_cache = true;
  if (reads == Reads::kRangesMisses) t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  if (reads == Reads::kPointHits) {
    // A point read parses at most 4 entries after its restart point instead
    // of up to 16, and finds that point by hash where RocksDB can build the
    // block's hash index: only in blocks of up to 64 KiB (past that its
    // builder would hash every key for nothing).
    t.block_restart_interval = 4;
    if (block_size <= (64u << 10)) {
      t.data_block_index_type = rocksdb::BlockBasedTableOptions::kDataBlockBinaryAndHash;
    }
  }
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
  switch (compression) {
    case Compression::kNone:
      o.compression = rocksdb::kNoCompression;
      break;
    case Compression::kFastThenStrong:
      o.compression = FastCompression();
      o.bottommost_compression = StrongCompression();
      break;
    case Compression::kStrong:
      o.compression = StrongCompression();
      break;
    case Compression::kBulk:
    case Compression::kBulkRawFlushes:
      o.compression = StrongCompression();
      if (o.compression == rocksdb::kZSTD) {
        // The same ZSTD format under another type id above the bottommost
        // level: RocksDB moves a file down without rewriting it only when
        // the two levels' compression types match. A file moved into the
        // bottommost level keeps its level-3 blocks and its sequence
        // numbers, and RocksDB rewrites it alone ("BottommostFiles") as soon
        // as a query releases its snapshot: at 10M bench events such
        // rewrites ran through the query and export phases (export 1.54M
        // events/s against ~2.0M once they were done). Now every file
        // reaches the bottommost level through a compaction, which zeroes
        // the sequence numbers and compresses once, inside the load's own
        // background work.
        o.compression = rocksdb::kZSTDNotFinalCompression;
        // Flushes (L0) in LZ4: every flushed byte is compressed again by
        // the compaction that moves it down. With posting blocks, the
        // flush thread had become the busiest background thread (ZSTD at
        // level 3 on every record). Alternating 3M bench loads: 13.6/14.2 s
        // and 25.3/26.3 CPU s against 14.8/14.8 s and 27.8/27.7 CPU s.
        // kBulkRawFlushes: events are flushed without compression. Each
        // flushed events file is read once, by the compaction that moves
        // it to L6 at ZSTD level 3, so LZ4 only cost a compression and a
        // decompression of every record; with flushes at nice 19 that CPU
        // came out of the load (at normal priority it had been as fast as
        // LZ4). Alternating 3M bench loads: 9.10/9.49/9.33 s and
        // 15.8/16.2/16.0 CPU s against 10.07/10.30/10.26 s and
        // 16.9/17.4/17.8; 10M: 33.7/33.4 s against 33.9/36.5 s. L0 files
        // are ~2.5x larger than with LZ4 until compacted (at most two
        // before the trigger; a clean close compacts them).
        o.compression_per_level.assign(static_cast<size_t>(o.num_levels),
                                       rocksdb::kZSTDNotFinalCompression);
        o.compression_per_level[0] = compression == Compression::kBulkRawFlushes
                                         ? rocksdb::kNoCompression
                                         : FastCompression();
        o.bottommost_compression = rocksdb::kZSTD;
        o.bottommost_compression_opts.enabled = true;
        o.bottommost_compression_opts.level = 3;
      }
      break;
  }
  o.write_buffer_size = 64u << 20;
  o.level_compaction_dynamic_level_bytes = true;
  return o;
}

}  // namespace

Result<std::unique_ptr<EventStore>> RocksDbEventStore::Open(const StoreOptions& options) {
  // With 0, every group would wait for the blocks thread, for a second.
  if (options.max_unstored_epochs < 1) return InvalidArgument("max_unstored_epochs must be >= 1");
  std::error_code ec;
  std::filesystem::create_directories(options.path, ec);
  if (ec) return Internal("cannot create data directory " + options.path + ": " + ec.message());

  rocksdb::DBOptions db_options;
  db_options.create_if_missing = true;
  db_options.create_missing_column_families = true;
  // One flush thread and two compaction threads (RocksDB gives a quarter of
  // the jobs, at least one, to flushes). Compactions run at nice 19 (below),
  // so the second thread takes no CPU from the commit path; it lets the
  // events' L0 compactions run while a long one of the index holds the
  // other: with one, a 10M bench load hit RocksDB's 20-file L0 slowdown on
  // `events` five times. Alternating 10M loads: 74.5/74.3 s against
  // 82.0/82.4 s. (Two compaction threads at normal priority, with
  // subcompactions, had been slower: 136.5 against 112-125 s.)
  db_options.max_background_jobs = 3;
  db_options.bytes_per_sync = 1u << 20;
  // One writer thread inserts every group (commit_group.h), so concurrent
  // memtable inserts would buy nothing; without them RocksDB honours the
  // per-prefix insert hints (insert_hint.h).
  db_options.allow_concurrent_memtable_write = false;
  db_options.enable_write_thread_adaptive_yield = true;
  db_options.keep_log_file_num = 2;
  db_options.max_log_file_size = 4u << 20;
  // The default column family (tenants, meta) is rarely written; without a
  // cap its unflushed memtable would keep every WAL file alive. Past this
  // size RocksDB flushes the column families holding the oldest WAL.
  // Since layout 12 the WAL also carries every record (~450 bytes per bench
  // event), so at 128 MiB it filled every ~290k events and every flush was
  // "WAL Full": `index` flushed ~5 MB files, and each compaction of them
  // rewrote its whole last level (value- and tenant-first keys), 5.3 of a
  // 10M load's ~40 CPU s. At 512 MiB `index` and `counts` flush closer to
  // their write buffers. 10M bench loads: 22.3 s / 38.4 CPU s against
  // 23.6-23.9 s / 42.8-43.2 CPU s, peak RSS 465 against 450 MiB (1 GiB:
  // 22.1-22.9 s, 486 MiB; 2 and 4 GiB were slower). A crash replays at
  // most this much WAL at the next open.
  db_options.max_total_wal_size = 512u << 20;
  // WAL files RocksDB no longer needs go to archive/ instead of away: the
  // records of unstored epochs are in them only (record_buffer.h).
  // DropArchivedWals deletes them once those records are stored; RocksDB
  // itself never does (ten years).
  db_options.WAL_ttl_seconds = 10ull * 365 * 24 * 3600;
  // WAL files past the page cache (direct_wal.h). Only when every group is
  // synced anyway: a buffered store's writes would wait for the device.
  if (options.durability == Durability::kSync) db_options.env = DirectWalEnv();

  // Compactions run at the lowest CPU priority (nice 19). They are the
  // largest consumer of CPU while loading (ZSTD), and under fair
  // scheduling a compaction thread took its equal share of a 2-core machine
  // from the commit thread, which every acknowledgement waits for. Now they
  // use what the commit, request and flush threads leave; when they fall
  // behind, RocksDB's own L0 limits slow the writes down as before. 10M
  // bench events: 90.9 s against 95.3 s. The pool is the process's default
  // Env, shared by every store a process opens.
  rocksdb::Env::Default()
      ->LowerThreadPoolCPUPriority(rocksdb::Env::Priority::LOW, rocksdb::CpuPriority::kLow)
      .PermitUncheckedError();
  // Flushes too. A flush that falls behind stalls the writes (two memtables
  // per column family), which frees the CPU for it. With the blocks thread
  // also at nice 19, alternating 3M bench loads (2 connections): 9.77/10.01
  // s against 11.19/11.46 s with both at normal priority. Each connection
  // has one batch in flight, so time the request path spends waiting for
  // a core adds to every acknowledgement.
  rocksdb::Env::Default()
      ->LowerThreadPoolCPUPriority(rocksdb::Env::Priority::HIGH, rocksdb::CpuPriority::kLow)
      .PermitUncheckedError();
  auto cache = rocksdb::NewLRUCache(options.block_cache_bytes);
  rocksdb::ColumnFamilyOptions meta =
      CfOptions(cache, Reads::kRangesMisses, Compression::kNone, 4u << 10);
  // Events: 128 KiB blocks (~290 records) at ZSTD level 1, without a
  // dictionary. The records' one compression (rocksdb_records.cc) was the
  // largest single cost of a load: ZSTD held ~18% of the machine's CPU at
  // 10M bench events with 64 KiB blocks at level 3. On 60 MB of bench
  // records (`zstd -b -B`): 64 KiB at level 3, 7.96 MB at 773 MB/s (2.31
  // GB/s decompressing); 128 KiB at level 1, 7.84 MB at 857 MB/s (2.70
  // GB/s); level 2 compresses worse than 1 at these sizes. Alternating 3M
  // loads, three each: 3.06/3.11/3.16 against 3.19/3.21/3.25 us of CPU per
  // event, export 2.74/2.96/2.83M against 2.62/2.74/2.73M events/s, 109.2
  // against 111.3 bytes per event, page and substring medians unchanged.
  // Against 32 KiB blocks with a 16 KiB dictionary (measured earlier): an
  // export decompresses without reloading the dictionary for every block.
  // Point reads (pages fetch their records by id) hit the block cache,
  // which holds blocks uncompressed. Reads by id almost always find their
  // key, so a bloom filter would only cost.
  rocksdb::ColumnFamilyOptions events =
      CfOptions(cache, Reads::kPointHits, Compression::kBulkRawFlushes, 128u << 10);
  events.bottommost_compression_opts.level = 1;
  // The index serves range scans only: a bloom filter would cost ~10 bytes
  // per event and answer nothing.
  rocksdb::ColumnFamilyOptions index =
      CfOptions(cache, Reads::kRanges, Compression::kBulk, 8u << 10);
  // uid and Idempotency-Key entries: point reads that usually miss, which a
  // bloom filter answers without reading data blocks.
  rocksdb::ColumnFamilyOptions replay =
      CfOptions(cache, Reads::kRangesMisses, Compression::kStrong, 4u << 10);
  rocksdb::ColumnFamilyOptions counts =
      CfOptions(cache, Reads::kRanges, Compression::kFastThenStrong, 4u << 10);
  counts.merge_operator = NewCountsMergeOperator();
  // Posting blocks: each value's block of an epoch is read by a point
  // lookup, and most values are absent from most epochs: a bloom filter
  // answers those. Each epoch arrives as one ingested file at the
  // bottommost compression (rocksdb_blocks.cc); the memtable holds only the
  // stored mark. Epoch-first keys: when an epoch is ingested again after a
  // crash, compactions cut their files at epoch boundaries, so no file of
  // older epochs is rewritten with newer ones.
  rocksdb::ColumnFamilyOptions blocks =
      CfOptions(cache, Reads::kRangesMisses, Compression::kBulk, 8u << 10);
  blocks.sst_partitioner_factory = rocksdb::NewSstPartitionerFixedPrefixFactory(8);
  // Counts are read a few hundred keys at a time by every query (bucket sums,
  // id ranges), each read merging every memtable and L0 file; the column
  // family is small (~25 bytes per event), so compacting L0 at two files is
  // cheap and keeps those reads short.
  counts.level0_file_num_compaction_trigger = 2;
  // Events too: below the trigger, flushed records stay in L0 (in LZ4 when
  // this was measured, ~2.5x their L6 size; now uncompressed, kBulkRawFlushes)
  // until more arrive, and every read by id checks each L0
  // file. At 3M bench events, alternating runs against the default of 4:
  // 114.4/115.6 against 125.7/125.9 bytes per event, page medians
  // 0.34/0.33 against 0.43/0.40 ms, loads 12.7/12.2 against 12.1/12.3 s.
  // A compaction from L0 overlaps only the newest L6 file (keys lead with
  // an epoch), so compacting sooner rewrites little.
  events.level0_file_num_compaction_trigger = 2;
  events.memtable_insert_with_hint_prefix_extractor = EventsInsertHint();
  // Larger flushes of events: each L0 -> L6 compaction (ZSTD level 6 then,
  // the slowest background job) took long enough that four more 64 MiB
  // flushes arrived meanwhile, and RocksDB merged those L0 files among
  // themselves (intra-L0: 7.4 s of CPU in a 10M load, rewriting 7.7M
  // records that went on to L6 anyway). 10M loads: 47.5/49.0 s and
  // 90.1/92.9 CPU s against 52.0/51.9 s and 99.6/99.2 CPU s; 3M loads
  // 13.0/14.0 s against 14.1/14.8 s. Costs up to 64 MiB more memory per
  // events memtable.
  events.write_buffer_size = 128u << 20;
  // Events and blocks go from L0 straight to the last level. Their keys
  // lead with an epoch, so a compaction from L0 overlaps one last-level file
  // (of the newest epoch) however large the level grows; an intermediate
  // level only compressed every byte once more (ZSTD level 3, then level 6
  // on the way down). And its files of epochs not yet in L6 were
  // "bottommost" with their sequence numbers kept, so RocksDB rewrote each
  // alone (BottommostFiles) as soon as a query released its snapshot: at 10M
  // bench events, 51 such rewrites ran through the queries and the export
  // (NDJSON export 1.79M events/s, page p99 3.5 ms). With the base level
  // pinned to L6 (up to 1 TiB per column family): one such rewrite, export
  // 2.95M events/s, page p99 0.56 ms, and 10M loads 41.9 s and 80.0 CPU s
  // against 43.8 s and 83.7 CPU s.
  events.max_bytes_for_level_base = uint64_t{1} << 40;
  blocks.max_bytes_for_level_base = uint64_t{1} << 40;
  // Compactions end their output files at epoch boundaries (keys.h), so a
  // compaction of newer events overlaps at most one older file, of the
  // newest epoch it had written, instead of one holding several.
  events.sst_partitioner_factory = rocksdb::NewSstPartitionerFixedPrefixFactory(8);
  index.memtable_insert_with_hint_prefix_extractor = IndexInsertHint();
  counts.memtable_insert_with_hint_prefix_extractor = CountsInsertHint();

  std::vector<rocksdb::ColumnFamilyDescriptor> cfs = {
      {rocksdb::kDefaultColumnFamilyName, meta},
      {kEventsCf, events},
      {kIndexCf, index},
      {kCountsCf, counts},
      {kReplayCf, replay},
      {kBlocksCf, blocks},
  };
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(db_options, options.path, cfs, &handles, &raw);
  if (!s.ok()) return FromRocks(s, "open " + options.path);
  rocksdb::Log(rocksdb::InfoLogLevel::INFO_LEVEL, raw->GetDBOptions().info_log,
               "trailkeep: WAL crc32c on %s", WalCrc32cName(ActiveWalCrc32c()));
  if (db_options.env == DirectWalEnv()) {
    const DirectWalFiles wal = DirectWalFilesOpened();
    rocksdb::Log(rocksdb::InfoLogLevel::INFO_LEVEL, raw->GetDBOptions().info_log,
                 "trailkeep: WAL files opened in this process: %llu with O_DIRECT, %llu buffered",
                 static_cast<unsigned long long>(wal.direct),
                 static_cast<unsigned long long>(wal.buffered));
  }

  std::unique_ptr<RocksDbEventStore> store(
      new RocksDbEventStore(options, std::unique_ptr<rocksdb::DB>(raw), std::move(handles)));
  TK_RETURN_IF_ERROR(store->LoadState());
  TK_RETURN_IF_ERROR(store->LoadRecordBuffer());
  TK_RETURN_IF_ERROR(store->LoadPostingBuffer());
  // Records recovered from the WAL (after a crash) go to a file at once, and
  // the archived WAL files with them: each run of the store starts with an
  // empty archive, so no open reads WAL files of two runs back. If that
  // fails, they stay buffered and archived (the blocks thread stores them).
  static_cast<void>(store->StoreRecords(store->last_id_.load()));
  // Whatever the open replayed from the WAL it also flushed.
  store->idle_flushed_last_id_.store(store->last_id_.load());
  store->idle_seen_last_id_ = store->last_id_.load();
  store->writer_ = std::thread([p = store.get()] { p->WriterLoop(); });
  store->blocks_writer_ = std::thread([p = store.get()] { p->BlocksLoop(); });
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
  cf_.replay = handles_[4];
  cf_.blocks = handles_[5];
  meta_ = std::make_unique<RocksDbMetaStore>(db_.get(), cf_.meta);
  builder_ = std::make_unique<CommitGroupBuilder>(db_.get(), cf_, tenants_, values_);
}

RocksDbEventStore::~RocksDbEventStore() {
  {
    std::lock_guard lock(queue_mu_);
    stopping_ = true;
  }
  queue_cv_.notify_all();
  if (writer_.joinable()) writer_.join();
  {
    std::lock_guard lock(blocks_mu_);
    blocks_stopping_ = true;
  }
  blocks_cv_.notify_all();
  if (blocks_writer_.joinable()) blocks_writer_.join();
  // The records of the last, incomplete epoch as a file too, so that the
  // closed store needs no WAL (the epoch's later records, after a restart,
  // go to a second file overlapping this one, which RocksDB compacts).
  const bool records_stored =
      layout_ok_ && !RecordsKeptBufferedAtClose() && StoreRecords(last_id_.load()).ok();
  meta_.reset();
  // A clean close leaves no WAL behind: flush every memtable so the WAL
  // files become obsolete and are deleted (on a crash, the WAL is replayed).
  // RocksDB skips the flush of an empty memtable, and a WAL stays live until
  // a flush moves past it, so a server started and stopped without a write
  // left one empty WAL file behind per restart, forever. Rewriting the
  // layout key (same value) gives the flush something to move past; only
  // when it is this build's, or a directory refused for its layout would be
  // stamped as readable.
  if (layout_ok_) {
    db_->Put(rocksdb::WriteOptions(), cf_.meta, kLayoutKey, kLayoutVersion).PermitUncheckedError();
  }
  rocksdb::FlushOptions flush;
  flush.wait = true;
  db_->Flush(flush, handles_).PermitUncheckedError();
  // The records of the last flushes sit in L0 uncompressed (LZ4 until
  // e967498: ~2.5x their size in the last level) until later writes
  // trigger a compaction: a store stopped after a load kept up to one
  // WAL's worth of events so (the 1M bench store: 136.0 bytes per event
  // at the stop, with LZ4). The close moves them down, a fraction of a
  // second of ZSTD.
  if (layout_ok_) CompactLevelZero(db_.get(), cf_.events).PermitUncheckedError();
  for (rocksdb::ColumnFamilyHandle* h : handles_) {
    db_->DestroyColumnFamilyHandle(h).PermitUncheckedError();
  }
  db_->Close().PermitUncheckedError();
  // Every record is in `events` and every memtable flushed: the files the
  // last flushes archived are not needed either.
  if (records_stored) DropArchivedWals(last_id_.load());
}

Status RocksDbEventStore::LoadState() {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cf_.meta));
  for (it->Seek(kTenantByNamePrefix); it->Valid() && it->key().starts_with(kTenantByNamePrefix);
       it->Next()) {
    if (it->value().size() != 4) return Internal("corrupt tenant dictionary");
    std::string name = it->key().ToString().substr(kTenantByNamePrefix.size());
    tenants_.Add(std::move(name), GetU32(it->value().data()));
  }
  TK_RETURN_IF_ERROR(FromRocks(it->status(), "read tenants"));

  std::string value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), cf_.meta, kLayoutKey, &value);
  if (s.IsNotFound() && tenants_.NextOrdinal() != 1) {
    return Internal("data directory " + options_.path +
                    " was written with an older storage layout; export and re-import it");
  }
  if (!s.ok() && !s.IsNotFound()) return FromRocks(s, "read layout");
  const bool upgradable = value == kUpgradableLayout || value == kRecordsInMemtableLayout;
  if (s.ok() && value != kLayoutVersion && !upgradable) {
    return Internal("data directory " + options_.path + " has storage layout " + value +
                    "; this build reads layout " + std::string(kLayoutVersion));
  }
  if (s.IsNotFound() || upgradable) {  // a new directory, or layout 10 or 11
    rocksdb::WriteOptions wo;
    wo.sync = true;
    TK_RETURN_IF_ERROR(
        FromRocks(db_->Put(wo, cf_.meta, kLayoutKey, kLayoutVersion), "write layout"));
  }
  layout_ok_ = true;

  // The value dictionary: every `T 'V' field id` chunk.
  std::unique_ptr<rocksdb::Iterator> vi(db_->NewIterator(rocksdb::ReadOptions(), cf_.index));
  for (TenantOrdinal t = 1; t < tenants_.NextOrdinal(); ++t) {
    std::string prefix;
    PutU32(&prefix, t);
    prefix.push_back(kValueTag);
    std::map<uint8_t, std::vector<std::string>> found;
    for (vi->Seek(prefix); vi->Valid() && vi->key().starts_with(prefix); vi->Next()) {
      std::string_view rest = vi->key().ToStringView().substr(prefix.size());
      if (rest.size() != 1 + 8 ||
          !DecodeValueChunk(vi->value().ToStringView(), &found[static_cast<uint8_t>(rest[0])])) {
        return Internal("corrupt value dictionary chunk");
      }
    }
    for (auto& [field, v] : found) {
      values_.Add(t, static_cast<model::IndexedField>(field), std::move(v));
    }
  }
  TK_RETURN_IF_ERROR(FromRocks(vi->status(), "read value dictionary"));

  // The last id is the highest id of an event key: ids are consumed only by
  // stored events, and a group's events are written atomically, so after a
  // crash this is the last id of the last recovered group. It is in the
  // last epoch, where each tenant's events end with its highest id.
  uint64_t last = 0;
  std::unique_ptr<rocksdb::Iterator> ev(db_->NewIterator(rocksdb::ReadOptions(), cf_.events));
  ev->SeekToLast();
  if (ev->Valid()) {
    std::optional<EventKeyParts> newest = ParseEventKey(ev->key().ToStringView());
    if (!newest) return Internal("corrupt event key");
    for (TenantOrdinal t = 1; t < tenants_.NextOrdinal(); ++t) {
      ev->SeekForPrev(EventKey(t, EpochLastId(newest->epoch)));
      if (!ev->Valid()) continue;
      std::optional<EventKeyParts> k = ParseEventKey(ev->key().ToStringView());
      if (k && k->epoch == newest->epoch && k->tenant == t) last = std::max(last, k->id);
    }
  }
  TK_RETURN_IF_ERROR(FromRocks(ev->status(), "read last id"));
  last_id_.store(last);
  return Status::Ok();
}

}  // namespace trailkeep::store::rocksdb_store

namespace trailkeep::store::rocksdb_store {

Result<std::unique_ptr<EventStore>> OpenRocksDbEventStore(const StoreOptions& options) {
  return RocksDbEventStore::Open(options);
}

}  // namespace trailkeep::store::rocksdb_store
