// Progress on a terminal: events/s, bytes, ETA when the total is known.
// Silent when stderr is not a terminal (pipes, CI logs).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace trailkeep::cli {

class Progress {
 public:
  // `total_bytes` 0 means unknown (no ETA).
  Progress(std::string label, uint64_t total_bytes);
  // Records progress; redraws at most 5 times a second.
  void Update(uint64_t events, uint64_t bytes);
  // Final line (on a terminal).
  void Finish();

 private:
  void Draw(bool final);
  std::string label_;
  uint64_t total_bytes_;
  uint64_t events_ = 0, bytes_ = 0;
  bool enabled_;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

// "12.3 MiB"
std::string HumanBytes(uint64_t bytes);

}  // namespace trailkeep::cli
