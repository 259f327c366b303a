#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>

namespace trailkeep::cli {

std::string HumanBytes(uint64_t bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(bytes);
  int u = 0;
  while (v >= 1024 && u < 4) {
    v /= 1024;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof(buf), u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
  return buf;
}

Progress::Progress(std::string label, uint64_t total_bytes)
    : label_(std::move(label)),
      total_bytes_(total_bytes),
      enabled_(isatty(STDERR_FILENO) == 1),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

void Progress::Update(uint64_t events, uint64_t bytes) {
  events_ = events;
  bytes_ = bytes;
  auto now = std::chrono::steady_clock::now();
  if (enabled_ && now - last_draw_ >= std::chrono::milliseconds(200)) {
    last_draw_ = now;
    Draw(false);
  }
}

void Progress::Finish() {
  if (enabled_) Draw(true);
}

void Progress::Draw(bool final) {
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  double rate = secs > 0 ? static_cast<double>(events_) / secs : 0;
  std::string line = "\r" + label_ + ": " + std::to_string(events_) + " events, " +
                     HumanBytes(bytes_) + ", " + std::to_string(static_cast<uint64_t>(rate)) +
                     " events/s";
  if (total_bytes_ > 0 && !final && bytes_ > 0) {
    double eta = secs * (static_cast<double>(total_bytes_) / static_cast<double>(bytes_) - 1);
    line += ", " + std::to_string(static_cast<int>(bytes_ * 100 / total_bytes_)) + "%, ETA " +
            std::to_string(static_cast<int>(eta)) + "s";
  }
  line += final ? "\n" : "   ";
  std::fputs(line.c_str(), stderr);
  std::fflush(stderr);
}

}  // namespace trailkeep::cli
