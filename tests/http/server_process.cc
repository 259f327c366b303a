#include "http/server_process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <strings.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "codec/json_value.h"
#include "codec/json_writer.h"
#include "http/text_shapes.h"

extern char** environ;

namespace trailkeep::testing {

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "trailkeep-test-XXXXXX").string();
  char* p = mkdtemp(tmpl.data());
  if (p == nullptr) std::abort();
  path_ = p;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string BinaryPath() {
  const char* b = std::getenv("TK_BINARY");
  return b != nullptr ? b : TK_BINARY_PATH;
}

namespace {

std::vector<char*> Argv(std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  return argv;
}

// Starts `argv` (null-terminated) as a child with each (from, to) of `dup2s`
// applied and every other descriptor above stderr closed (it inherits no
// pipe of the test's, so it cannot keep one open), and the child is
// SIGKILLed when the thread that started it dies: a test that
// aborts (a failed CHECK, a sanitizer report, a timeout kill) leaves no
// server running behind it. Every caller here starts children from the
// test's main thread or waits for them before its thread ends. Returns the
// pid, or -1 when fork fails.
pid_t SpawnTied(std::vector<char*>& argv, std::initializer_list<std::pair<int, int>> dup2s) {
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid != 0) return pid;
  // The child of a multithreaded process: async-signal-safe calls only.
  if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent) _exit(127);
  for (auto [from, to] : dup2s) {
    if (dup2(from, to) < 0) _exit(127);
  }
  if (close_range(3, ~0u, 0) != 0) {  // a kernel before 5.9
    for (int fd = 3; fd < 4096; ++fd) close(fd);
  }
  execve(argv[0], argv.data(), environ);
  _exit(127);
}

std::string ReadAll(int fd) {
  std::string out;
  char buf[8192];
  ssize_t n;
  while ((n = read(fd, buf, sizeof(buf))) > 0) out.append(buf, static_cast<size_t>(n));
  return out;
}

}  // namespace

