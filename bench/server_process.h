// Child processes: any command with its output captured, and the real
// `trailkeep` binary: offline token creation, and
// `trailkeep serve` on port 0 in a given data directory.
//
// Thread safety: one owner thread.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "base/status.h"

namespace trailkeep::bench {

// A finished child process: its exit code (-1 when killed by a signal) and
// everything it wrote.
struct ProcessOutput {
  int exit_code = -1;
  std::string out, err;
};

// Runs args[0] (a path, or a name looked up in PATH) with `args` and waits
// for it. kInternal when it cannot be started.
Result<ProcessOutput> RunCaptured(const std::vector<std::string>& args);

// Runs `binary token create --data DIR --tenant T... --scope S...` and returns
// the token (the last line of stdout). kInternal with stderr on failure.
Result<std::string> CreateTokenOffline(const std::string& binary, const std::string& data_dir,
                                       const std::vector<std::string>& tenants,
                                       const std::vector<std::string>& scopes);

class ServerProcess {
 public:
  ServerProcess() = default;
  ~ServerProcess();  // Stop()
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Starts `binary serve --data DIR --listen 127.0.0.1:0 EXTRA...` and waits
  // until it prints "listening on http://127.0.0.1:PORT". The server's stdout
  // and stderr go to `log_path`. kUnavailable when it exits first.
  Status Start(const std::string& binary, const std::string& data_dir, const std::string& log_path,
               const std::vector<std::string>& extra_args = {});

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  pid_t pid() const { return pid_; }

  // SIGTERM, then waits for the exit. Returns false when it did not exit 0.
  bool Stop();

 private:
  pid_t pid_ = -1;
  uint16_t port_ = 0;
  int out_fd_ = -1;
  std::thread drain_;
};

}  // namespace trailkeep::bench
