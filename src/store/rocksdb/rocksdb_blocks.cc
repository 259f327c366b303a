// Posting blocks (docs/storage.md, "Posting blocks"): the buffer of
// unstored postings at open, the thread that writes each complete epoch's
// blocks, and reading one value's blocks and buffered entries.
#include <rocksdb/sst_file_writer.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <future>

#include "base/thread_priority.h"
#include "store/rocksdb/field_layout.h"
#include "store/rocksdb/keys.h"
#include "store/rocksdb/record.h"
#include "store/rocksdb/rocksdb_event_store.h"
#include "store/rocksdb/status_adapter.h"
#include "store/rocksdb/write_fault.h"

namespace trailkeep::store::rocksdb_store {
namespace {

// How long the blocks thread waits for a complete epoch before it checks
// whether appends have paused (FlushIfIdle): memtables are flushed one to
// two such waits after the last append.
constexpr auto kIdleFlushAfter = std::chrono::seconds(1);

// Events per chunk when the buffer is rebuilt at open.
constexpr size_t kRebuildChunkEvents = 4096;

std::atomic<bool> fail_marks{false};
std::atomic<uint64_t> failed_marks{0};
std::atomic<bool> hold_blocks{false};
std::atomic<uint64_t> waits_for_blocks{0};

}  // namespace

void FailBlockMarks(bool on) { fail_marks.store(on); }
uint64_t FailedBlockMarks() { return failed_marks.load(); }
void HoldBlocks(bool on) { hold_blocks.store(on); }
uint64_t WritesWaitedForBlocks() { return waits_for_blocks.load(); }

std::string BlockIngestDir(const std::string& data_dir) {
  return (std::filesystem::path(data_dir) / "ingest").string();
}

Status RocksDbEventStore::LoadPostingBuffer() {
  // Files a crash left before their ingestion; their epochs are rebuilt.
  const std::string ingest_dir = BlockIngestDir(options_.path);
  std::error_code ec;
  std::filesystem::remove_all(ingest_dir, ec);
  std::filesystem::create_directories(ingest_dir, ec);
  if (ec) return Internal("cannot create " + ingest_dir + ": " + ec.message());
  std::string value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), cf_.blocks, kStoredEpochKey, &value);
  uint64_t stored_last_id = 0;
  if (s.ok()) {
    if (value.size() != 8) return Internal("corrupt stored-epoch mark");
    stored_last_id = PostingEpochLastId(GetU64(value.data()));
  } else if (!s.IsNotFound()) {
    return FromRocks(s, "read stored-epoch mark");
  }
  postings_.Reset(stored_last_id);

  // The events after the mark, in key order: by event epoch, then tenant.
  std::string start;
  PutU64(&start, EventEpoch(stored_last_id + 1));
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cf_.events));
  std::vector<std::shared_ptr<PostingChunk>> chunks;
  auto chunk = std::make_shared<PostingChunk>();
  size_t events = 0;
  RecordView r;
  codec::CanonicalFields fields;
  auto add = [&](TenantOrdinal t, uint64_t id, std::string_view record) {
    if (!DecodeRecord(record, &r) || !fields.Parse(r.canonical)) return false;
    for (model::IndexedField f : model::kAllIndexedFields) {
      std::optional<std::string_view> v = fields.Get(f);
      if (v && HasBlockPostings(f)) chunk->Add(t, f, *v, TimeId{r.time, id});
    }
    if (++events % kRebuildChunkEvents == 0) {
      chunks.push_back(std::move(chunk));
      chunk = std::make_shared<PostingChunk>();
    }
    return true;
  };
  for (it->Seek(start); it->Valid(); it->Next()) {
    std::optional<EventKeyParts> k = ParseEventKey(it->key().ToStringView());
    if (!k) return Internal("corrupt event key");
    if (k->id <= stored_last_id) continue;
    if (!add(k->tenant, k->id, it->value().ToStringView())) return Internal("corrupt event record");
  }
  TK_RETURN_IF_ERROR(FromRocks(it->status(), "rebuild posting buffer"));
  // Then the records that are only buffered (LoadRecordBuffer ran first).
  const RecordBuffer::View records = records_.Capture();
  for (const auto& c : records.chunks) {
    for (const RecordChunk::Entry& e : c->entries()) {
      if (e.id <= std::max(stored_last_id, records.stored_last_id)) continue;
      if (!add(e.tenant, e.id, c->RecordOf(e))) return Internal("corrupt buffered record");
    }
  }
  chunks.push_back(std::move(chunk));
  for (auto& c : chunks) {
    c->Seal();
    postings_.Append(std::move(c));
  }
  return Status::Ok();
}

