// Test harness: the real `trailkeep` binary (TK_BINARY) started on port 0 in
// a temporary data directory, and helpers to talk to it.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "api/client/http_client.h"

namespace trailkeep::testing {

// A fresh directory under $TMPDIR, removed (recursively) on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// The path of the trailkeep binary under test.
std::string BinaryPath();

struct CommandResult {
  int exit_code = -1;
  std::string out, err;
};
// Runs the trailkeep binary with `args` (no shell), feeding `input` on stdin;
// the child is SIGKILLed if the test dies first.
CommandResult RunTrailkeep(const std::vector<std::string>& args, const std::string& input = "");

// `trailkeep token create` offline; returns the token (last stdout line).
std::string CreateToken(const std::string& data_dir, const std::vector<std::string>& tenants,
                        const std::vector<std::string>& scopes);

class ServerProcess {
 public:
  // Starts `trailkeep serve --data DIR --listen 127.0.0.1:0 EXTRA...` and
  // waits until it prints its address. Aborts the test on failure. The
  // server is SIGKILLed if the calling thread dies first (a test that
  // aborts leaves no server behind), so construct it on the thread that
  // outlives it: the test's own.
  explicit ServerProcess(const std::string& data_dir, std::vector<std::string> extra_args = {});
  ~ServerProcess();  // SIGTERM, then wait

  uint16_t port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  pid_t pid() const { return pid_; }
  // Sends `sig` and waits for the exit; returns the wait status.
  int Stop(int sig);
  // Peak resident memory so far (VmHWM), KiB.
  long PeakRssKib() const;
  // Everything the server printed to stdout so far.
  std::string Output() const;
  // The admin token the server printed on its first start (an empty data
  // directory: no token yet); "" when it printed none.
  const std::string& FirstStartAdminToken() const { return first_start_admin_token_; }

 private:
  pid_t pid_ = -1;
  uint16_t port_ = 0;
  int out_fd_ = -1;
  std::thread drain_;
  std::shared_ptr<std::string> output_;
  std::shared_ptr<std::mutex> output_mu_;
  std::string first_start_admin_token_;
};

// Creates a token through `server`'s POST /v1/tokens as its first-start
// admin and returns it: what CreateToken makes offline, without running the
// binary (and opening the store) once per token, which costs ~0.4 s under
// the sanitizers. A test failure (and "") when the server refuses.
std::string MintToken(const ServerProcess& server, const std::vector<std::string>& tenants,
                      const std::vector<std::string>& scopes);

// A client bound to one server and one token.
class Client {
 public:
  Client(const std::string& url, std::string token);
  api::ClientResponse Get(const std::string& target, api::HeaderList headers = {});
  api::ClientResponse Post(const std::string& target, const std::string& body,
                           api::HeaderList headers = {});
  api::ClientResponse Send(const std::string& method, const std::string& target,
                           const std::string& body, api::HeaderList headers = {});
  const std::string& token() const { return token_; }

 private:
  std::unique_ptr<api::HttpClient> http_;
  std::string token_;
};

// Writes `request` bytes to the port and returns everything read until the
// server closes the connection (or 5 s pass).
std::string RawExchange(uint16_t port, const std::string& request);

// The header's value in a response ("" when absent), case-insensitive.
std::string HeaderOf(const api::ClientResponse& r, const std::string& name);

}  // namespace trailkeep::testing
