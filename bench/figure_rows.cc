#include "figure_rows.h"

#include <cstdio>

namespace trailkeep::bench {
namespace {

Goal Bound(std::optional<double> bound, const char* unit, std::optional<double> times,
           const char* stated_at = "") {
  return Goal{bound, unit, times, "postgres", stated_at};
}

const Figures* Find(const std::vector<Figures>& figures, const std::string& name) {
  for (const Figures& f : figures) {
    if (f.target == name) return &f;
  }
  return nullptr;
}

}  // namespace

const std::vector<FigureRow>& FigureRows() {
  using F = Figures;
  static const std::vector<FigureRow> rows = {
      {"ingest_events_per_s",
       "durable ingest, 2 HTTP connections, 1,000/batch (events/s, higher is better)",
       &F::ingest_events_per_s, 0, true, Bound(500'000, "events/s", 6)},
      {"ingest_cpu_us_per_event", "CPU per ingested event, whole process (µs, lower is better)",
       &F::ingest_cpu_us_per_event, 1, false, std::nullopt},
      {"engine_entries_per_event",
       "storage engine entries written per event: record, index runs, count updates (lower is "
       "better)",
       &F::engine_entries_per_event, 2, false, std::nullopt},
      {"engine_bytes_per_event",
       "bytes written to the storage engine per event, before compression (lower is better)",
       &F::engine_bytes_per_event, 0, false, std::nullopt},
      {"settle_s",
       "settling after the load, before the queries: compactions / ANALYZE (s, lower is better)",
       &F::settle_s, 1, false, std::nullopt},
      {"page_median_ms",
       "newest 100 + exact total, 7 days, action filter: median (ms, lower is better)",
       &F::page_median_ms, 2, false, Bound(2, "ms", 30, "10M stored")},
      {"page_p99_ms", "newest 100 + exact total, 7 days, action filter: p99 (ms, lower is better)",
       &F::page_p99_ms, 2, false, std::nullopt},
      {"dialect_page_median_ms",
       "Dynatrace first page (pageSize=100, eventType filter, totalCount), 7 days: median (ms, "
       "lower is better)",
       &F::dialect_page_median_ms, 2, false, Bound(5, "ms", std::nullopt, "issue 3, 1M stored")},
      {"dialect_page_p99_ms", "Dynatrace first page, 7 days: p99 (ms, lower is better)",
       &F::dialect_page_p99_ms, 2, false, std::nullopt},
      {"count_all_ms", "exact count, 7 days (ms, lower is better)", &F::count_all_ms, 2, false,
       std::nullopt},
      {"count_user_ms", "exact count, 7 days, one user (ms, lower is better)", &F::count_user_ms, 2,
       false, std::nullopt},
      {"substring_ms",
       "entity id substring, newest 100 + exact total, 14 days (ms, lower is better)",
       &F::substring_ms, 2, false, Bound(std::nullopt, "", 5)},
      {"offset_ms", "page of 100 at offset %s, 7 days, newest id first (ms, lower is better)",
       &F::offset_ms, 2, false, Bound(2, "ms", std::nullopt)},
      {"export_ndjson_events_per_s", "full export NDJSON (events/s, higher is better)",
       &F::export_ndjson_events_per_s, 0, true, Bound(2'000'000, "events/s", std::nullopt)},
      {"export_csv_events_per_s", "full export CSV (events/s, higher is better)",
       &F::export_csv_events_per_s, 0, true, std::nullopt},
      {"bytes_per_event", "bytes on disk per event (lower is better)", &F::bytes_per_event, 1,
       false, Bound(120, "bytes", std::nullopt)},
      {"peak_rss_mib", "peak RSS (MiB, lower is better)", &F::peak_rss_mib, 1, false, std::nullopt},
  };
  return rows;
}

std::string RowLabel(const FigureRow& row, const Workload& w) {
  std::string label = row.label;
  size_t p = label.find("%s");
  if (p == std::string::npos) return label;
  std::string offset = FormatFigure(static_cast<double>(w.offset), 0);
  if (w.offset != kWantedOffset) offset += " (half the window: fewer than 100,100 events)";
  return label.replace(p, 2, offset);
}

std::string GoalText(const FigureRow& row) {
  if (!row.goal) return "";
  const Goal& g = *row.goal;
  std::string out;
  if (g.bound) {
    out += row.higher_is_better ? "≥ " : "≤ ";
    out += FormatFigure(*g.bound, 0) + " " + g.unit;
  }
  if (g.times) {
    char buf[64];
    std::snprintf(buf, sizeof(buf), "%s≥ %g× %s", out.empty() ? "" : " and ", *g.times, g.peer);
    out += buf;
  }
  if (*g.stated_at) out += std::string(" (") + g.stated_at + ")";
  return out;
}

std::optional<bool> GoalMet(const FigureRow& row, const std::vector<Figures>& figures) {
  if (!row.goal || figures.empty()) return std::nullopt;
  const Goal& g = *row.goal;
  std::optional<double> mine = figures[0].*row.field;
  if (!mine) return std::nullopt;
  if (g.bound && !(row.higher_is_better ? *mine >= *g.bound : *mine <= *g.bound)) return false;
  if (!g.times) return true;
  const Figures* peer = Find(figures, g.peer);
  if (peer == nullptr || !(peer->*row.field) || *mine <= 0) return std::nullopt;
  double theirs = *(peer->*row.field);
  double factor = row.higher_is_better ? *mine / theirs : theirs / *mine;
  return factor >= *g.times;
}

std::string FormatFigure(std::optional<double> v, int decimals) {
  if (!v) return "—";
  if (decimals == 0) {
    // Thousands separators for large integers.
    std::string digits = std::to_string(static_cast<long long>(*v + 0.5));
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
      if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
      out.push_back(digits[i]);
    }
    return out;
  }
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.*f", decimals, *v);
  return buf;
}

}  // namespace trailkeep::bench