void RocksDbEventStore::BlocksLoop() {
  // Blocks are background work: the request path (parsing, the group
  // builder, the commit thread) goes first, and WaitForBlocks bounds the
  // lag. Each of the bench's 2 connections has one batch in flight, so
  // every stage's wait adds to every acknowledgement.
  // Where the OS refuses, the thread keeps its priority: acknowledgements
  // are then only slower.
  static_cast<void>(LowerThreadCpuPriority());
  for (;;) {
    uint64_t e;
    bool stopping;
    {
      std::unique_lock lock(blocks_mu_);
      auto complete = [&] { return postings_.CompleteUnstored(last_id_.load()) > 0; };
      if (!blocks_cv_.wait_for(lock, kIdleFlushAfter,
                               [&] { return blocks_stopping_ || complete(); })) {
        lock.unlock();
        FlushIfIdle();
        continue;
      }
      // At close (the writer has stopped), complete epochs are still
      // written, so that the next open rebuilds at most one epoch.
      if (!complete()) return;
      stopping = blocks_stopping_;
      if (!stopping && hold_blocks.load()) {  // write_fault.h
        blocks_cv_.wait_for(lock, std::chrono::milliseconds(10));
        continue;
      }
      e = postings_.NextEpoch();
    }
    const bool stored = StoreEpoch(e).ok();
    {
      // Either way the writer may stop waiting: for the stored epoch, or
      // because a failing thread should not hold appends back.
      std::lock_guard lock(blocks_mu_);
      blocks_failing_ = !stored;
    }
    blocks_stored_cv_.notify_all();
    if (!stored) {
      if (stopping) return;
      // The epoch stays buffered (queries read it there) and is written
      // again later; a restart rebuilds it from the events.
      std::unique_lock lock(blocks_mu_);
      blocks_cv_.wait_for(lock, std::chrono::seconds(1), [&] { return blocks_stopping_; });
    }
  }
}

void RocksDbEventStore::FlushIfIdle() {
  const uint64_t last = last_id_.load();
  if (last != idle_seen_last_id_) {  // appends during this wait
    idle_seen_last_id_ = last;
    return;
  }
  if (last == idle_flushed_last_id_.load()) return;
  rocksdb::FlushOptions fo;
  fo.wait = false;  // RocksDB's flush thread writes them; pending work until then
  fo.allow_write_stall = true;
  // Every group up to `last` is in the memtables this switches; a later
  // one leaves the flush due again. Moved only once the flush is
  // scheduled, so the store never reports no work in between.
  if (db_->Flush(fo, handles_).ok()) idle_flushed_last_id_.store(last);
}

void RocksDbEventStore::WaitForBlocks() {
  std::unique_lock lock(blocks_mu_);
  auto go_on = [&] {
    return blocks_stopping_ || blocks_failing_ ||
           postings_.CompleteUnstored(last_id_.load()) < options_.max_unstored_epochs;
  };
  if (go_on()) return;
  waits_for_blocks.fetch_add(1);
  blocks_stored_cv_.wait_for(lock, std::chrono::seconds(1), go_on);
}

