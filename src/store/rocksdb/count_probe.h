// A test probe for the Count path: how many index keys (events) the calling
// thread's Count calls have visited while counting partial minutes. Lets a
// test prove that Count does not scan matching events without timing.
#pragma once

#include <cstdint>

namespace trailkeep::store::rocksdb_store {

// Index keys visited by Count on this thread since the thread started.
uint64_t CountKeysVisitedOnThisThread();

}  // namespace trailkeep::store::rocksdb_store
