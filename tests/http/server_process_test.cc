// The harness itself: a server started by a test that dies does not outlive
// the test (SpawnTied in server_process.cc). Without that, an aborted test
// left `trailkeep serve` running, holding a core and its data directory.
#include "http/server_process.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

namespace trailkeep::testing {
namespace {

// True when `pid` has exited (gone, or a zombie nobody reaped yet).
bool Exited(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return true;
  size_t close = line.rfind(')');  // the name may hold spaces and parentheses
  return close == std::string::npos || line.substr(close + 2, 1) == "Z";
}

// A directory both this test and its dying child can name: the child of a
// "threadsafe" death test is this binary run afresh, so it cannot see the
// parent's TempDir, but its parent's pid is this process's.
std::filesystem::path SharedDir(pid_t test_pid) {
  return std::filesystem::temp_directory_path() /
         ("trailkeep-harness-test-" + std::to_string(test_pid));
}

TEST(ServerProcessHarness, ServerDiesWithTheTestThatStartedIt) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");  // a fresh process, not a bare fork
  const std::filesystem::path dir = SharedDir(getpid());
  std::filesystem::create_directories(dir);
  ASSERT_DEATH(
      {
        const std::filesystem::path shared = SharedDir(getppid());
        // gtest reads the dying child's stderr to its end: a server that
        // inherited it and outlived the child would hang this test instead
        // of failing it.
        freopen("/dev/null", "w", stderr);
        ServerProcess server((shared / "data").string());
        std::ofstream(shared / "server.pid") << server.pid() << "\n";
        std::abort();  // the test dies with its server running
      },
      "");
  pid_t pid = 0;
  std::ifstream(dir / "server.pid") >> pid;
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  ASSERT_GT(pid, 0) << "the dying test never started its server";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!Exited(pid) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(Exited(pid)) << "server " << pid << " outlived its test";
}

}  // namespace
}  // namespace trailkeep::testing