Status RocksDbEventStore::StoreEpoch(uint64_t e) {
  // With buffered durability the epoch's last groups may still be only in
  // the OS's page cache. Blocks become durable when their memtable is
  // flushed, so without this a power loss could keep blocks listing ids
  // that the WAL replay loses, and that later events would then reuse.
  if (options_.durability != Durability::kSync) {
    TK_RETURN_IF_ERROR(FromRocks(db_->SyncWAL(), "sync WAL before posting blocks"));
  }
  // The epoch's records, on a second thread while this one writes the
  // blocks. The posting mark still never passes the records mark (it is
  // written below, once both are stored), so an open rebuilds the postings
  // from records it can read. The thread inherits this one's priority
  // (Linux keeps nice per thread). One thread did both in turn: while it
  // lagged, the writer waited (WaitForBlocks) with one core working and the
  // other idle, ~10% of a 3M bench load.
  std::future<Status> records =
      std::async(std::launch::async, [this, e] { return StoreRecords(PostingEpochLastId(e)); });
  const PostingBuffer::View view = postings_.Capture();
  // One file per epoch (an epoch may hold no block at all). Its keys lead
  // with the epoch, so it lands in the last level beside the older epochs.
  std::string key;
  uint64_t entries = 0, bytes = 0;
  TK_RETURN_IF_ERROR(IngestFile(cf_.blocks, "epoch-" + std::to_string(e), [&](const PutEntry& put) {
    Status status;
    PostingBuffer::BuildEpoch(view, e, [&](TenantOrdinal t, model::IndexedField f,
                                           std::string_view value, std::string_view block) {
      if (!status.ok()) return;  // the epoch is written again later
      key.clear();
      AppendBlockKey(&key, e, t, f, value);
      status = put(key, block);
      ++entries;
      bytes += key.size() + block.size();
    });
    return status;
  }));
  TK_RETURN_IF_ERROR(records.get());
  if (fail_marks.load()) {
    failed_marks.fetch_add(1);
    return Unavailable("injected stored-mark write failure (write_fault.h)");
  }
  // The mark, after the blocks it covers. Not logged: a crash loses at most
  // the unflushed mark, and the next open rebuilds those epochs from the
  // events and ingests them again (the newer copy wins; it is the same).
  TK_RETURN_IF_ERROR(PutMark(cf_.blocks, kStoredEpochKey, e, MarkWrite::kUnlogged));
  written_entries_.fetch_add(entries, std::memory_order_relaxed);
  written_bytes_.fetch_add(bytes, std::memory_order_relaxed);
  postings_.MarkStored(e);
  return Status::Ok();
}

Status RocksDbEventStore::PutMark(rocksdb::ColumnFamilyHandle* cf, std::string_view key,
                                  uint64_t value, MarkWrite how) {
  rocksdb::WriteOptions wo;
  wo.sync = how == MarkWrite::kSynced;
  wo.disableWAL = how == MarkWrite::kUnlogged;
  std::string bytes;
  PutU64(&bytes, value);
  const rocksdb::Status s = db_->Put(wo, cf, rocksdb::Slice(key.data(), key.size()), bytes);
  if (!s.ok()) return FromRocks(s, "write the stored mark of " + cf->GetName());
  written_entries_.fetch_add(1, std::memory_order_relaxed);
  written_bytes_.fetch_add(key.size() + bytes.size(), std::memory_order_relaxed);
  return Status::Ok();
}

Status RocksDbEventStore::IngestFile(rocksdb::ColumnFamilyHandle* cf, const std::string& name,
                                     const std::function<Status(const PutEntry&)>& fill) {
  const std::string path =
      (std::filesystem::path(BlockIngestDir(options_.path)) / (name + ".sst")).string();
  rocksdb::SstFileWriter writer(rocksdb::EnvOptions(), db_->GetOptions(cf), cf);
  Status status = FromRocks(writer.Open(path), "open " + name);
  bool any = false;
  if (status.ok()) {
    status = fill([&](std::string_view key, std::string_view value) {
      any = true;
      // Called for every record and block: the message only on failure.
      const rocksdb::Status s = writer.Put(rocksdb::Slice(key.data(), key.size()),
                                           rocksdb::Slice(value.data(), value.size()));
      return s.ok() ? Status::Ok() : FromRocks(s, "write " + name);
    });
  }
  if (status.ok() && any) {
    status = FromRocks(writer.Finish(), "finish " + name);
    if (status.ok()) {
      rocksdb::IngestExternalFileOptions ingest;
      ingest.move_files = true;  // a hard link into the store, not a copy
      status = FromRocks(db_->IngestExternalFile(cf, {path}, ingest), "ingest " + name);
    }
  }
  std::error_code ec;
  std::filesystem::remove(path, ec);  // left behind unless it was moved in
  return status;
}

