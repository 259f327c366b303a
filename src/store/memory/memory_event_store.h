// MemoryEventStore: the reference EventStore. Everything in memory behind
// one mutex, linear scans, nothing durable. Simple enough to be obviously
// correct, so the typed suite and randomized tests compare against it.
//
// Thread safety: every method is safe to call concurrently. Visitors run
// without the lock held, so they may call back into the store.
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "store/event_store.h"
#include "store/memory/memory_meta_store.h"

namespace trailkeep::store::memory_store {

class MemoryEventStore final : public EventStore {
 public:
  // `clock` is not owned and must outlive the store.
  explicit MemoryEventStore(const Clock* clock) : clock_(clock) {}

  Result<AppendResult> Append(const AppendBatch& batch) override;
  Result<std::optional<std::string>> Get(const TenantId& tenant, EventId id) override;
  Status Scan(const ScanSpec& spec, const Visitor& visit) override;
  Result<uint64_t> Count(const CountSpec& spec) override;
  // Every indexed field, from the stored events.
  Result<std::optional<std::vector<std::string>>> ValuesContaining(const TenantId& tenant,
                                                                   model::IndexedField field,
                                                                   std::string_view needle,
                                                                   size_t max_values) override;
  Result<std::optional<IdSpan>> IdSpanOf(const TenantId& tenant, TimeMs from, TimeMs to) override;
  Result<std::vector<BucketStat>> BucketStats(const TenantId& tenant, TimeMs from, TimeMs to,
                                              int64_t grain_ms) override;
  EventId LastCommittedId() const override;
  Result<std::vector<TenantId>> ListTenants() override;
  void SetCommitListener(std::function<void(EventId)> listener) override;
  MetaStore& Meta() override { return meta_; }
  uint64_t ApproximateSizeBytes() override { return 0; }
  uint64_t BackgroundWorkPending() override { return 0; }
  uint64_t BufferedIndexBytes() const override { return 0; }
  uint64_t BufferedRecordBytes() const override { return 0; }
  WriteVolume WrittenSinceOpen() const override { return {}; }

 private:
  struct Stored {
    model::Event event;     // with id, tenant and received set
    std::string canonical;  // as committed
  };
  struct Replay {
    std::string request_hash;
    std::vector<EventId> ids;
  };
  using TenantKey = std::pair<std::string, std::string>;  // (tenant, uid or key)

  const Clock* const clock_;
  mutable std::mutex mu_;
  // events_[i] has id i + 1. A deque keeps references stable while it grows,
  // so scans can visit without the lock.
  std::deque<Stored> events_;                // guarded by mu_
  std::map<TenantKey, EventId> uids_;        // guarded by mu_
  std::map<TenantKey, Replay> idempotency_;  // guarded by mu_
  std::function<void(EventId)> listener_;    // guarded by mu_
  MemoryMetaStore meta_;
};

}  // namespace trailkeep::store::memory_store
