// SqlitePeer: SQLite as the embedded peer. One database file in WAL mode with
// synchronous=FULL (a committed transaction is fsync'd, like Trailkeep's
// default acks), a 256 MiB page cache (Trailkeep's default block cache), one
// row per event with typed columns, and the indexes the queries need:
// (tenant, time), (tenant, action, time), (tenant, actor_name, time).
//
// Loaded from the same NDJSON batches as Trailkeep, parsed with the same
// codec (codec::ParseEvents), one transaction per batch. Queries run in
// process (no HTTP); rows are rendered to JSON or CSV as a server would.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "target.h"

struct sqlite3;
struct sqlite3_stmt;

namespace trailkeep::bench {

class SqlitePeer : public Target {
 public:
  // Creates `dir`/events.db (`dir` must exist) and the schema.
  static Result<std::unique_ptr<SqlitePeer>> Open(const std::string& dir);
  ~SqlitePeer() override;

  std::string_view Name() const override { return "sqlite"; }
  Status Load(const Corpus& corpus) override;
  Status Settle() override { return Exec("ANALYZE"); }
  Result<PageAnswer> NewestPage(const std::string& tenant, Window window, const Match& match,
                                size_t limit) override;
  Result<PageAnswer> EntitySubstringPage(const std::string& tenant, Window window,
                                         const std::string& substring, size_t limit) override;
  Result<OffsetAnswer> OffsetPage(const std::string& tenant, Window window, uint64_t offset,
                                  size_t limit) override;
  Result<uint64_t> Count(const std::string& tenant, Window window,
                         const std::optional<Match>& match) override;
  Result<uint64_t> Export(const std::string& tenant, ExportFormat format) override;
  // Closes the database (checkpointing the WAL into the file) and measures
  // the directory. Peak RSS is this process's peak growth since Open.
  Result<Footprint> Finish() override;
  // This process's CPU time (SQLite runs in it; the rest of the program is
  // idle while it does).
  double CpuSeconds() const override;

 private:
  explicit SqlitePeer(std::string dir);
  Status Exec(const char* sql);
  // A prepared statement, cached by its text.
  Result<sqlite3_stmt*> Prepare(const std::string& sql);
  Status Error(const std::string& what) const;
  // Binds a prepared statement's parameters.
  using Binder = std::function<void(sqlite3_stmt*)>;
  // Steps `sql` (selecting kColumns), rendering every row to JSON as a
  // server would; returns the row count and the first row's time.
  Result<OffsetAnswer> RenderRows(const std::string& sql, const Binder& bind);
  // The single integer `sql` (a count(*)) returns.
  Result<uint64_t> CountRows(const std::string& sql, const Binder& bind);
  // The newest `?5` rows of `from_where` (" FROM events WHERE ..." using
  // ?1..?4), rendered, plus the count of all of them; `bind` binds ?1..?4,
  // and ?5 when the statement has it.
  Result<PageAnswer> NewestWithTotal(const std::string& from_where, const Binder& bind);

  std::string dir_;
  sqlite3* db_ = nullptr;
  std::map<std::string, sqlite3_stmt*> statements_;
  long baseline_rss_kib_ = -1;
};

}  // namespace trailkeep::bench
