// The measurements: one workload, run the same way against every target.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "base/status.h"
#include "corpus.h"
#include "target.h"

namespace trailkeep::bench {

// What is asked of every target. Built from the corpus by DefaultWorkload.
struct Workload {
  std::string tenant;                // the tenant queried (and, for export, every tenant)
  Window week;                       // the corpus's last 7 days
  std::vector<Match> page_matches;   // page run i uses page_matches[i % size]
  Match user;                        // the user filter of the second count
  size_t page_limit = 100;
  int page_runs = 200;
  int count_runs = 5;                // timed, after one warm-up
};

Workload DefaultWorkload(const Corpus& corpus);

// The figures of one target; nullopt = not measured.
struct Figures {
  std::string target;
  std::optional<double> ingest_events_per_s;
  std::optional<double> ingest_cpu_us_per_event;
  std::optional<double> page_median_ms, page_p99_ms;
  std::optional<double> count_all_ms, count_user_ms;
  std::optional<double> export_ndjson_events_per_s, export_csv_events_per_s;
  std::optional<double> bytes_per_event;
  std::optional<double> peak_rss_mib;
  // The answers, so that targets can be checked against each other.
  uint64_t page_total_sum = 0, page_rows_sum = 0, count_all = 0, count_user = 0;
  uint64_t exported_ndjson = 0, exported_csv = 0;
};

// Loads the corpus into `target`, runs the workload, then Finish().
// Progress lines go to `log`. Errors: the target's; kInternal when an export
// does not return every event.
Result<Figures> RunSuite(Target& target, const Corpus& corpus, const Workload& workload,
                         std::ostream& log);

// Differences between the answers of `a` and `b` (empty when they agree).
std::vector<std::string> CompareAnswers(const Figures& a, const Figures& b);

}  // namespace trailkeep::bench
