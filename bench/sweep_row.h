// One line of the size sweep's data file (bench/results/sweep.dat), read by
// bench/chart.gp: the corpus size, then for each swept figure one column per
// target in a fixed order (trailkeep, sqlite, postgres), NaN when a target
// did not run or a figure was not measured. Columns are stable so gnuplot
// can address them by number; SweepHeader names them.
#pragma once

#include <string>
#include <vector>

#include "corpus.h"
#include "suite.h"

namespace trailkeep::bench {

// "# events ingest_events_per_s:trailkeep ingest_events_per_s:sqlite ..."
std::string SweepHeader();

// "1000000 612345.2 98765.1 ... NaN\n"
std::string SweepRow(const Corpus& corpus, const std::vector<Figures>& figures);

// Appends SweepRow to `path`, preceded by SweepHeader when the file is new
// or empty. False when it cannot be written.
bool AppendSweepRow(const std::string& path, const Corpus& corpus,
                    const std::vector<Figures>& figures);

}  // namespace trailkeep::bench
