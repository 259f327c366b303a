// TrailkeepTarget: the real server, started from its binary in a fresh data
// directory with default (sync, fsync'd) acks, measured end to end over HTTP
// through the native API: POST /v1/events (NDJSON), GET /v1/events with
// filter/from/to/limit/total, GET /v1/events/export.
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
  Result<PageAnswer> NewestPage(const std::string& tenant, Window window, const Match& match,
                                size_t limit) override;
  Result<uint64_t> Count(const std::string& tenant, Window window,
                         const std::optional<Match>& match) override;
  Result<uint64_t> Export(const std::string& tenant, ExportFormat format) override;
  // Reads the server's peak RSS, stops it (SIGTERM: RocksDB closes), then
  // measures the data directory.
  Result<Footprint> Finish() override;
  // The server process's CPU time.
  double CpuSeconds() const override;

 private:
  TrailkeepTarget(TrailkeepOptions options, std::string token);
  api::HeaderList Headers(const std::string& tenant) const;
  Result<api::ClientResponse> Get(const std::string& tenant, const std::string& target);

  TrailkeepOptions options_;
  std::string token_;
  ServerProcess server_;
  std::unique_ptr<api::HttpClient> client_;  // for queries, kept alive
};

}  // namespace trailkeep::bench
