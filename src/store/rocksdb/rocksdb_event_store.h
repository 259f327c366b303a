// RocksDbEventStore: the embedded EventStore (docs/storage.md). Internal to
// the store module; only store/open.cc names it.
//
// Its implementation is split by concern:
//   rocksdb_open.cc     opening, options, recovery of last id and tenants
//   rocksdb_write.cc    Append and the group-commit writer (build and commit threads)
//   prepared_batch.cc   encoding records on the appending thread
//   commit_group.cc     turning a group of batches into one WriteBatch
//   rocksdb_count.cc    Count from per-bucket counts and key-only scans
//   rocksdb_scan.cc     Scan in time order (time index or postings)
//   rocksdb_scan_id.cc  Scan in id order (events in the id range of a window)
//   rocksdb_blocks.cc   posting blocks: the buffer at open, the epoch writer
//                       thread, and reading a value's blocks
//   rocksdb_records.cc  records of unstored epochs: the buffer at open and
//                       writing them as files
//   rocksdb_read.cc     Get, ListTenants, sizes, listener
//
// Thread safety: every public method is safe to call concurrently.
#pragma once

#include <rocksdb/db.h>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "base/clock.h"
#include "store/event_store.h"
#include "store/open.h"
#include "store/rocksdb/commit_group.h"
#include "store/rocksdb/index_cursor.h"
#include "store/rocksdb/posting_buffer.h"
#include "store/rocksdb/record_buffer.h"
#include "store/rocksdb/rocksdb_meta_store.h"
#include "store/rocksdb/tenant_dictionary.h"
#include "store/rocksdb/value_dictionary.h"
#include "store/rocksdb/window_plan.h"

namespace trailkeep::store::rocksdb_store {

class RocksDbEventStore final : public EventStore {
 public:
  // Opens or creates the store at options.path. Errors: kUnavailable when
  // another process holds the directory, kInternal for I/O or corruption.
  static Result<std::unique_ptr<EventStore>> Open(const StoreOptions& options);

  // Stops the writer (pending appends fail with kUnavailable) and closes.
  ~RocksDbEventStore() override;

  Result<AppendResult> Append(const AppendBatch& batch) override;
  Result<std::optional<std::string>> Get(const TenantId& tenant, EventId id) override;
  Status Scan(const ScanSpec& spec, const Visitor& visit) override;
  Result<uint64_t> Count(const CountSpec& spec) override;
  // entity.id only (value_dictionary.h); nullopt for other fields.
  Result<std::optional<std::vector<std::string>>> ValuesContaining(const TenantId& tenant,
                                                                   model::IndexedField field,
                                                                   std::string_view needle,
                                                                   size_t max_values) override;
  Result<std::optional<IdSpan>> IdSpanOf(const TenantId& tenant, TimeMs from, TimeMs to) override;
  Result<std::vector<BucketStat>> BucketStats(const TenantId& tenant, TimeMs from, TimeMs to,
                                              int64_t grain_ms) override;
  EventId LastCommittedId() const override { return EventId{last_id_.load()}; }
  Result<std::vector<TenantId>> ListTenants() override;
  void SetCommitListener(std::function<void(EventId)> listener) override;
  MetaStore& Meta() override { return *meta_; }
  uint64_t ApproximateSizeBytes() override;
  uint64_t BackgroundWorkPending() override;
  uint64_t BufferedIndexBytes() const override { return postings_.MemoryBytes(); }
  uint64_t BufferedRecordBytes() const override { return records_.MemoryBytes(); }
  WriteVolume WrittenSinceOpen() const override {
    return {written_entries_.load(), written_bytes_.load()};
  }

 private:
  // An Append waiting for the writer; lives on the caller's stack.
  struct PendingAppend {
    const AppendBatch* batch;
    const PreparedBatch* prepared;
    std::optional<Result<AppendResult>> result;  // set by the writer
    std::condition_variable done;
  };

