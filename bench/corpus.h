// The benchmark corpus: N deterministic synthetic audit events, materialized
// once as the NDJSON batches every target loads (the same bytes for all).
//
// Shape: 2 tenants; ~10k users drawn Zipf-like (rank r has weight 1/(r+1)),
// each user belonging to one tenant; 15 actions (also skewed) in 5
// categories; entity ids, IPs, user agents, messages; times spread over the
// 30 days before `end_ms`, increasing with the event index. ~350 bytes per
// event as native input JSON (codec/event_json.h).
//
// Thread safety: immutable after Generate; safe to read from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace trailkeep::bench {

struct CorpusOptions {
  uint64_t events = 1'000'000;
  // Same seed, same events (apart from times, which follow end_ms).
  uint64_t seed = 20240601;
  // Exclusive end of the corpus's 30-day span, epoch ms.
  int64_t end_ms = 0;
  // Events per batch; every batch holds one tenant's events.
  size_t batch_size = 1000;
};

// One ingest request: `count` events of `tenant` as NDJSON, oldest first.
struct Batch {
  std::string tenant;
  size_t count = 0;
  std::string ndjson;
};

inline constexpr int64_t kDayMs = 24LL * 3600 * 1000;
inline constexpr int kCorpusDays = 30;

class Corpus {
 public:
  static Corpus Generate(const CorpusOptions& options);

  // In the order they were completed while walking the events by time.
  const std::vector<Batch>& batches() const { return batches_; }
  uint64_t events() const { return events_; }
  uint64_t ndjson_bytes() const { return ndjson_bytes_; }
  int64_t start_ms() const { return start_ms_; }
  int64_t end_ms() const { return end_ms_; }
  // Tenants in rank order of their first user ("acme", "globex").
  const std::vector<std::string>& tenants() const { return tenants_; }
  // Number of events per tenant, aligned with tenants().
  const std::vector<uint64_t>& tenant_events() const { return tenant_events_; }

  // The actions, most frequent first.
  static const std::vector<std::string>& Actions();
  // The name of the user of Zipf rank `rank` (0 = most active).
  static std::string UserName(size_t rank);
  // The tenant a user of `rank` belongs to.
  static const std::string& TenantOfUser(size_t rank);

 private:
  std::vector<Batch> batches_;
  uint64_t events_ = 0;
  uint64_t ndjson_bytes_ = 0;
  int64_t start_ms_ = 0;
  int64_t end_ms_ = 0;
  std::vector<std::string> tenants_;
  std::vector<uint64_t> tenant_events_;
};

}  // namespace trailkeep::bench
