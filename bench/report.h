// The results as one Markdown table: figure | trailkeep | <peer> | ratio ...
#pragma once

#include <string>
#include <vector>

#include "corpus.h"
#include "suite.h"

namespace trailkeep::bench {

// `figures[0]` is Trailkeep; every further entry is a peer and gets its own
// value column and a ratio column (Trailkeep's figure ÷ the peer's).
std::string MarkdownTable(const std::vector<Figures>& figures);

// A few lines saying what was measured: corpus, window, machine.
std::string RunContext(const Corpus& corpus, const Workload& workload);

}  // namespace trailkeep::bench