  RocksDbEventStore(const StoreOptions& options, std::unique_ptr<rocksdb::DB> db,
                    std::vector<rocksdb::ColumnFamilyHandle*> handles);
  Status LoadState();  // last id and tenant dictionary
  // Rebuilds the RecordBuffer from the log data of the retained WAL files
  // (the records after the records mark) and raises the last id to its
  // highest. REQUIRES: after LoadState.
  Status LoadRecordBuffer();
  // Writes the buffered records with ids up to `last_id` as one file of
  // `events`, ingests it, then moves the records mark (synced) and drops
  // them from the buffer. No-op when they are stored already.
  Status StoreRecords(uint64_t last_id);
  // Deletes the archived WAL files that hold no record after
  // `stored_last_id`: all of them once every committed record is stored.
  void DropArchivedWals(uint64_t stored_last_id);
  // Rebuilds the PostingBuffer: the block fields' postings of the events
  // after the last stored epoch (read from their records). Empties the
  // directory where StoreEpoch builds block files (BlockIngestDir).
  Status LoadPostingBuffer();
  // The posting-blocks writer thread: writes the blocks of each epoch once
  // it is complete, then marks it stored (posting_buffer.h).
  void BlocksLoop();
  // The blocks thread runs at the lowest CPU priority. Before building a
  // group, the writer waits while options_.max_unstored_epochs complete
  // epochs are still only buffered, so that under sustained load the
  // buffer stays bounded; for at most a second, and not while the blocks
  // thread is failing (queries read unstored epochs from the buffer).
  void WaitForBlocks();
  // Called by the blocks thread each time it has waited kIdleFlushAfter
  // without a complete epoch: once appends have paused for a whole such
  // wait, flushes every memtable holding groups written since the last
  // idle flush (idle_flushed_last_id_). Under load, `index` and `counts` flush
  // when the WAL reaches max_total_wal_size (rocksdb_open.cc); until then
  // queries read them from memtables, where scans and count merges cost up
  // to twice as much, and a pause in ingestion would leave them there.
  void FlushIfIdle();
  Status StoreEpoch(uint64_t e);
  // Writes `value` (u64) under `key` in `cf`, a stored mark, and counts it
  // in the write volume. kSynced: logged and synced before it returns;
  // kUnlogged: no WAL (durable once its memtable is flushed).
  enum class MarkWrite { kSynced, kUnlogged };
  Status PutMark(rocksdb::ColumnFamilyHandle* cf, std::string_view key, uint64_t value,
                 MarkWrite how);
  // Builds one SST file of `cf` (BlockIngestDir/`name`.sst) at the column
  // family's bottommost compression from the entries `fill` puts, in key
  // order, and ingests it whole: no memtable, no flush, no compaction.
  // Nothing is ingested when `fill` puts no entry.
  using PutEntry = std::function<Status(std::string_view key, std::string_view value)>;
  Status IngestFile(rocksdb::ColumnFamilyHandle* cf, const std::string& name,
                    const std::function<Status(const PutEntry&)>& fill);
  // The postings of each of `values` over [from, to): their stored blocks of
  // the epochs of the window's id range (one MultiGet for all), and their
  // buffered entries. REQUIRES: HasBlockPostings(f); `values` sorted and
  // distinct (UniqueValues).
  Result<std::vector<std::unique_ptr<BlockSet>>> LoadBlocks(const rocksdb::ReadOptions& ro,
                                                            TenantOrdinal t, model::IndexedField f,
                                                            const std::vector<std::string>& values,
                                                            int64_t from, int64_t to);
  // One cursor per distinct value of `m` on its postings: blocks or runs by
  // field.
  Result<std::vector<IndexCursor>> OpenPostingCursors(const rocksdb::ReadOptions& ro,
                                                      TenantOrdinal t, const FieldMatch& m,
                                                      const ScanSpec& spec, bool desc);
  // The values of `m`, sorted, each once.
  static std::vector<std::string> UniqueValues(const FieldMatch& m);
  // The postings of (f, any of `values`) with time in `r`, up to `limit`.
  Result<uint64_t> CountPostings(const rocksdb::ReadOptions& ro, TenantOrdinal t,
                                 model::IndexedField f, const std::vector<std::string>& values,
                                 TimeRange r, uint64_t limit);

  // A group of queued appends, built into one WriteBatch after `base` (the
  // last id it assumes is committed before it).
  struct BuiltGroup {
    std::vector<PendingAppend*> appends;
    GroupOutput out;
    uint64_t base = 0;
  };
  // The writer is a two-stage pipeline (docs/storage.md, "Ids and
  // commits"): WriterLoop builds group N+1 while CommitLoop writes group N.
  void WriterLoop();
  void CommitLoop();
  // (Re)builds g->out with ids after `base`.
  void BuildGroup(BuiltGroup* g, uint64_t base);
  void WriteGroup(BuiltGroup* g);
  // True when building `appends` must wait for the group being written:
  // its uid and Idempotency-Key lookups read the store.
  static bool ReadsCommittedState(const std::vector<PendingAppend*>& appends);

  // Count over [from, to) for one tenant, read through `ro`: exact, or
  // `limit` when there are at least `limit` (the scan of postings stops there).
  Result<uint64_t> CountWindow(const rocksdb::ReadOptions& ro, TenantOrdinal t, int64_t from,
                               int64_t to, const FieldMatch* match, uint64_t limit);
  // The exact count of one value of a field with kept counts (kAllField:
  // all events) over [from, to). REQUIRES: CountGrainsOf(field).
  Result<uint64_t> CountValue(const rocksdb::ReadOptions& ro, TenantOrdinal t, uint8_t field,
                              std::string_view value, int64_t from, int64_t to);
  // A lower bound of the tenant's events in [from, to), from the kept counts
  // of the window's whole buckets of its coarsest grain only (a 7-day
  // window: its whole days, at most 7 keys). Exact when the window is whole
  // buckets of one grain.
  Result<uint64_t> CountCoarseLowerBound(const rocksdb::ReadOptions& ro, TenantOrdinal t,
                                         int64_t from, int64_t to);
  // Keys `prefix` + (time, id) with time in `r` in the index, up to `limit`.
  Result<uint64_t> CountIndexKeys(const rocksdb::ReadOptions& ro, const std::string& prefix,
                                  TimeRange r, uint64_t limit);
  // Events in `r` whose `field` equals `value`, tested on their records
  // (for fields without postings; used on partial buckets only).
  Result<uint64_t> CountByRecords(const rocksdb::ReadOptions& ro, TenantOrdinal t,
                                  model::IndexedField field, std::string_view value, TimeRange r);
  // The smallest id range holding every event of [from, to); nullopt if none.
  Result<std::optional<std::pair<uint64_t, uint64_t>>> IdRange(const rocksdb::ReadOptions& ro,
                                                               TenantOrdinal t, int64_t from,
                                                               int64_t to);
  // The access path of a scan: the index of the match (among those whose
  // field has postings) with the smallest count over the window, with that
  // count capped at `cap` (UINT64_MAX when it is the only candidate and
  // cap is UINT64_MAX: not counted). nullopt when no match has postings.
  Result<std::optional<std::pair<size_t, uint64_t>>> CheapestMatch(const rocksdb::ReadOptions& ro,
                                                                   TenantOrdinal t,
                                                                   const ScanSpec& spec,
                                                                   uint64_t cap);

