#include "report.h"

#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <optional>

#include "base/time_format.h"
#include "figure_rows.h"

namespace trailkeep::bench {
namespace {

std::string Ratio(std::optional<double> a, std::optional<double> b) {
  if (!a || !b || *b == 0) return "—";
  char buf[32];
  double r = *a / *b;
  std::snprintf(buf, sizeof(buf), r >= 10 ? "%.0f×" : (r >= 0.1 ? "%.2f×" : "%.3f×"), r);
  return buf;
}

std::string Met(std::optional<bool> met) {
  if (!met) return "";
  return *met ? "yes" : "no";
}

std::string WindowText(const Window& w) {
  std::string out = "[";
  out.append(FormatIsoMs(w.from_ms)).append(", ").append(FormatIsoMs(w.to_ms)).append(")");
  return out;
}

}  // namespace

std::string MarkdownTable(const std::vector<Figures>& figures, const Workload& workload) {
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
  out.append(" issue 7 target | met |\n").append(rule).append("---|---|\n");
  for (const FigureRow& row : FigureRows()) {
    out.append("| ").append(RowLabel(row, workload)).append(" |");
    for (size_t i = 0; i < figures.size(); ++i) {
      out.append(" ").append(FormatFigure(figures[i].*row.field, row.decimals)).append(" |");
      if (i > 0) {
        out.append(" ").append(Ratio(figures[0].*row.field, figures[i].*row.field)).append(" |");
      }
    }
    out.append(" ").append(GoalText(row)).append(" | ");
    out.append(Met(GoalMet(row, figures))).append(" |\n");
  }
  return out;
}

std::string RunContext(const Corpus& corpus, const Workload& w,
                       const std::vector<Figures>& figures) {
  char buf[512];
  std::string tenants;
  for (size_t i = 0; i < corpus.tenants().size(); ++i) {
    tenants += (i ? ", " : "") + corpus.tenants()[i] + " " +
               std::to_string(corpus.tenant_events()[i]);
  }
  std::snprintf(buf, sizeof(buf),
                "- corpus: %llu events (%s), %.0f bytes/event as NDJSON, %s to %s\n",
                static_cast<unsigned long long>(corpus.events()), tenants.c_str(),
                static_cast<double>(corpus.ndjson_bytes()) /
                    static_cast<double>(std::max<uint64_t>(corpus.events(), 1)),
                FormatIsoMs(corpus.start_ms()).c_str(), FormatIsoMs(corpus.end_ms()).c_str());
  std::string out = buf;
  out += "- queries on tenant " + w.tenant + " over " + WindowText(w.week) + " (" +
         FormatFigure(static_cast<double>(w.week_times.size()), 0) +
         " events); page filters rotate over " + std::to_string(w.page_matches.size()) +
         " actions (native `action`, Dynatrace `eventType`); user filter actor.name=" +
         w.user.value + "\n";
  out += "- entity id substring \"" + w.entity_substring + "\" (Dynatrace `entityId`, CONTAINS) over " +
         WindowText(w.fortnight) + "\n";
  out += "- offset page: offset " + FormatFigure(static_cast<double>(w.offset), 0);
  if (w.offset != kWantedOffset) {
    out += " = half the 7-day window (it holds fewer than 100,100 events, so 100,000 is not asked)";
  }
  out += "; position of the first row in time order:";
  for (const Figures& f : figures) {
    out += " " + f.target + " ";
    if (!f.offset_answer) {
      out += "—";
    } else if (!f.offset_answer->first_time_ms) {
      out += "(empty)";
    } else {
      out += FormatFigure(static_cast<double>(w.RankOf(*f.offset_answer->first_time_ms)), 0);
    }
    if (!f.ids_follow_load_order) out += " (ids follow commit order)";
  }
  out += "\n";
  for (const Figures& f : figures) {
    for (const std::string& note : f.notes) out += "- " + f.target + ": " + note + "\n";
  }
  std::snprintf(buf, sizeof(buf), "- machine: %ld cores; measured %s\n",
                sysconf(_SC_NPROCESSORS_ONLN), FormatIsoMs(std::time(nullptr) * 1000LL).c_str());
  out += buf;
  out += "- targets: issue 7's (issue 3's for the Dynatrace page); where a target names a corpus "
         "size (in parentheses), the check at other sizes is indicative\n";
  return out;
}

}  // namespace trailkeep::bench
