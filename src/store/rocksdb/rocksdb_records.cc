// Records of unstored epochs (docs/storage.md, "Records of unstored
// epochs"): the buffer rebuilt from the WAL at open, each posting epoch's
// records written once as a file of `events`, and the WAL files they no
// longer need.
#include <rocksdb/transaction_log.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>

#include "store/rocksdb/keys.h"
#include "store/rocksdb/rocksdb_event_store.h"
#include "store/rocksdb/status_adapter.h"
#include "store/rocksdb/wal_file.h"
#include "store/rocksdb/write_fault.h"

namespace trailkeep::store::rocksdb_store {
namespace {

std::atomic<bool> keep_buffered_at_close{false};
std::atomic<bool> fail_record_marks{false};
std::atomic<uint64_t> failed_record_marks{0};

// Collects the record chunks among a write batch's log data.
class ChunkCollector : public rocksdb::WriteBatch::Handler {
 public:
  explicit ChunkCollector(uint64_t stored_last_id) : stored_last_id_(stored_last_id) {}

  void LogData(const rocksdb::Slice& blob) override {
    std::optional<RecordChunk> c = RecordChunk::Parse(blob.ToStringView());
    if (!c) {
      corrupt_ = true;
      return;
    }
    if (c->empty() || c->max_id() <= stored_last_id_) return;
    if (!chunks_.empty() && c->min_id() <= chunks_.back()->max_id()) {
      corrupt_ = true;  // ids go up from group to group
      return;
    }
    chunks_.push_back(std::make_shared<const RecordChunk>(std::move(*c)));
  }
  // The other entries are RocksDB's to replay.
  rocksdb::Status PutCF(uint32_t, const rocksdb::Slice&, const rocksdb::Slice&) override {
    return rocksdb::Status::OK();
  }
  rocksdb::Status DeleteCF(uint32_t, const rocksdb::Slice&) override {
    return rocksdb::Status::OK();
  }
  rocksdb::Status SingleDeleteCF(uint32_t, const rocksdb::Slice&) override {
    return rocksdb::Status::OK();
  }
  rocksdb::Status DeleteRangeCF(uint32_t, const rocksdb::Slice&, const rocksdb::Slice&) override {
    return rocksdb::Status::OK();
  }
  rocksdb::Status MergeCF(uint32_t, const rocksdb::Slice&, const rocksdb::Slice&) override {
    return rocksdb::Status::OK();
  }

  bool corrupt() const { return corrupt_; }
  std::vector<std::shared_ptr<const RecordChunk>>& chunks() { return chunks_; }

 private:
  const uint64_t stored_last_id_;
  bool corrupt_ = false;
  std::vector<std::shared_ptr<const RecordChunk>> chunks_;
};

}  // namespace

void KeepRecordsBufferedAtClose(bool on) { keep_buffered_at_close.store(on); }
bool RecordsKeptBufferedAtClose() { return keep_buffered_at_close.load(); }
void FailRecordMarks(bool on) { fail_record_marks.store(on); }
uint64_t FailedRecordMarks() { return failed_record_marks.load(); }

Status RocksDbEventStore::LoadRecordBuffer() {
  std::string value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), cf_.meta, kRecordsStoredKey, &value);
  // No mark: every record is in `events` (a new store, or layout 11).
  uint64_t stored_last_id = last_id_.load();
  if (s.ok()) {
    if (value.size() != 8) return Internal("corrupt records mark");
    stored_last_id = GetU64(value.data());
  } else if (!s.IsNotFound()) {
    return FromRocks(s, "read records mark");
  }
  records_.Reset(stored_last_id);

  // The retained WAL files, live and archived, oldest first: the log data
  // of every group whose records are not stored yet.
  rocksdb::VectorLogPtr files;
  TK_RETURN_IF_ERROR(FromRocks(db_->GetSortedWalFiles(files), "list WAL files"));
  ChunkCollector collector(stored_last_id);
  Status batch_error;
  auto on_batch = [&](std::string_view bytes) {
    if (!batch_error.ok()) return;
    rocksdb::WriteBatch batch{std::string(bytes)};
    batch_error = FromRocks(batch.Iterate(&collector), "read WAL batch");
  };
  for (const auto& f : files) {
    std::string path = options_.path + f->PathName();
    std::error_code ec;
    if (f->Type() == rocksdb::kAliveLogFile && !std::filesystem::exists(path, ec)) {
      // Archived since it was listed.
      path = (std::filesystem::path(options_.path) / "archive" /
              std::filesystem::path(f->PathName()).filename())
                 .string();
    }
    TK_RETURN_IF_ERROR(ReadWalBatches(path, on_batch));
    TK_RETURN_IF_ERROR(batch_error);
    if (collector.corrupt()) return Internal("corrupt records in the WAL");
  }
  for (auto& c : collector.chunks()) {
    last_id_.store(std::max(last_id_.load(), c->max_id()));
    records_.Append(std::move(c));
  }
  return Status::Ok();
}

Status RocksDbEventStore::StoreRecords(uint64_t last_id) {
  const RecordBuffer::View view = records_.Capture();
  if (last_id > view.stored_last_id) {
    // A posting epoch's keys are new to `events`, so the file lands in the
    // last level.
    TK_RETURN_IF_ERROR(
        IngestFile(cf_.events, "records-" + std::to_string(last_id), [&](const PutEntry& put) {
          std::string key;
          return view.ForEachInKeyOrder(
              last_id, [&](TenantOrdinal t, uint64_t id, std::string_view record) {
                key.clear();
                AppendEventKey(&key, t, id);
                return put(key, record);
              });
        }));
    if (fail_record_marks.load()) {
      failed_record_marks.fetch_add(1);
      return Unavailable("injected records-mark write failure (write_fault.h)");
    }
    // The mark, logged and synced: the WAL files holding these records may
    // be deleted once it is durable. The records themselves were counted
    // in the write volume at their commit (WriteGroup).
    TK_RETURN_IF_ERROR(PutMark(cf_.meta, kRecordsStoredKey, last_id, MarkWrite::kSynced));
    records_.MarkStored(last_id);
  }
  DropArchivedWals(records_.stored_last_id());
  return Status::Ok();
}

void RocksDbEventStore::DropArchivedWals(uint64_t stored_last_id) {
  uint64_t below = UINT64_MAX;  // every committed record is stored
  if (stored_last_id < last_id_.load()) {
    // The files before the first one of the next posting epoch hold only
    // stored records; without it known, all are kept.
    std::lock_guard lock(wal_mu_);
    auto next = epoch_first_wal_.upper_bound(PostingEpoch(stored_last_id));
    if (next == epoch_first_wal_.end()) return;
    below = next->second;
    epoch_first_wal_.erase(epoch_first_wal_.begin(), next);
  }
  const std::filesystem::path archive = std::filesystem::path(options_.path) / "archive";
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(archive, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.size() < 5 || name.substr(name.size() - 4) != ".log") continue;
    char* end = nullptr;
    const uint64_t n = std::strtoull(name.c_str(), &end, 10);
    if (end != name.c_str() + name.size() - 4 || n >= below) continue;
    std::filesystem::remove(entry.path(), ec);
  }
}

}  // namespace trailkeep::store::rocksdb_store
