// TrailkeepTarget: the real server, started from its binary in a fresh data
// directory with default (sync, fsync'd) acks, measured end to end over HTTP
// through the native API: POST /v1/events (NDJSON), GET /v1/events with
// filter/from/to/limit/total/order/offset, GET /v1/events/export, and the
// Dynatrace dialect's GET /e/{tenant}/api/v2/auditlogs.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "api/client/http_client.h"
#include "server_process.h"
#include "target.h"

namespace trailkeep::bench {

struct TrailkeepOptions {
  std::string binary = "build/src/cli/trailkeep";
  // The data directory (created by the server; must not exist or be empty).
  std::string data_dir;
  // The server's log (stdout and stderr).
  std::string log_path;
  // Concurrent keep-alive connections used by Load.
  int connections = 2;
  // Extra `trailkeep serve` arguments ("--durability=buffered").
  std::vector<std::string> server_args;
};

class TrailkeepTarget : public Target {
 public:
  // Creates a token offline for every corpus tenant, then starts the server.
  static Result<std::unique_ptr<TrailkeepTarget>> Start(const TrailkeepOptions& options,
                                                        const Corpus& corpus);

  std::string_view Name() const override { return "trailkeep"; }
  Status Load(const Corpus& corpus) override;
  Status Settle() override;
  Result<PageAnswer> NewestPage(const std::string& tenant, Window window, const Match& match,
                                size_t limit) override;
  // GET /e/{tenant}/api/v2/auditlogs with filter=eventType("<action>").
  Result<PageAnswer> DialectPage(const std::string& tenant, Window window, const Match& match,
                                 size_t limit) override;
  // GET /e/{tenant}/api/v2/auditlogs with filter=entityId("<substring>").
  Result<PageAnswer> EntitySubstringPage(const std::string& tenant, Window window,
                                         const std::string& substring, size_t limit) override;
  // GET /v1/events?order=desc&limit&offset. kFailedPrecondition when the
  // server does not support `offset` (400, or it ignores a malformed one).
  Result<OffsetAnswer> OffsetPage(const std::string& tenant, Window window, uint64_t offset,
                                  size_t limit) override;
  Result<uint64_t> Count(const std::string& tenant, Window window,
                         const std::optional<Match>& match) override;
  Result<uint64_t> Export(const std::string& tenant, ExportFormat format) override;
  // /metrics' trailkeep_store_written_entries_total and _bytes_total.
  Result<std::optional<store::WriteVolume>> WrittenToEngine() override;
  // Ids follow commit order: with several connections, batches interleave.
  bool IdsFollowLoadOrder() const override { return options_.connections <= 1; }
  // Reads the server's peak RSS, stops it (SIGTERM: RocksDB closes), then
  // measures the data directory.
  Result<Footprint> Finish() override;
  // The server process's CPU time.
  double CpuSeconds() const override;

 private:
  TrailkeepTarget(TrailkeepOptions options, std::string token);
  api::HeaderList Headers(const std::string& tenant) const;
  Result<api::ClientResponse> Get(const std::string& tenant, const std::string& target);
  // GET /metrics (no tenant): the Prometheus text.
  Result<std::string> MetricsText();
  // A Dynatrace AuditLog page of `tenant` for the dialect filter `filter`.
  Result<PageAnswer> DynatracePage(const std::string& tenant, Window window,
                                   const std::string& filter, size_t limit);

  TrailkeepOptions options_;
  std::string token_;
  ServerProcess server_;
  std::unique_ptr<api::HttpClient> client_;  // for queries, kept alive
  bool offset_supported_ = false;            // probed by the first OffsetPage
};

}  // namespace trailkeep::bench
