#include "postgres_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <dirent.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace trailkeep::bench {
namespace {

namespace fs = std::filesystem;

constexpr const char* kBinDir = "/usr/lib/postgresql/15/bin/";

// A loopback TCP port nobody listens on right now (bind to port 0, read it
// back, close). Another process could take it before the server does; the
// start then fails with a clear log.
Result<int> FreeLoopbackPort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return Internal("postgres: socket() failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    close(fd);
    return Internal("postgres: cannot find a free loopback port");
  }
  int port = ntohs(addr.sin_port);
  close(fd);
  return port;
}

std::string Tail(const std::string& path, size_t max_bytes = 2000) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  return s.size() > max_bytes ? s.substr(s.size() - max_bytes) : s;
}

// /proc/PID/stat fields after the command (which may hold spaces), 0-based
// from field 3 ("state").
std::vector<std::string> StatFields(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(in, line);
  std::vector<std::string> fields;
  size_t close_paren = line.rfind(')');
  if (close_paren == std::string::npos) return fields;
  std::istringstream rest(line.substr(close_paren + 1));
  std::string f;
  while (rest >> f) fields.push_back(f);
  return fields;
}

long KibField(const std::string& path, const char* field) {
  std::ifstream in(path);
  std::string line;
  std::string prefix = std::string(field) + ":";
  while (std::getline(in, line)) {
    if (line.rfind(prefix, 0) == 0) return std::strtol(line.c_str() + prefix.size(), nullptr, 10);
  }
  return -1;
}

}  // namespace

pid_t ParentPid(pid_t pid) {
  std::vector<std::string> f = StatFields(pid);
  return f.size() > 1 ? static_cast<pid_t>(std::strtol(f[1].c_str(), nullptr, 10)) : 0;
}

ServerProcStats ReadServerProcStats(pid_t postmaster) {
  ServerProcStats stats;
  if (postmaster <= 0) return stats;
  std::vector<pid_t> pids = {postmaster};
  if (DIR* d = opendir("/proc")) {
    while (dirent* e = readdir(d)) {
      char* end = nullptr;
      long pid = std::strtol(e->d_name, &end, 10);
      if (pid <= 0 || *end != '\0') continue;
      if (ParentPid(static_cast<pid_t>(pid)) == postmaster) pids.push_back(static_cast<pid_t>(pid));
    }
    closedir(d);
  }
  const double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
  double cpu = 0;
  long kib = 0;
  bool any = false;
  for (pid_t pid : pids) {
    std::vector<std::string> f = StatFields(pid);
    // utime, stime, cutime, cstime are fields 14..17: indexes 11..14 here.
    if (f.size() < 15) continue;
    any = true;
    cpu += (std::strtod(f[11].c_str(), nullptr) + std::strtod(f[12].c_str(), nullptr)) / tick;
    if (pid == postmaster) {
      cpu += (std::strtod(f[13].c_str(), nullptr) + std::strtod(f[14].c_str(), nullptr)) / tick;
    }
    std::string base = "/proc/" + std::to_string(pid);
    long k = KibField(base + "/smaps_rollup", "Pss");
    if (k < 0) k = KibField(base + "/status", "VmRSS");
    if (k > 0) kib += k;
  }
  if (any) {
    stats.cpu_seconds = cpu;
    stats.resident_kib = kib;
  }
  return stats;
}

Status PostgresServer::Run(const std::string& binary, const std::vector<std::string>& args) const {
  std::vector<std::string> argv;
  if (geteuid() == 0) argv = {"/usr/sbin/runuser", "-u", "postgres", "--"};
  argv.push_back(kBinDir + binary);
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> cargv;
  for (std::string& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);
  std::string commands_log = dir_ + "/commands.log";
  pid_t child = fork();
  if (child < 0) return Internal("postgres: fork failed");
  if (child == 0) {
    int fd = open(commands_log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
      close(fd);
    }
    int null_in = open("/dev/null", O_RDONLY);
    if (null_in >= 0) dup2(null_in, 0);
    execv(cargv[0], cargv.data());
    _exit(127);
  }
  int status = 0;
  while (waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) return Internal("postgres: waitpid failed");
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return Internal("postgres: " + binary + " failed (status " + std::to_string(status) +
                    "): " + Tail(commands_log) + "\n" + Tail(log_path_));
  }
  return Status::Ok();
}

