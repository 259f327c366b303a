#include "sweep_row.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>

namespace trailkeep::bench {
namespace {

constexpr const char* kTargets[] = {"trailkeep", "sqlite", "postgres"};

struct Column {
  const char* key;
  std::optional<double> Figures::*field;
};

// The figures chart.gp draws, in column order (changing it changes chart.gp).
constexpr Column kColumns[] = {
    {"ingest_events_per_s", &Figures::ingest_events_per_s},
    {"page_median_ms", &Figures::page_median_ms},
    {"dialect_page_median_ms", &Figures::dialect_page_median_ms},
    {"count_all_ms", &Figures::count_all_ms},
    {"count_user_ms", &Figures::count_user_ms},
    {"substring_ms", &Figures::substring_ms},
    {"offset_ms", &Figures::offset_ms},
};

}  // namespace

std::string SweepHeader() {
  std::string out = "# events";
  for (const Column& c : kColumns) {
    for (const char* t : kTargets) out += std::string(" ") + c.key + ":" + t;
  }
  return out + "\n";
}

std::string SweepRow(const Corpus& corpus, const std::vector<Figures>& figures) {
  std::string out = std::to_string(corpus.events());
  for (const Column& c : kColumns) {
    for (const char* t : kTargets) {
      std::optional<double> v;
      for (const Figures& f : figures) {
        if (f.target == t) v = f.*c.field;
      }
      char buf[64] = " NaN";
      if (v) std::snprintf(buf, sizeof(buf), " %.6g", *v);
      out += buf;
    }
  }
  return out + "\n";
}

bool AppendSweepRow(const std::string& path, const Corpus& corpus,
                    const std::vector<Figures>& figures) {
  std::error_code ec;
  bool fresh = !std::filesystem::exists(path, ec) || std::filesystem::file_size(path, ec) == 0;
  std::ofstream out(path, std::ios::app);
  if (fresh) out << SweepHeader();
  out << SweepRow(corpus, figures);
  return static_cast<bool>(out);
}

}  // namespace trailkeep::bench
