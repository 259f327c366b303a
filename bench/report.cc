#include "report.h"

#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <optional>

#include "base/time_format.h"

namespace trailkeep::bench {
namespace {

struct Row {
  const char* label;
  std::optional<double> Figures::*field;
  int decimals;
};

constexpr Row kRows[] = {
    {"durable ingest, 2 HTTP connections, 1,000/batch (events/s, higher is better)",
     &Figures::ingest_events_per_s, 0},
    {"CPU per ingested event, whole process (µs, lower is better)",
     &Figures::ingest_cpu_us_per_event, 1},
    {"newest 100 + exact total, 7 days, action filter: median (ms, lower is better)",
     &Figures::page_median_ms, 2},
    {"newest 100 + exact total, 7 days, action filter: p99 (ms, lower is better)",
     &Figures::page_p99_ms, 2},
    {"exact count, 7 days (ms, lower is better)", &Figures::count_all_ms, 2},
    {"exact count, 7 days, one user (ms, lower is better)", &Figures::count_user_ms, 2},
    {"full export NDJSON (events/s, higher is better)", &Figures::export_ndjson_events_per_s, 0},
    {"full export CSV (events/s, higher is better)", &Figures::export_csv_events_per_s, 0},
    {"bytes on disk per event (lower is better)", &Figures::bytes_per_event, 1},
    {"peak RSS (MiB, lower is better)", &Figures::peak_rss_mib, 1},
};

std::string Format(std::optional<double> v, int decimals) {
  if (!v) return "—";
  char buf[64];
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
  std::snprintf(buf, sizeof(buf), "%.*f", decimals, *v);
  return buf;
}

std::string Ratio(std::optional<double> a, std::optional<double> b) {
  if (!a || !b || *b == 0) return "—";
  char buf[32];
  double r = *a / *b;
  std::snprintf(buf, sizeof(buf), r >= 10 ? "%.0f×" : (r >= 0.1 ? "%.2f×" : "%.3f×"), r);
  return buf;
}

}  // namespace

std::string MarkdownTable(const std::vector<Figures>& figures) {
  std::string out = "| figure |";
  std::string rule = "|---|";
  for (size_t i = 0; i < figures.size(); ++i) {
    out.append(" ").append(figures[i].target).append(" |");
    rule += "---:|";
    if (i > 0) {
      out.append(" ratio (").append(figures[0].target).append(" ÷ ");
      out.append(figures[i].target).append(") |");
      rule += "---:|";
    }
  }
  out.append("\n").append(rule).append("\n");
  for (const Row& row : kRows) {
    out.append("| ").append(row.label).append(" |");
    for (size_t i = 0; i < figures.size(); ++i) {
      out.append(" ").append(Format(figures[i].*row.field, row.decimals)).append(" |");
      if (i > 0) {
        out.append(" ").append(Ratio(figures[0].*row.field, figures[i].*row.field)).append(" |");
      }
    }
    out += "\n";
  }
  return out;
}

std::string RunContext(const Corpus& corpus, const Workload& w) {
  char buf[512];
  std::string tenants;
  for (size_t i = 0; i < corpus.tenants().size(); ++i) {
    tenants += (i ? ", " : "") + corpus.tenants()[i] + " " +
               std::to_string(corpus.tenant_events()[i]);
  }
  std::snprintf(buf, sizeof(buf),
                "- corpus: %llu events (%s), %.0f bytes/event as NDJSON, %s to %s\n"
                "- queries on tenant %s over [%s, %s); page filters rotate over %zu actions; "
                "user filter actor.name=%s\n"
                "- machine: %ld cores; measured %s\n",
                static_cast<unsigned long long>(corpus.events()), tenants.c_str(),
                static_cast<double>(corpus.ndjson_bytes()) /
                    static_cast<double>(std::max<uint64_t>(corpus.events(), 1)),
                FormatIsoMs(corpus.start_ms()).c_str(), FormatIsoMs(corpus.end_ms()).c_str(),
                w.tenant.c_str(), FormatIsoMs(w.week.from_ms).c_str(),
                FormatIsoMs(w.week.to_ms).c_str(), w.page_matches.size(), w.user.value.c_str(),
                sysconf(_SC_NPROCESSORS_ONLN),
                FormatIsoMs(std::time(nullptr) * 1000LL).c_str());
  return buf;
}

}  // namespace trailkeep::bench
