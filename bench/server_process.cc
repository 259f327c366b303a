#include "server_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <regex>

extern char** environ;

namespace trailkeep::bench {
namespace {

std::vector<char*> Argv(std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  return argv;
}

std::string ReadAll(int fd) {
  std::string out;
  char buf[8192];
  ssize_t n;
  while ((n = read(fd, buf, sizeof(buf))) > 0) out.append(buf, static_cast<size_t>(n));
  return out;
}

void WriteAll(int fd, std::string_view s) {
  while (!s.empty()) {
    ssize_t n = write(fd, s.data(), s.size());
    if (n <= 0) return;
    s.remove_prefix(static_cast<size_t>(n));
  }
}

}  // namespace

Result<ProcessOutput> RunCaptured(const std::vector<std::string>& args_in) {
  std::vector<std::string> args = args_in;
  int out_pipe[2], err_pipe[2];
  if (pipe(out_pipe) != 0) return Internal("pipe failed");
  if (pipe(err_pipe) != 0) {
    close(out_pipe[0]);
    close(out_pipe[1]);
    return Internal("pipe failed");
  }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&fa, err_pipe[1], 2);
  posix_spawn_file_actions_addclose(&fa, out_pipe[0]);
  posix_spawn_file_actions_addclose(&fa, err_pipe[0]);
  pid_t pid;
  auto argv = Argv(args);
  int rc = posix_spawnp(&pid, argv[0], &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (rc != 0) {
    close(out_pipe[0]);
    close(err_pipe[0]);
    return Internal("cannot run " + args[0]);
  }
  ProcessOutput result;
  std::thread err_reader([&] { result.err = ReadAll(err_pipe[0]); });
  result.out = ReadAll(out_pipe[0]);
  err_reader.join();
  close(out_pipe[0]);
  close(err_pipe[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

Result<std::string> CreateTokenOffline(const std::string& binary, const std::string& data_dir,
                                       const std::vector<std::string>& tenants,
                                       const std::vector<std::string>& scopes) {
  std::vector<std::string> args = {binary, "token", "create", "--data", data_dir};
  for (const auto& t : tenants) args.insert(args.end(), {"--tenant", t});
  for (const auto& s : scopes) args.insert(args.end(), {"--scope", s});
  TK_ASSIGN_OR_RETURN(ProcessOutput run, RunCaptured(args));
  if (run.exit_code != 0) return Internal("trailkeep token create failed: " + run.err);
  std::string out = std::move(run.out);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  size_t nl = out.rfind('\n');
  std::string token = nl == std::string::npos ? out : out.substr(nl + 1);
  if (token.empty()) return Internal("trailkeep token create printed no token");
  return token;
}

Status ServerProcess::Start(const std::string& binary, const std::string& data_dir,
                            const std::string& log_path, const std::vector<std::string>& extra) {
  std::vector<std::string> args = {binary, "serve", "--data", data_dir, "--listen", "127.0.0.1:0"};
  args.insert(args.end(), extra.begin(), extra.end());
  int log_fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (log_fd < 0) return Internal("cannot create " + log_path);
  int out_pipe[2];
  if (pipe(out_pipe) != 0) {
    close(log_fd);
    return Internal("pipe failed");
  }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&fa, log_fd, 2);
  posix_spawn_file_actions_addclose(&fa, out_pipe[0]);
  auto argv = Argv(args);
  int rc = posix_spawn(&pid_, argv[0], &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  close(out_pipe[1]);
  if (rc != 0) {
    close(out_pipe[0]);
    close(log_fd);
    pid_ = -1;
    return Unavailable("cannot run " + binary);
  }
  out_fd_ = out_pipe[0];
  std::string seen;
  std::regex re("listening on http://127\\.0\\.0\\.1:([0-9]+)");
  std::smatch m;
  char buf[4096];
  while (!std::regex_search(seen, m, re)) {
    ssize_t n = read(out_fd_, buf, sizeof(buf));
    if (n <= 0) {
      close(log_fd);
      Stop();
      return Unavailable("trailkeep serve exited before listening (log: " + log_path + "):\n" +
                         seen);
    }
    seen.append(buf, static_cast<size_t>(n));
  }
  port_ = static_cast<uint16_t>(std::stoi(m[1]));
  WriteAll(log_fd, seen);
  // Keep draining stdout into the log so the server never blocks on a pipe.
  drain_ = std::thread([fd = out_fd_, log_fd] {
    char b[4096];
    ssize_t n;
    while ((n = read(fd, b, sizeof(b))) > 0) WriteAll(log_fd, std::string_view(b, static_cast<size_t>(n)));
    close(log_fd);
  });
  return Status::Ok();
}

bool ServerProcess::Stop() {
  if (pid_ <= 0) return true;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  if (drain_.joinable()) drain_.join();
  if (out_fd_ >= 0) close(out_fd_);
  out_fd_ = -1;
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

ServerProcess::~ServerProcess() { Stop(); }

}  // namespace trailkeep::bench