Result<std::unique_ptr<PostgresServer>> PostgresServer::Start(const std::string& parent) {
  std::unique_ptr<PostgresServer> s(new PostgresServer());
  std::error_code ec;
  fs::path base = parent.empty() ? fs::temp_directory_path(ec) : fs::path(parent);
  if (ec) base = "/tmp";
  std::string tmpl = (base / "trailkeep-pg-XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) return Internal("postgres: cannot create a directory in " + base.string());
  s->dir_ = tmpl;
  s->data_dir_ = s->dir_ + "/data";
  s->log_path_ = s->dir_ + "/server.log";
  if (geteuid() == 0) {
    passwd* pw = getpwnam("postgres");
    if (pw == nullptr) return FailedPrecondition("postgres: no 'postgres' OS user");
    if (chown(s->dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0) {
      return Internal("postgres: cannot chown " + s->dir_);
    }
  }
  TK_ASSIGN_OR_RETURN(s->port_, FreeLoopbackPort());
  TK_RETURN_IF_ERROR(s->Run("initdb", {"-D", s->data_dir_, "-U", "postgres", "--auth=trust",
                                       "-E", "UTF8", "--locale=C", "--no-sync"}));
  {
    std::ofstream conf(s->data_dir_ + "/postgresql.conf", std::ios::app);
    conf << "\n# trailkeep_bench (bench/postgres_server.h)\n"
         << "listen_addresses = '127.0.0.1'\n"
         << "port = " << s->port_ << "\n"
         << "unix_socket_directories = '" << s->dir_ << "'\n"
         << "fsync = on\nsynchronous_commit = on\nfull_page_writes = on\n"
         << "shared_buffers = 256MB\n";
    if (!conf) return Internal("postgres: cannot write postgresql.conf");
  }
  s->running_ = true;  // from here the destructor tries to stop it, even if start fails
  TK_RETURN_IF_ERROR(
      s->Run("pg_ctl", {"-D", s->data_dir_, "-l", s->log_path_, "-w", "-t", "60", "start"}));
  {
    std::ifstream pidfile(s->data_dir_ + "/postmaster.pid");
    long pid = 0;
    pidfile >> pid;
    s->postmaster_pid_ = static_cast<pid_t>(pid);
  }
  // pg_ctl -w already waited; connect in a loop anyway (up to ~30 s).
  std::string admin = "host=127.0.0.1 port=" + std::to_string(s->port_) +
                      " user=postgres dbname=postgres connect_timeout=5";
  PGconn* conn = nullptr;
  for (int attempt = 0; attempt < 300; ++attempt) {
    conn = PQconnectdb(admin.c_str());
    if (PQstatus(conn) == CONNECTION_OK) break;
    PQfinish(conn);
    conn = nullptr;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  if (conn == nullptr) return Unavailable("postgres: server never accepted connections: " + Tail(s->log_path_));
  PGresult* r = PQexec(conn, "CREATE DATABASE bench");
  bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  std::string error = PQerrorMessage(conn);
  PQclear(r);
  PQfinish(conn);
  if (!ok) return Internal("postgres: CREATE DATABASE: " + error);
  return s;
}

std::string PostgresServer::ConnString() const {
  return "host=127.0.0.1 port=" + std::to_string(port_) + " user=postgres dbname=bench";
}

Status PostgresServer::Stop() {
  if (!running_) return Status::Ok();
  running_ = false;
  return Run("pg_ctl", {"-D", data_dir_, "-m", "fast", "-w", "-t", "60", "stop"});
}

PostgresServer::~PostgresServer() {
  (void)Stop();  // best effort: nothing to report to from a destructor
  if (!dir_.empty()) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
}

}  // namespace trailkeep::bench
