// PostgresPeer: PostgreSQL 15 as the client/server peer, mirroring SqlitePeer
// (sqlite_peer.h) so the two answer the same questions the same way.
//
// Schema: one table `events` with typed columns (times as bigint epoch ms,
// exactly the values SQLite and Trailkeep compare on; success boolean;
// attributes `json`, which keeps the input text verbatim), an identity `id`
// without a primary-key index (SQLite's rowid and Trailkeep's key cost no
// extra index either), and the indexes the queries need: (tenant, time),
// (tenant, action, time), (tenant, actor_name, time), plus a pg_trgm GIN
// index on entity_id (for substring queries) when the pg_trgm extension can
// be created. All created before loading.
//
// Load: each corpus batch is parsed with codec::ParseEvents exactly as
// SqlitePeer does and sent as one `COPY events(...) FROM STDIN` (text
// format, escaped) — one COPY, hence one durable commit, per 1,000-event
// batch, like SQLite's one transaction per batch and Trailkeep's one
// request. One connection.
// Queries: prepared statements, results in text format, the page rendered
// to JSON with the same code shape as SqlitePeer. Export: `COPY (SELECT ...
// ORDER BY time, id) TO STDOUT`, each received row unescaped and rendered to
// NDJSON or CSV into a 64 KiB buffer, rows counted.
// Finish: CHECKPOINT, then bytes on disk = pg_total_relation_size('events')
// (heap, TOAST, all indexes) + the WAL directory (pg_ls_waldir; holds
// recycled segments, at least min_wal_size = 80 MB once written); peak
// memory = the largest sum of Pss (fallback VmRSS) of the postmaster and its
// children seen at the sample points (after Load, after each Export, at
// Finish) — best effort, not a true high-water mark.
// CpuSeconds: the server processes' CPU (postgres_server.h
// ReadServerProcStats; the postmaster is found as this connection's
// backend's parent) plus this process's CPU, which during Load is the
// client's NDJSON parsing and COPY encoding — the work Trailkeep's server
// does inside its own figure. Best effort: -1 when /proc is unreadable.
//
// Thread safety: not thread-safe; driven from one thread (Target's contract).
#pragma once

#include <sys/types.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "postgres_server.h"
#include "target.h"

struct pg_conn;

namespace trailkeep::bench {

class PostgresPeer : public Target {
 public:
  // Connects to a running server (libpq `conninfo`) and creates the schema.
  // The server must run on this machine for CpuSeconds/peak memory.
  static Result<std::unique_ptr<PostgresPeer>> Open(const std::string& conninfo);
  // Starts a private server (PostgresServer::Start(parent)) and opens a peer
  // on it that owns it: the server stops when the peer is destroyed.
  static Result<std::unique_ptr<PostgresPeer>> StartLocal(const std::string& parent = "");
  ~PostgresPeer() override;

  std::string_view Name() const override { return "postgres"; }
  Status Load(const Corpus& corpus) override;
  Status Settle() override { return Exec("ANALYZE events"); }
  Result<PageAnswer> NewestPage(const std::string& tenant, Window window, const Match& match,
                                size_t limit) override;
  Result<PageAnswer> EntitySubstringPage(const std::string& tenant, Window window,
                                         const std::string& substring, size_t limit) override;
  Result<OffsetAnswer> OffsetPage(const std::string& tenant, Window window, uint64_t offset,
                                  size_t limit) override;
  Result<uint64_t> Count(const std::string& tenant, Window window,
                         const std::optional<Match>& match) override;
  Result<uint64_t> Export(const std::string& tenant, ExportFormat format) override;
  double CpuSeconds() const override;
  // Closes the connection afterwards (the owned server stops with the peer).
  Result<Footprint> Finish() override;

  // Parts of the last Finish's disk_bytes, for reporting.
  uint64_t table_bytes() const { return table_bytes_; }
  uint64_t wal_bytes() const { return wal_bytes_; }
  bool has_trigram_index() const { return trigram_; }

 private:
  PostgresPeer() = default;
  Status Exec(const std::string& sql);
  Status Error(const std::string& what) const;
  // The name of a prepared statement for `sql`, preparing it once.
  Result<std::string> Prepare(const std::string& sql);
  // Runs `sql` (selecting kColumns) with text parameters, rendering every
  // row to JSON; returns the row count and the first row's time.
  Result<OffsetAnswer> RenderRows(const std::string& sql, const std::vector<std::string>& params);
  // The single integer `sql` (a count(*)) returns.
  Result<uint64_t> CountRows(const std::string& sql, const std::vector<std::string>& params);
  // The newest `$5` rows of `from_where` (" FROM events WHERE ..." using
  // $1..$4), rendered, plus the count of all of them. `params` holds $1..$5.
  Result<PageAnswer> NewestWithTotal(const std::string& from_where,
                                     std::vector<std::string> params);
  void SampleMemory();

  std::unique_ptr<PostgresServer> server_;  // set by StartLocal
  pg_conn* conn_ = nullptr;
  pid_t postmaster_ = 0;
  std::map<std::string, std::string> statements_;
  long peak_kib_ = -1;
  bool trigram_ = false;
  uint64_t table_bytes_ = 0;
  uint64_t wal_bytes_ = 0;
};

}  // namespace trailkeep::bench
