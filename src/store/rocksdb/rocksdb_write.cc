// Append and the group-commit writer (docs/storage.md, "Ids and commits").
// Callers enqueue and wait; the writer drains every queued batch into one
// WriteBatch and one DB::Write, so concurrent appends share one WAL sync and
// ids are assigned in exactly one place. Building a group and writing the
// one before it overlap (two threads, at most one group in each stage).
#include <atomic>
#include <thread>

#include <rocksdb/transaction_log.h>

#include "store/rocksdb/keys.h"
#include "store/rocksdb/rocksdb_event_store.h"
#include "store/rocksdb/status_adapter.h"
#include "store/rocksdb/write_fault.h"

namespace trailkeep::store::rocksdb_store {
namespace {

std::atomic<int> injected_failures{0};
std::atomic<int64_t> injected_pause_ms{0};
std::atomic<uint64_t> rebuilt_groups{0};
std::atomic<bool> flush_after_writes{false};

// True (after the pause) when an armed failure is taken.
bool TakeInjectedFailure() {
  int n = injected_failures.load();
  while (n > 0 && !injected_failures.compare_exchange_weak(n, n - 1)) {
  }
  if (n <= 0) return false;
  std::this_thread::sleep_for(std::chrono::milliseconds(injected_pause_ms.load()));
  return true;
}

}  // namespace

void FailNextGroupWrites(int n, std::chrono::milliseconds pause) {
  injected_pause_ms.store(pause.count());
  injected_failures.store(n);
}

uint64_t GroupsRebuiltAfterFailedWrite() { return rebuilt_groups.load(); }

void FlushAfterGroupWrites(bool on) { flush_after_writes.store(on); }

Result<AppendResult> RocksDbEventStore::Append(const AppendBatch& batch) {
  if (batch.events.empty()) return InvalidArgument("empty batch");
  if (!model::IsValidTenantName(batch.tenant.value)) {
    return InvalidArgument("invalid tenant name");
  }
  // Encode outside the queue: concurrent Appends do this in parallel.
  const PreparedBatch prepared = PrepareBatch(batch);
  PendingAppend pending{&batch, &prepared, std::nullopt, {}};
  std::unique_lock lock(queue_mu_);
  if (stopping_) return Unavailable("store is closing");
  queue_.push_back(&pending);
  if (queue_.size() == 1) queue_cv_.notify_one();
  pending.done.wait(lock, [&] { return pending.result.has_value(); });
  return std::move(*pending.result);
}

void RocksDbEventStore::WriterLoop() {
  std::thread committer([this] { CommitLoop(); });
  std::vector<PendingAppend*> appends;
  for (;;) {
    {
      std::unique_lock lock(queue_mu_);
      queue_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) break;  // stopping and drained
      appends.swap(queue_);
    }
    WaitForBlocks();
    auto g = std::make_unique<BuiltGroup>();
    g->appends = std::move(appends);
    appends.clear();
    uint64_t base;
    {
      // Ids follow the group being written, if it succeeds. Its new tenants
      // are not in the tenant dictionary yet, and its uids and keys not in
      // the store: a group that would need them waits for the write.
      std::unique_lock lock(commit_mu_);
      if (in_flight_ && (ReadsCommittedState(g->appends) || !in_flight_->out.new_tenants.empty())) {
        commit_cv_.wait(lock, [&] { return !in_flight_; });
      }
      base = in_flight_ ? in_flight_->out.last_id : last_id_.load();
    }
    BuildGroup(g.get(), base);
    {
      std::unique_lock lock(commit_mu_);
      commit_cv_.wait(lock, [&] { return !in_flight_; });
      if (g->base != last_id_.load()) {
        // The write before failed and consumed no ids: build again after
        // what is committed, so that ids stay gap-free.
        BuildGroup(g.get(), last_id_.load());
        rebuilt_groups.fetch_add(1);
      }
      in_flight_ = std::move(g);
    }
    commit_cv_.notify_all();
  }
  {
    std::lock_guard lock(commit_mu_);
    commit_stopping_ = true;
  }
  commit_cv_.notify_all();
  committer.join();
}

