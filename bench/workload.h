// What is asked of every target, and the answers the corpus itself implies
// (so a target's answer can be checked without trusting another target).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "corpus.h"
#include "target.h"

namespace trailkeep::bench {

// The offset the issue asks for; smaller corpora use half the window.
inline constexpr uint64_t kWantedOffset = 100'000;

struct Workload {
  std::string tenant;                // the tenant queried (and, for export, every tenant)
  Window week;                       // the corpus's last 7 days
  Window fortnight;                  // the corpus's last 14 days (substring search)
  std::vector<Match> page_matches;   // page run i uses page_matches[i % size]
  Match user;                        // the user filter of the second count
  std::string entity_substring;      // the 6-digit number of one entity id
  uint64_t offset = 0;               // the offset page's offset (see kWantedOffset)
  size_t page_limit = 100;
  int page_runs = 200;
  int count_runs = 5;                // timed, after one warm-up

  // From the corpus: the times of `tenant`'s events in `week`, oldest first
  // (distinct: corpus times strictly increase).
  std::vector<int64_t> week_times;
  // How far (in events) an offset row's position in time order may be from
  // `offset` for a target whose ids do not follow the load order (Trailkeep
  // loading on several connections: concurrent batches commit in any order).
  uint64_t offset_slack = 0;

  // Events newer than `time_ms` in week_times: a row's position, newest first.
  uint64_t RankOf(int64_t time_ms) const;
  // The offset page's expected row count and first time, from week_times.
  uint64_t ExpectedOffsetRows() const;
  int64_t ExpectedOffsetTime() const;  // REQUIRES: ExpectedOffsetRows() > 0
};

// The workload the bench runs: tenant "acme" (the most active user's), the
// last 7 / 14 days of the corpus, the 15 actions, the top user, the entity
// number of the tenant's newest event, offset min(100,000, window / 2) when
// the window holds fewer than 100,100 events. `connections` and the corpus's
// batch size give offset_slack.
Workload DefaultWorkload(const Corpus& corpus, int connections);

}  // namespace trailkeep::bench
