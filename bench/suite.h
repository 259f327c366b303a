// The measurements: one workload (workload.h), run the same way against
// every target, and the checks of their answers.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "base/status.h"
#include "corpus.h"
#include "target.h"
#include "workload.h"

namespace trailkeep::bench {

// The figures of one target; nullopt = not measured.
struct Figures {
  std::string target;
  std::optional<double> ingest_events_per_s;
  std::optional<double> ingest_cpu_us_per_event;
  std::optional<double> settle_s;
  // What one loaded event cost the storage engine (Target::WrittenToEngine).
  std::optional<double> engine_entries_per_event, engine_bytes_per_event;  // Target::Settle after the load, before the queries
  std::optional<double> page_median_ms, page_p99_ms;
  std::optional<double> dialect_page_median_ms, dialect_page_p99_ms;
  std::optional<double> count_all_ms, count_user_ms;
  std::optional<double> substring_ms;
  std::optional<double> offset_ms;
  std::optional<double> export_ndjson_events_per_s, export_csv_events_per_s;
  std::optional<double> bytes_per_event;
  std::optional<double> peak_rss_mib;
  // The answers, so that targets can be checked against each other.
  uint64_t page_total_sum = 0, page_rows_sum = 0, count_all = 0, count_user = 0;
  uint64_t dialect_total_sum = 0, dialect_rows_sum = 0;
  uint64_t substring_total = 0, substring_rows = 0;
  std::optional<OffsetAnswer> offset_answer;  // nullopt: the target cannot answer
  bool ids_follow_load_order = true;          // Target::IdsFollowLoadOrder
  uint64_t exported_ndjson = 0, exported_csv = 0;
  // Why a figure is missing ("offset: the server ignores the parameter").
  std::vector<std::string> notes;
};

// Loads the corpus into `target`, runs the workload, then Finish().
// Progress lines go to `log`. Errors: the target's; kInternal when an export
// does not return every event or a page's row count contradicts its total.
// A target answering the offset page with kFailedPrecondition gets a note
// and no offset figure instead of an error.
Result<Figures> RunSuite(Target& target, const Corpus& corpus, const Workload& workload,
                         std::ostream& log);

// Differences between the answers of `a` and `b` (empty when they agree).
std::vector<std::string> CompareAnswers(const Figures& a, const Figures& b);

// Differences between `f`'s answers and what the corpus implies (the offset
// page: row count, and the position of its first row in time order: exact
// when the target's ids follow the load order, else within offset_slack).
std::vector<std::string> CheckAgainstCorpus(const Figures& f, const Workload& workload);

}  // namespace trailkeep::bench
