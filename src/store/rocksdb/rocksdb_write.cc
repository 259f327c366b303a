// Append and the group-commit writer thread (docs/storage.md, "Ids and
// commits"). Callers enqueue and wait; the one writer drains every queued
// batch into one WriteBatch and one DB::Write, so concurrent appends share
// one WAL sync and ids are assigned in exactly one place.
#include "store/rocksdb/rocksdb_event_store.h"
#include "store/rocksdb/status_adapter.h"

namespace trailkeep::store::rocksdb_store {

Result<AppendResult> RocksDbEventStore::Append(const AppendBatch& batch) {
  if (batch.events.empty()) return InvalidArgument("empty batch");
  if (!model::IsValidTenantName(batch.tenant.value)) {
    return InvalidArgument("invalid tenant name");
  }
  // Encode outside the queue: concurrent Appends do this in parallel.
  TK_ASSIGN_OR_RETURN(PreparedBatch prepared, PrepareBatch(batch));
  PendingAppend pending{&batch, &prepared, std::nullopt, {}};
  std::unique_lock lock(queue_mu_);
  if (stopping_) return Unavailable("store is closing");
  queue_.push_back(&pending);
  if (queue_.size() == 1) queue_cv_.notify_one();
  pending.done.wait(lock, [&] { return pending.result.has_value(); });
  return std::move(*pending.result);
}

void RocksDbEventStore::WriterLoop() {
  std::vector<PendingAppend*> group;
  for (;;) {
    {
      std::unique_lock lock(queue_mu_);
      queue_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      group.swap(queue_);
    }
    CommitGroup(group);
    group.clear();
  }
}

void RocksDbEventStore::CommitGroup(const std::vector<PendingAppend*>& group) {
  std::vector<GroupInput> inputs;
  inputs.reserve(group.size());
  for (PendingAppend* p : group) inputs.push_back(GroupInput{p->batch, p->prepared});

  const uint64_t last_id = last_id_.load();
  GroupOutput out;
  builder_->Build(inputs, last_id, clock_->NowMs(), &out);

  Status write_status;
  if (out.batch.Count() > 0) {
    rocksdb::WriteOptions wo;
    wo.sync = options_.durability == Durability::kSync;
    write_status = FromRocks(db_->Write(wo, &out.batch), "write");
  }
  if (write_status.ok()) {
    for (auto& [name, ordinal] : out.new_tenants) tenants_.Add(std::move(name), ordinal);
    for (auto& [key, values] : out.new_values) {
      values_.Add(key.first, static_cast<model::IndexedField>(key.second), std::move(values));
    }
    last_id_.store(out.last_id);
    written_entries_.fetch_add(out.batch.Count(), std::memory_order_relaxed);
    written_bytes_.fetch_add(out.batch.GetDataSize(), std::memory_order_relaxed);
  }
  // Before the waiters wake, so that when Append returns its listener call
  // has happened.
  if (write_status.ok() && out.last_id != last_id) {
    std::lock_guard lock(listener_mu_);
    if (listener_) listener_(EventId{out.last_id});
  }
  {
    std::lock_guard lock(queue_mu_);
    for (size_t i = 0; i < group.size(); ++i) {
      if (write_status.ok()) {
        group[i]->result.emplace(std::move(out.results[i]));
      } else {
        group[i]->result.emplace(write_status);
      }
      group[i]->done.notify_one();
    }
  }
}

void RocksDbEventStore::SetCommitListener(std::function<void(EventId)> listener) {
  std::lock_guard lock(listener_mu_);
  listener_ = std::move(listener);
}

}  // namespace trailkeep::store::rocksdb_store