  Status ScanByTime(const rocksdb::ReadOptions& ro, TenantOrdinal t, const ScanSpec& spec,
                    const Visitor& visit);
  // Id order through the postings of spec.matches[match] (walked in time
  // order, emitted in id order as IdBounds allows), ids within [lo, hi]
  // (the window's postings need no id range: [lo, hi] only applies `after`).
  Status ScanPostingsById(const rocksdb::ReadOptions& ro, TenantOrdinal t, const ScanSpec& spec,
                          size_t match, uint64_t lo, uint64_t hi, const Visitor& visit);
  Status ScanById(const rocksdb::ReadOptions& ro, TenantOrdinal t, const ScanSpec& spec,
                  const Visitor& visit);
  // Calls visit(id, record) for tenant t's records in `events` with ids in
  // [lo, hi], in id order (descending when `desc`), until it returns false.
  Status WalkStoredRecords(const rocksdb::ReadOptions& ro, TenantOrdinal t, uint64_t lo,
                           uint64_t hi, bool desc,
                           const std::function<bool(uint64_t, std::string_view)>& visit);
  // Fetches records of `ids` (one MultiGet), and visits those that pass the
  // window and `matches` (skipping match index `skip`). Sets *stop on kStop.
  Status FetchAndVisit(const rocksdb::ReadOptions& ro, TenantOrdinal t,
                       const std::vector<uint64_t>& ids, const ScanSpec& spec, size_t skip,
                       const Visitor& visit, bool* stop);

  const StoreOptions options_;
  const Clock* const clock_;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;  // owned; destroyed before db_
  ColumnFamilies cf_;
  TenantDictionary tenants_;
  ValueDictionary values_;
  std::atomic<uint64_t> last_id_{0};
  bool layout_ok_ = false;  // LoadState found (or wrote) this build's layout
  // Entries and bytes of the successful group writes (WrittenSinceOpen).
  std::atomic<uint64_t> written_entries_{0}, written_bytes_{0};
  std::unique_ptr<RocksDbMetaStore> meta_;

  std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::vector<PendingAppend*> queue_;  // guarded by queue_mu_
  bool stopping_ = false;              // guarded by queue_mu_
  std::thread writer_;
  std::unique_ptr<CommitGroupBuilder> builder_;  // used only by the writer thread

  std::mutex commit_mu_;
  std::condition_variable commit_cv_;
  std::unique_ptr<BuiltGroup> in_flight_;  // guarded by commit_mu_: being written
  bool commit_stopping_ = false;           // guarded by commit_mu_

  PostingBuffer postings_;
  RecordBuffer records_;
  // Per posting epoch, the WAL file that was current before the first group
  // with ids in it was written: older WAL files hold only earlier epochs.
  std::mutex wal_mu_;
  std::map<uint64_t, uint64_t> epoch_first_wal_;  // guarded by wal_mu_
  std::mutex blocks_mu_;
  std::condition_variable blocks_cv_;         // an epoch is complete, or stopping
  std::condition_variable blocks_stored_cv_;  // the blocks thread stored an epoch
  bool blocks_stopping_ = false;  // guarded by blocks_mu_
  bool blocks_failing_ = false;   // guarded by blocks_mu_: the last StoreEpoch failed
  std::thread blocks_writer_;
  // last_id_ when the blocks thread last flushed the memtables after a
  // pause (FlushIfIdle), stored once that flush is scheduled: while it is
  // below last_id_, a flush is due and counts as background work.
  std::atomic<uint64_t> idle_flushed_last_id_{0};
  uint64_t idle_seen_last_id_ = 0;  // blocks thread only: last_id_ at its last wait

  std::mutex listener_mu_;
  std::function<void(EventId)> listener_;  // guarded by listener_mu_
};

// Whether the close is to leave the last records in the WAL (write_fault.h).
bool RecordsKeptBufferedAtClose();

// The directory under the store's where StoreEpoch builds each epoch's block
// file before ingesting it (a hard link: the same file system).
std::string BlockIngestDir(const std::string& data_dir);

}  // namespace trailkeep::store::rocksdb_store
