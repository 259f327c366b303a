#include "workload.h"

#include <algorithm>
#include <cstdlib>
#include <string_view>

namespace trailkeep::bench {
namespace {

// Corpus lines start with {"time":<ms> (corpus.cc writes it first).
int64_t TimeOfLine(std::string_view line) {
  constexpr std::string_view kPrefix = "{\"time\":";
  if (line.substr(0, kPrefix.size()) != kPrefix) return -1;
  return std::strtoll(line.data() + kPrefix.size(), nullptr, 10);
}

// The number part of a line's entity id ("artifact-012345" → "012345").
std::string EntityNumberOfLine(std::string_view line) {
  constexpr std::string_view kKey = "\"entity\":{\"id\":\"";
  size_t p = line.find(kKey);
  if (p == std::string_view::npos) return "";
  size_t end = line.find('"', p + kKey.size());
  std::string_view id = line.substr(p + kKey.size(), end - p - kKey.size());
  size_t dash = id.rfind('-');
  return std::string(dash == std::string_view::npos ? id : id.substr(dash + 1));
}

}  // namespace

uint64_t Workload::RankOf(int64_t time_ms) const {
  auto it = std::upper_bound(week_times.begin(), week_times.end(), time_ms);
  return static_cast<uint64_t>(week_times.end() - it);
}

uint64_t Workload::ExpectedOffsetRows() const {
  uint64_t n = week_times.size();
  return n <= offset ? 0 : std::min<uint64_t>(page_limit, n - offset);
}

int64_t Workload::ExpectedOffsetTime() const {
  return week_times[week_times.size() - 1 - offset];
}

Workload DefaultWorkload(const Corpus& corpus, int connections) {
  Workload w;
  w.tenant = Corpus::TenantOfUser(0);
  w.week = {corpus.end_ms() - 7 * kDayMs, corpus.end_ms()};
  w.fortnight = {corpus.end_ms() - 14 * kDayMs, corpus.end_ms()};
  for (const std::string& a : Corpus::Actions()) w.page_matches.push_back({"action", a});
  w.user = {"actor.name", Corpus::UserName(0)};

  std::string_view last_line;
  size_t batch_size = 0;
  for (const Batch& b : corpus.batches()) {
    batch_size = std::max(batch_size, b.count);
    if (b.tenant != w.tenant) continue;
    std::string_view text = b.ndjson;
    while (!text.empty()) {
      size_t nl = text.find('\n');
      std::string_view line = text.substr(0, nl);
      text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
      int64_t t = TimeOfLine(line);
      if (t >= w.week.from_ms && t < w.week.to_ms) w.week_times.push_back(t);
      last_line = line;
    }
  }
  // Batches of one tenant follow each other in time, so this is sorted; sort
  // anyway in case the corpus ever interleaves.
  std::sort(w.week_times.begin(), w.week_times.end());
  w.entity_substring = EntityNumberOfLine(last_line);
  const uint64_t n = w.week_times.size();
  w.offset = n >= kWantedOffset + w.page_limit ? kWantedOffset : n / 2;
  w.offset_slack = 4 * static_cast<uint64_t>(std::max(connections, 1)) * batch_size;
  return w;
}

}  // namespace trailkeep::bench