CommandResult RunTrailkeep(const std::vector<std::string>& args, const std::string& input) {
  std::vector<std::string> full = {BinaryPath()};
  full.insert(full.end(), args.begin(), args.end());
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (pipe(in_pipe) || pipe(out_pipe) || pipe(err_pipe)) std::abort();
  auto argv = Argv(full);
  pid_t pid = SpawnTied(argv, {{in_pipe[0], 0}, {out_pipe[1], 1}, {err_pipe[1], 2}});
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  CommandResult result;
  if (pid < 0) {
    ADD_FAILURE() << "cannot start " << full[0];
    return result;
  }
  std::thread writer([&] {
    size_t off = 0;
    while (off < input.size()) {
      ssize_t n = write(in_pipe[1], input.data() + off, input.size() - off);
      if (n <= 0) break;
      off += static_cast<size_t>(n);
    }
    close(in_pipe[1]);
  });
  std::thread err_reader([&] { result.err = ReadAll(err_pipe[0]); });
  result.out = ReadAll(out_pipe[0]);
  writer.join();
  err_reader.join();
  close(out_pipe[0]);
  close(err_pipe[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

std::string CreateToken(const std::string& data_dir, const std::vector<std::string>& tenants,
                        const std::vector<std::string>& scopes) {
  std::vector<std::string> args = {"token", "create", "--data", data_dir};
  for (const auto& t : tenants) args.insert(args.end(), {"--tenant", t});
  for (const auto& s : scopes) args.insert(args.end(), {"--scope", s});
  CommandResult r = RunTrailkeep(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::string out = r.out;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out.substr(out.rfind('\n') == std::string::npos ? 0 : out.rfind('\n') + 1);
}

ServerProcess::ServerProcess(const std::string& data_dir, std::vector<std::string> extra_args)
    : output_(std::make_shared<std::string>()), output_mu_(std::make_shared<std::mutex>()) {
  std::vector<std::string> args = {BinaryPath(), "serve",    "--data",
                                   data_dir,     "--listen", "127.0.0.1:0"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  int out_pipe[2];
  if (pipe(out_pipe)) std::abort();
  auto argv = Argv(args);
  pid_ = SpawnTied(argv, {{out_pipe[1], 1}});
  close(out_pipe[1]);
  if (pid_ < 0) {
    ADD_FAILURE() << "cannot start " << args[0];
    return;
  }
  out_fd_ = out_pipe[0];
  // Read until the address line, then keep draining in the background.
  std::string seen;
  static constexpr std::string_view kListening = "listening on http://127.0.0.1:";
  // The port: the digits after kListening, once a non-digit ends them.
  auto port = [&seen]() -> std::optional<int> {
    size_t at = seen.find(kListening);
    if (at == std::string::npos) return std::nullopt;
    size_t digits = at + kListening.size(), end = digits;
    while (end < seen.size() && seen[end] >= '0' && seen[end] <= '9') ++end;
    if (end == digits || end == seen.size()) return std::nullopt;
    return std::stoi(seen.substr(digits, end - digits));
  };
  char buf[4096];
  while (!port()) {
    ssize_t n = read(out_fd_, buf, sizeof(buf));
    if (n <= 0) {
      ADD_FAILURE() << "server exited before listening; output:\n" << seen;
      return;
    }
    seen.append(buf, static_cast<size_t>(n));
  }
  port_ = static_cast<uint16_t>(*port());
  *output_ = seen;
  // Printed before the address line: `seen` holds it when there is one.
  std::vector<std::string> secrets = TokenSecretsIn(seen);
  if (!secrets.empty()) first_start_admin_token_ = secrets.front();
  drain_ = std::thread([fd = out_fd_, out = output_, mu = output_mu_] {
    char b[4096];
    ssize_t n;
    while ((n = read(fd, b, sizeof(b))) > 0) {
      std::lock_guard lock(*mu);
      out->append(b, static_cast<size_t>(n));
    }
  });
}

int ServerProcess::Stop(int sig) {
  if (pid_ <= 0) return 0;
  kill(pid_, sig);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  if (drain_.joinable()) drain_.join();
  if (out_fd_ >= 0) close(out_fd_);
  out_fd_ = -1;
  return status;
}

ServerProcess::~ServerProcess() { Stop(SIGTERM); }

long ServerProcess::PeakRssKib() const {
  std::ifstream in("/proc/" + std::to_string(pid_) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

std::string ServerProcess::Output() const {
  std::lock_guard lock(*output_mu_);
  return *output_;
}

std::string MintToken(const ServerProcess& server, const std::vector<std::string>& tenants,
                      const std::vector<std::string>& scopes) {
  const std::string& admin = server.FirstStartAdminToken();
  EXPECT_FALSE(admin.empty()) << "no first-start admin token in:\n" << server.Output();
  codec::JsonWriter w;
  auto strings = [&w](std::string_view key, const std::vector<std::string>& items) {
    w.Key(key);
    w.BeginArray();
    for (const std::string& item : items) w.String(item);
    w.EndArray();
  };
  w.BeginObject();
  strings("tenants", tenants);
  strings("scopes", scopes);
  w.EndObject();
  const std::string body = w.Take();
  api::ClientResponse r = Client(server.url(), admin).Post("/v1/tokens", body);
  EXPECT_EQ(r.status, 201) << body << " -> " << r.body;
  auto v = codec::ParseJsonValue(r.body);
  const codec::JsonValue* token = v.ok() ? v.value().Find("token") : nullptr;
  EXPECT_NE(token, nullptr) << r.body;
  return token != nullptr ? token->string : "";
}

Client::Client(const std::string& url, std::string token) : token_(std::move(token)) {
  auto c = api::HttpClient::Create(url, std::chrono::seconds(120));
  if (!c.ok()) std::abort();
  http_ = std::move(c).value();
}

api::ClientResponse Client::Send(const std::string& method, const std::string& target,
                                 const std::string& body, api::HeaderList headers) {
  if (!token_.empty()) headers.emplace_back("Authorization", "Bearer " + token_);
  auto r = http_->Send(method, target, headers, body);
  EXPECT_TRUE(r.ok()) << method << " " << target << ": " << r.status().ToString();
  return r.ok() ? std::move(r).value() : api::ClientResponse{};
}

api::ClientResponse Client::Get(const std::string& target, api::HeaderList headers) {
  return Send("GET", target, "", std::move(headers));
}

api::ClientResponse Client::Post(const std::string& target, const std::string& body,
                                 api::HeaderList headers) {
  return Send("POST", target, body, std::move(headers));
}

std::string RawExchange(uint16_t port, const std::string& request) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    close(fd);
    return "";
  }
  timeval tv{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  size_t off = 0;
  while (off < request.size()) {
    ssize_t n = send(fd, request.data() + off, request.size() - off, MSG_NOSIGNAL);
    if (n <= 0) break;
    off += static_cast<size_t>(n);
  }
  std::string out = ReadAll(fd);
  close(fd);
  return out;
}

std::string HeaderOf(const api::ClientResponse& r, const std::string& name) {
  for (const auto& [k, v] : r.headers) {
    if (strcasecmp(k.c_str(), name.c_str()) == 0) return v;
  }
  return "";
}

}  // namespace trailkeep::testing
