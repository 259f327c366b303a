#include "api/metrics.h"

#include <fmt/format.h>

namespace trailkeep::api {

void Metrics::ObserveRequest(std::string_view method, std::string_view route, int status,
                             std::chrono::nanoseconds elapsed) {
  double seconds = std::chrono::duration<double>(elapsed).count();
  std::string r = route.empty() ? "unmatched" : std::string(route);
  std::lock_guard lock(mu_);
  ++requests_[{std::string(method), r, status}];
  Histogram& h = latency_[r];
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.counts[i];
  }
  ++h.count;
  h.sum += seconds;
}

std::string Metrics::Render(const Gauges& gauges) const {
  std::string out;
  out += "# HELP trailkeep_http_requests_total HTTP requests by method, route and status.\n";
  out += "# TYPE trailkeep_http_requests_total counter\n";
  std::lock_guard lock(mu_);
  for (const auto& [key, n] : requests_) {
    const auto& [method, route, status] = key;
    out += fmt::format(
        "trailkeep_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n", method,
        route, status, n);
  }
  out +=
      "# HELP trailkeep_http_request_duration_seconds Time from request read to response "
      "written.\n";
  out += "# TYPE trailkeep_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      out += fmt::format(
          "trailkeep_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", route,
          kBuckets[i], h.counts[i]);
    }
    out += fmt::format(
        "trailkeep_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", route,
        h.count);
    out += fmt::format("trailkeep_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", route,
                       h.sum);
    out += fmt::format("trailkeep_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", route,
                       h.count);
  }
  out += "# HELP trailkeep_events_ingested_total Events durably stored since start.\n";
  out += "# TYPE trailkeep_events_ingested_total counter\n";
  out += fmt::format("trailkeep_events_ingested_total {}\n", events_ingested_.load());
  out += "# HELP trailkeep_store_size_bytes Approximate bytes on disk of the event store.\n";
  out += "# TYPE trailkeep_store_size_bytes gauge\n";
  out += fmt::format("trailkeep_store_size_bytes {}\n", gauges.store_size_bytes);
  out +=
      "# HELP trailkeep_store_background_work Store flushes and compactions running or "
      "waiting.\n";
  out += "# TYPE trailkeep_store_background_work gauge\n";
  out += fmt::format("trailkeep_store_background_work {}\n", gauges.store_background_work);
  out +=
      "# HELP trailkeep_store_written_entries_total Key-value entries written to the storage "
      "engine since start (records, index entries, count updates).\n";
  out += "# TYPE trailkeep_store_written_entries_total counter\n";
  out += fmt::format("trailkeep_store_written_entries_total {}\n", gauges.store_written_entries);
  out +=
      "# HELP trailkeep_store_written_bytes_total Bytes of those entries, before "
      "compression.\n";
  out += "# TYPE trailkeep_store_written_bytes_total counter\n";
  out += fmt::format("trailkeep_store_written_bytes_total {}\n", gauges.store_written_bytes);
  out += "# HELP trailkeep_last_event_id Highest committed event id.\n";
  out += "# TYPE trailkeep_last_event_id gauge\n";
  out += fmt::format("trailkeep_last_event_id {}\n", gauges.last_event_id);
  return out;
}

}  // namespace trailkeep::api