void RocksDbEventStore::CommitLoop() {
  for (;;) {
    BuiltGroup* g;
    {
      std::unique_lock lock(commit_mu_);
      commit_cv_.wait(lock, [&] { return in_flight_ || commit_stopping_; });
      if (!in_flight_) return;  // stopping, nothing left to write
      g = in_flight_.get();
    }
    WriteGroup(g);
    {
      std::lock_guard lock(commit_mu_);
      in_flight_.reset();
    }
    commit_cv_.notify_all();
  }
}

bool RocksDbEventStore::ReadsCommittedState(const std::vector<PendingAppend*>& appends) {
  for (const PendingAppend* p : appends) {
    if (p->batch->idempotency_key) return true;
    for (const model::Event& e : p->batch->events) {
      if (e.uid) return true;
    }
  }
  return false;
}

void RocksDbEventStore::BuildGroup(BuiltGroup* g, uint64_t base) {
  g->base = base;
  g->out = GroupOutput();
  std::vector<GroupInput> inputs;
  inputs.reserve(g->appends.size());
  for (PendingAppend* p : g->appends) inputs.push_back(GroupInput{p->batch, p->prepared});
  builder_->Build(inputs, base, clock_->NowMs(), &g->out);
}

void RocksDbEventStore::WriteGroup(BuiltGroup* g) {
  GroupOutput& out = g->out;
  // The records are readable before the write (record_buffer.h), and the
  // WAL file a posting epoch starts in is known before its first write.
  const bool has_records = out.records && !out.records->empty();
  if (has_records) {
    const uint64_t epoch = PostingEpoch(out.last_id);
    std::lock_guard lock(wal_mu_);
    if (epoch_first_wal_.empty() || epoch_first_wal_.rbegin()->first < epoch) {
      std::unique_ptr<rocksdb::LogFile> current;
      if (db_->GetCurrentWalFile(&current).ok() && current) {
        epoch_first_wal_[epoch] = current->LogNumber();
      }
    }
    records_.Append(out.records);
  }
  Status write_status;
  if (TakeInjectedFailure()) {
    write_status = Unavailable("injected write failure (write_fault.h)");
  } else if (out.batch.Count() > 0) {
    rocksdb::WriteOptions wo;
    wo.sync = options_.durability == Durability::kSync;
    write_status = FromRocks(db_->Write(wo, &out.batch), "write");
  }
  if (!write_status.ok() && has_records) records_.RemoveLast(out.records.get());
  if (write_status.ok()) {
    for (auto& [name, ordinal] : out.new_tenants) tenants_.Add(std::move(name), ordinal);
    for (auto& [key, values] : out.new_values) {
      values_.Add(key.first, static_cast<model::IndexedField>(key.second), std::move(values));
    }
    // Before last_id_: a query that sees the ids sees their postings.
    postings_.Append(std::move(out.postings));
    const bool epoch_complete = postings_.CompleteUnstored(out.last_id) > 0;
    last_id_.store(out.last_id);
    if (epoch_complete) {
      std::lock_guard lock(blocks_mu_);
      blocks_cv_.notify_one();
    }
    if (flush_after_writes.load()) {  // write_fault.h
      db_->Flush(rocksdb::FlushOptions(), handles_).PermitUncheckedError();
    }
    // The records count here, as entries of the batch's log data, and not
    // again when their file is written (StoreRecords).
    written_entries_.fetch_add(out.batch.Count() + (has_records ? out.records->entries().size() : 0),
                               std::memory_order_relaxed);
    written_bytes_.fetch_add(out.batch.GetDataSize(), std::memory_order_relaxed);
  }
  // Before the waiters wake, so that when Append returns its listener call
  // has happened.
  if (write_status.ok() && out.last_id != g->base) {
    std::lock_guard lock(listener_mu_);
    if (listener_) listener_(EventId{out.last_id});
  }
  {
    std::lock_guard lock(queue_mu_);
    for (size_t i = 0; i < g->appends.size(); ++i) {
      if (write_status.ok()) {
        g->appends[i]->result.emplace(std::move(out.results[i]));
      } else {
        g->appends[i]->result.emplace(write_status);
      }
      g->appends[i]->done.notify_one();
    }
  }
}

void RocksDbEventStore::SetCommitListener(std::function<void(EventId)> listener) {
  std::lock_guard lock(listener_mu_);
  listener_ = std::move(listener);
}

}  // namespace trailkeep::store::rocksdb_store
