// The results as one JSON document (bench/results/latest.json): the corpus,
// the workload, every figure per target, the ratios, the targets and the
// answer checks. Figures not measured are null.
//
//   {"corpus":{"events":N,"tenants":{...},"start":"…","end":"…","ndjson_bytes":N},
//    "context":{"tenant":"acme","week":{"from":"…","to":"…","events":N},
//               "fortnight":{…},"entity_substring":"012345","offset":100000,
//               "page_runs":200,"count_runs":5,"cores":2,"measured":"…"},
//    "targets":["trailkeep","sqlite","postgres"],
//    "figures":{"trailkeep":{"ingest_events_per_s":…,…},…},
//    "ratios":{"sqlite":{"ingest_events_per_s":…,…},…},   // trailkeep ÷ peer
//    "goals":{"page_median_ms":{"target":"≤ 2 ms …","met":true|false|null},…},
//    "answers":{"trailkeep":{"page_total_sum":N,…,"offset_rows":N|null,
//                            "offset_first_time":"…"|null},…},
//    "notes":{"trailkeep":["…"],…},
//    "engine_ceiling":{"runs":[{"what":"records only","entries_per_event":1,
//                               "value_bytes":N,"entries":N,"entries_per_s":…,
//                               "events_per_s":…},…],"records_read_per_s":…,
//                     "note":""},
//    "answers_differ":["…"]}
#pragma once

#include <string>
#include <vector>

#include "corpus.h"
#include "engine_ceiling.h"
#include "suite.h"

namespace trailkeep::bench {

std::string ResultsJson(const Corpus& corpus, const Workload& workload,
                        const std::vector<Figures>& figures,
                        const std::vector<std::string>& differences,
                        const EngineCeiling& ceiling);

// `path` with its extension replaced by ".json" ("latest.md" → "latest.json").
std::string JsonPathFor(const std::string& markdown_path);

}  // namespace trailkeep::bench
