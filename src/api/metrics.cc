#include "api/metrics.h"

#include <fmt/format.h>

namespace trailkeep::api {
namespace {

// One unlabelled sample with its HELP and TYPE lines.
void AppendSample(std::string* out, std::string_view name, std::string_view type,
                  std::string_view help, uint64_t value) {
  *out += fmt::format("# HELP {} {}\n# TYPE {} {}\n{} {}\n", name, help, name, type, name, value);
}

}  // namespace

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
  AppendSample(&out, "trailkeep_events_ingested_total", "counter",
               "Events durably stored since start.", events_ingested_.load());
  AppendSample(&out, "trailkeep_store_size_bytes", "gauge",
               "Approximate bytes on disk of the event store.", gauges.store_size_bytes);
  AppendSample(&out, "trailkeep_store_background_work", "gauge",
               "Store flushes and compactions running or waiting.", gauges.store_background_work);
  AppendSample(&out, "trailkeep_store_index_buffer_bytes", "gauge",
               "Memory held by index entries not yet written to the storage engine (the "
               "posting buffer).",
               gauges.store_index_buffer_bytes);
  AppendSample(&out, "trailkeep_store_record_buffer_bytes", "gauge",
               "Memory held by committed records that are only in the write-ahead log so far "
               "(the record buffer).",
               gauges.store_record_buffer_bytes);
  AppendSample(&out, "trailkeep_store_written_entries_total", "counter",
               "Key-value entries written to the storage engine since start (records, index "
               "entries, count updates).",
               gauges.store_written_entries);
  AppendSample(&out, "trailkeep_store_written_bytes_total", "counter",
               "Bytes of those entries, before compression.", gauges.store_written_bytes);
  AppendSample(&out, "trailkeep_last_event_id", "gauge", "Highest committed event id.",
               gauges.last_event_id);
  return out;
}

}  // namespace trailkeep::api
