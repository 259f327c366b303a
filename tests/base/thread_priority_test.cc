#include "base/thread_priority.h"

#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <thread>

#include <gtest/gtest.h>

namespace trailkeep {
namespace {

// The nice value of the calling thread.
int OwnNice() {
  errno = 0;
  return getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
}

// Only the calling thread is lowered, to nice 19, and threads it starts
// afterwards inherit it.
TEST(ThreadPriorityTest, LowersOnlyTheCallingThreadAndWhatItStarts) {
  const int before = OwnNice();
  ASSERT_LT(before, 19);
  int lowered = 0, child = 0;
  std::thread t([&] {
    ASSERT_TRUE(LowerThreadCpuPriority().ok());
    lowered = OwnNice();
    std::thread([&] { child = OwnNice(); }).join();
  });
  t.join();
  EXPECT_EQ(lowered, 19);
  EXPECT_EQ(child, 19);
  EXPECT_EQ(OwnNice(), before);
}

}  // namespace
}  // namespace trailkeep