Result<std::vector<std::unique_ptr<BlockSet>>> RocksDbEventStore::LoadBlocks(
    const rocksdb::ReadOptions& ro, TenantOrdinal t, model::IndexedField f,
    const std::vector<std::string>& values, int64_t from, int64_t to) {
  std::vector<std::unique_ptr<BlockSet>> sets;
  // The buffer first: its mark tells which epochs are in blocks, which were
  // written before the mark moved past them.
  const PostingBuffer::View view = postings_.Capture();
  for (const std::string& v : values) {
    std::vector<TimeId> buffered;
    view.Find(t, f, v, &buffered);
    sets.push_back(std::make_unique<BlockSet>());
    sets.back()->SetBuffered(std::move(buffered));
  }
  if (view.stored_last_id == 0 || from >= to || values.empty()) return sets;
  TK_ASSIGN_OR_RETURN(auto range, IdRange(ro, t, from, to));
  if (!range) return sets;
  const uint64_t first = PostingEpoch(range->first);
  const uint64_t last = std::min(PostingEpoch(range->second), PostingEpoch(view.stored_last_id));
  if (first > last) return sets;
  // Keys in (epoch, value) order, which is key order.
  std::string key_bytes;
  std::vector<size_t> ends;
  for (uint64_t e = first; e <= last; ++e) {
    for (const std::string& v : values) {
      AppendBlockKey(&key_bytes, e, t, f, v);
      ends.push_back(key_bytes.size());
    }
  }
  const size_t n = ends.size();
  std::vector<rocksdb::Slice> keys(n);
  for (size_t i = 0; i < n; ++i) {
    const size_t begin = i == 0 ? 0 : ends[i - 1];
    keys[i] = rocksdb::Slice(key_bytes.data() + begin, ends[i] - begin);
  }
  // Pinned, not copied: each block a set keeps holds its cache entry.
  auto blocks = std::make_shared<std::vector<rocksdb::PinnableSlice>>(n);
  std::vector<rocksdb::Status> statuses(n);
  // Blocks are written once and never change: read the latest, not the
  // scan's snapshot, which may predate blocks whose entries the buffer
  // has dropped since.
  rocksdb::ReadOptions latest = ro;
  latest.snapshot = nullptr;
  db_->MultiGet(latest, cf_.blocks, n, keys.data(), blocks->data(), statuses.data(),
                /*sorted_input=*/true);
  for (size_t i = 0; i < n; ++i) {
    if (statuses[i].IsNotFound()) continue;
    if (!statuses[i].ok()) return FromRocks(statuses[i], "read posting block");
    const uint64_t e = first + i / values.size();
    const std::shared_ptr<const void> owner(blocks, &(*blocks)[i]);
    if (!sets[i % values.size()]->AddBlock(e, (*blocks)[i].ToStringView(), owner)) {
      return Internal("corrupt posting block");
    }
  }
  return sets;
}

Result<std::vector<IndexCursor>> RocksDbEventStore::OpenPostingCursors(
    const rocksdb::ReadOptions& ro, TenantOrdinal t, const FieldMatch& m, const ScanSpec& spec,
    bool desc) {
  const model::IndexedField f = m.field;
  const std::vector<std::string> values = UniqueValues(m);
  std::vector<IndexCursor> cursors(values.size());
  if (!HasBlockPostings(f)) {
    for (size_t i = 0; i < values.size(); ++i) {
      std::string prefix;
      AppendPostingPrefix(&prefix, t, f, values[i]);
      cursors[i].Open(db_.get(), cf_.index, ro, std::move(prefix), spec, desc);
    }
    return cursors;
  }
  TK_ASSIGN_OR_RETURN(auto sets, LoadBlocks(ro, t, f, values, spec.from.ms, spec.to.ms));
  for (size_t i = 0; i < values.size(); ++i) cursors[i].OpenBlocks(std::move(sets[i]), spec, desc);
  return cursors;
}

}  // namespace trailkeep::store::rocksdb_store
