// The storage engine alone on this machine, in the same run: RocksDB's own
// write benchmark (`db_bench` from Debian's rocksdb-tools) storing what the
// ingest stored, without HTTP, JSON, ids or index building. What it reaches
// bounds any durable ingest that writes the same entries through RocksDB.
//
// Two writes, each in 1,000-event batches synced to the WAL by one writer
// (Trailkeep's commit groups), ZSTD level 1, 128 KiB blocks, 64 MiB write buffers,
// two background jobs, sequential keys (the cheapest order for the engine: no skiplist
// search past the last insert, no compaction rewrites):
//   * records only: one entry per event, the corpus's mean NDJSON size; then
//     flushed and read back in key order by one thread (what an export
//     starts from);
//   * Trailkeep's write mix: the entries and bytes per event that this run's
//     load handed the engine (Figures::engine_*_per_event).
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "corpus.h"
#include "suite.h"

namespace trailkeep::bench {

struct EngineWriteRun {
  std::string what;        // "records only", "Trailkeep's write mix"
  double entries_per_event = 0;
  uint64_t value_bytes = 0;  // per entry; keys are 16 bytes
  uint64_t entries = 0;      // written in the run
  double entries_per_s = 0;
  double events_per_s = 0;   // entries_per_s / entries_per_event
};

struct EngineCeiling {
  std::vector<EngineWriteRun> runs;
  // The records-only store read back in key order by one thread
  // (`readseq`): entries/s.
  std::optional<double> records_read_per_s;
  std::string note;  // why a run is missing ("db_bench not found: ...")
};

// Runs db_bench in `dir` (created and removed) for at most kCeilingEvents
// events' worth of entries. `trailkeep` gives the write mix; without its
// engine figures only the records run is made.
EngineCeiling MeasureEngineCeiling(const Corpus& corpus, const Figures& trailkeep,
                                   const std::string& dir, std::ostream& log);

// A Markdown section: a short heading line and one table row per run;
// empty when nothing was measured and there is no note.
std::string EngineCeilingMarkdown(const EngineCeiling& ceiling);

inline constexpr uint64_t kCeilingEvents = 2'000'000;

}  // namespace trailkeep::bench
