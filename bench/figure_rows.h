// The catalogue of reported figures: one row per figure, its JSON key, its
// label, and issue 7's target for it where there is one, with the check of
// whether a run meets it. Shared by the Markdown table and the JSON.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "suite.h"

namespace trailkeep::bench {

// A target: an absolute bound on Trailkeep's figure and/or a factor over a
// peer's (for a "lower is better" figure, the peer's ÷ Trailkeep's).
struct Goal {
  std::optional<double> bound;  // ≥ bound (higher is better) or ≤ bound
  const char* unit = "";        // of the bound: "events/s", "ms", "bytes"
  std::optional<double> times;  // ≥ `times` × better than `peer`
  const char* peer = "postgres";
  const char* stated_at = "";   // the corpus size the issue states it for, "" if none
};

struct FigureRow {
  const char* key;    // JSON member ("page_median_ms")
  const char* label;  // the Markdown table's first column
  std::optional<double> Figures::*field;
  int decimals;
  bool higher_is_better;
  std::optional<Goal> goal;
};

const std::vector<FigureRow>& FigureRows();

// The row's label, with the offset actually used for the offset page.
std::string RowLabel(const FigureRow& row, const Workload& w);

// "≥ 500,000 events/s and ≥ 6× postgres", "≤ 2 ms and ≥ 30× postgres (10M stored)"; "" without a goal.
std::string GoalText(const FigureRow& row);

// Whether `figures[0]` (Trailkeep) meets the row's goal; nullopt when there
// is no goal or a figure it needs is missing (false already when the bound
// is missed, even without the peer).
std::optional<bool> GoalMet(const FigureRow& row, const std::vector<Figures>& figures);

// `v` with `decimals` decimals; 0 decimals: an integer with thousands
// separators. "—" for nullopt.
std::string FormatFigure(std::optional<double> v, int decimals);

}  // namespace trailkeep::bench
