// PostgresServer: a private PostgreSQL 15 server for the benchmark's
// PostgreSQL peer (postgres_peer.h), started from Debian's binaries
// (/usr/lib/postgresql/15/bin) in a fresh directory and removed afterwards.
//
// The cluster lives in `parent`/trailkeep-pg-XXXXXX (default: the system temp
// directory, because the postgres OS user must be able to reach it; the
// bench's own scratch directory is root-only). When this process runs as
// root, every server command runs as the `postgres` OS user through
// `runuser -u postgres --` (initdb refuses root) and the directory is
// chowned to it.
//
// Settings, chosen for a fair comparison with Trailkeep's defaults:
// fsync=on, synchronous_commit=on (a COPY's commit is fsync'd, like
// Trailkeep's sync acks), full_page_writes=on, shared_buffers=256MB
// (Trailkeep's block cache), listen on 127.0.0.1 at a free port, the unix
// socket inside the directory; everything else is PostgreSQL's default.
// initdb runs with --no-sync (creating the cluster is not measured), trust
// authentication, UTF8 and the C locale.
//
// Thread safety: not thread-safe; own from one thread.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "base/status.h"

namespace trailkeep::bench {

class PostgresServer {
 public:
  // Creates the cluster, starts the server, waits until it accepts
  // connections and creates database "bench".
  static Result<std::unique_ptr<PostgresServer>> Start(const std::string& parent = "");
  // Stops the server (pg_ctl stop -m fast) and removes the directory.
  ~PostgresServer();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  // libpq connection string for database "bench" over TCP.
  std::string ConnString() const;
  int port() const { return port_; }
  const std::string& dir() const { return dir_; }
  const std::string& data_dir() const { return data_dir_; }
  // The postmaster's pid; 0 when unknown.
  pid_t postmaster_pid() const { return postmaster_pid_; }

 private:
  PostgresServer() = default;
  // Runs a server binary (as postgres when root), waits, and fails on a
  // non-zero exit with the tail of the log.
  Status Run(const std::string& binary, const std::vector<std::string>& args) const;
  Status Stop();

  std::string dir_;
  std::string data_dir_;
  std::string log_path_;
  int port_ = 0;
  pid_t postmaster_pid_ = 0;
  bool running_ = false;
};

// Server-wide figures read from /proc for the postmaster `postmaster` and
// its children (backends, checkpointer, WAL writer, ...), best effort.
struct ServerProcStats {
  // utime+stime of the postmaster and its live children plus cutime+cstime
  // of the postmaster (children it already reaped); -1 when unreadable.
  double cpu_seconds = -1;
  // Sum of the processes' Pss (smaps_rollup; shared buffers counted once,
  // split among the processes mapping them), falling back to VmRSS; KiB;
  // -1 when unreadable.
  long resident_kib = -1;
};
ServerProcStats ReadServerProcStats(pid_t postmaster);

// The parent pid of `pid` (from /proc/PID/stat); 0 when unreadable.
pid_t ParentPid(pid_t pid);

}  // namespace trailkeep::bench
