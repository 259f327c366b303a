// The results as one Markdown table: figure | trailkeep | <peer> | ratio ...
// | issue 7 target | met, and the context lines above it.
#pragma once

#include <string>
#include <vector>

#include "corpus.h"
#include "suite.h"

namespace trailkeep::bench {

// `figures[0]` is Trailkeep; every further entry is a peer and gets its own
// value column and a ratio column (Trailkeep's figure ÷ the peer's). The
// last two columns: the target for the row and whether this run
// meets it.
std::string MarkdownTable(const std::vector<Figures>& figures, const Workload& workload);

// A few lines saying what was measured: corpus, windows, filters, offset,
// machine, and every target's notes (figures not measured, and why).
std::string RunContext(const Corpus& corpus, const Workload& workload,
                       const std::vector<Figures>& figures);

}  // namespace trailkeep::bench
