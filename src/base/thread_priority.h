// The calling thread's CPU priority, for background work that should use
// only what the request path leaves.
#pragma once

#include "base/status.h"

namespace trailkeep {

// Sets the calling thread's nice value to 19, the lowest CPU priority. On
// Linux a nice value belongs to one thread; threads it starts afterwards
// inherit it. Fails (and changes nothing) where the OS refuses.
Status LowerThreadCpuPriority();

}  // namespace trailkeep
