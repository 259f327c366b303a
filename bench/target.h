// Target: one system under measurement (Trailkeep over HTTP, or a peer such
// as SQLite), driven by the suite (suite.h) with the same corpus and the same
// queries. To add a peer, implement this interface in its own file and list
// it in main.cc.
//
// Thread safety: a target is driven from one thread; Load may use more
// internally.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "corpus.h"
#include "store/event_store.h"

namespace trailkeep::bench {

// A half-open time window [from_ms, to_ms), epoch ms.
struct Window {
  int64_t from_ms = 0;
  int64_t to_ms = 0;
};

// One equality filter on a native filter field: "action", "actor.name".
struct Match {
  std::string field;
  std::string value;
};

struct PageAnswer {
  uint64_t rows = 0;   // events returned in the page
  uint64_t total = 0;  // exact number matching in the window
};

// A page read at an offset: the rows, and the `time` of its first row
// (nullopt when the page is empty).
struct OffsetAnswer {
  uint64_t rows = 0;
  std::optional<int64_t> first_time_ms;
};

enum class ExportFormat { kNdjson, kCsv };

struct Footprint {
  uint64_t disk_bytes = 0;  // on disk after the target was flushed / closed
  long peak_rss_kib = -1;   // -1 when unknown
};

class Target {
 public:
  virtual ~Target() = default;
  virtual std::string_view Name() const = 0;

  // Stores every batch of `corpus` durably (an acknowledged batch survives
  // power loss). Called once, before any query.
  virtual Status Load(const Corpus& corpus) = 0;

  // Called once after Load, before any query: finishes the work a bulk load
  // leaves behind, as an operator would before relying on query times, so
  // that no target is timed while it is still digesting the load. Trailkeep
  // waits until its store reports no flush or compaction pending; the SQL
  // peers run ANALYZE (fresh planner statistics for the new rows).
  virtual Status Settle() = 0;

  // The newest `limit` events of `tenant` in `window` matching `match`, with
  // the exact total, rendered as the target would hand them to a client.
  virtual Result<PageAnswer> NewestPage(const std::string& tenant, Window window,
                                        const Match& match, size_t limit) = 0;

  // The same question as NewestPage asked through a vendor dialect (Trailkeep:
  // the Dynatrace audit-log endpoint, `match` being an `action` equality).
  // Peers have no dialects: they run NewestPage's SQL.
  virtual Result<PageAnswer> DialectPage(const std::string& tenant, Window window,
                                         const Match& match, size_t limit) {
    return NewestPage(tenant, window, match, limit);
  }

  // The newest `limit` events of `tenant` in `window` whose entity.id
  // contains `substring`, with the exact total.
  virtual Result<PageAnswer> EntitySubstringPage(const std::string& tenant, Window window,
                                                 const std::string& substring, size_t limit) = 0;

  // `limit` of `tenant`'s events in `window`, newest id first, after skipping
  // the first `offset`. A target that cannot answer (a server without the
  // parameter) returns kFailedPrecondition: the suite reports "not measured".
  virtual Result<OffsetAnswer> OffsetPage(const std::string& tenant, Window window, uint64_t offset,
                                          size_t limit) = 0;

  // True when ids follow the order of corpus.batches() (one loading
  // connection), so id order within a tenant is time order and the offset
  // page's rows are known exactly.
  virtual bool IdsFollowLoadOrder() const { return true; }

  // The exact number of `tenant`'s events in `window` (matching `match`).
  virtual Result<uint64_t> Count(const std::string& tenant, Window window,
                                 const std::optional<Match>& match) = 0;

  // Streams every event of `tenant` in `format`; returns the number of rows
  // (NDJSON lines / CSV records, header excluded) received.
  virtual Result<uint64_t> Export(const std::string& tenant, ExportFormat format) = 0;

  // What the target has handed its storage engine since it started
  // (Trailkeep: its /metrics counters); nullopt when it does not say.
  virtual Result<std::optional<store::WriteVolume>> WrittenToEngine() {
    return std::optional<store::WriteVolume>();
  }

  // CPU seconds the target's process has used so far (for the CPU cost of
  // ingest); -1 when unknown.
  virtual double CpuSeconds() const = 0;

  // Called once after the queries: flushes or stops the target and measures
  // its footprint.
  virtual Result<Footprint> Finish() = 0;
};

}  // namespace trailkeep::bench
