// Process metrics in the Prometheus text format (version 0.0.4).
//
// Thread safety: all methods are safe to call concurrently.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

namespace trailkeep::api {

class Metrics {
 public:
  // One finished HTTP request.
  void ObserveRequest(std::string_view method, std::string_view route, int status,
                      std::chrono::nanoseconds elapsed);
  void AddEventsIngested(uint64_t n) { events_ingested_.fetch_add(n, std::memory_order_relaxed); }

  // Gauges sampled at render time.
  struct Gauges {
    uint64_t store_size_bytes = 0;
    uint64_t last_event_id = 0;
    uint64_t store_background_work = 0;
    uint64_t store_index_buffer_bytes = 0;   // EventStore::BufferedIndexBytes
    uint64_t store_record_buffer_bytes = 0;  // EventStore::BufferedRecordBytes
    uint64_t store_written_entries = 0;  // EventStore::WrittenSinceOpen
    uint64_t store_written_bytes = 0;
  };
  std::string Render(const Gauges& gauges) const;

 private:
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  5.0};
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> counts{};
    uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, uint64_t> requests_;  // GUARDED_BY(mu_)
  std::map<std::string, Histogram> latency_;                                // GUARDED_BY(mu_)
  std::atomic<uint64_t> events_ingested_{0};
};

}  // namespace trailkeep::api
