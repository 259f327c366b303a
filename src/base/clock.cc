#include "base/clock.h"

#include <chrono>

namespace trailkeep {

int64_t SystemClock::NowMs() const {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

const Clock& SystemClock::Get() {
  static const SystemClock* clock = new SystemClock();
  return *clock;
}

}  // namespace trailkeep
