#include "engine_ceiling.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <regex>

#include "figure_rows.h"
#include "server_process.h"

namespace trailkeep::bench {
namespace {

constexpr uint64_t kKeyBytes = 16;
constexpr uint64_t kEventsPerBatch = 1'000;

// One `db_bench --benchmarks=fillseq` run; entries/s from its report line
// "fillseq : 3.166 micros/op 315847 ops/sec ...".
Result<double> FillSeq(const std::string& db, uint64_t entries, uint64_t value_bytes,
                       uint64_t batch_entries) {
  std::vector<std::string> args = {
      "db_bench",
      "--benchmarks=fillseq",
      "--db=" + db,
      "--num=" + std::to_string(entries),
      "--key_size=" + std::to_string(kKeyBytes),
      "--value_size=" + std::to_string(value_bytes),
      "--batch_size=" + std::to_string(batch_entries),
      "--sync=true",
      "--threads=1",
      "--compression_type=zstd",
      // db_bench's values compress to this share of their size; Trailkeep's
      // records and runs compress to a quarter to a third.
      "--compression_ratio=0.3",
      "--write_buffer_size=" + std::to_string(64u << 20),
      "--max_background_jobs=2",
      "--level_compaction_dynamic_level_bytes=true",
      "--statistics=false",
  };
  TK_ASSIGN_OR_RETURN(ProcessOutput run, RunCaptured(args));
  if (run.exit_code != 0) return Internal("db_bench failed: " + run.err + run.out);
  std::smatch m;
  static const std::regex re(R"(fillseq\s*:\s*[0-9.]+ micros/op ([0-9.]+) ops/sec)");
  if (!std::regex_search(run.out, m, re)) return Internal("db_bench printed no fillseq rate:\n" + run.out);
  return std::strtod(m[1].str().c_str(), nullptr);
}

}  // namespace

EngineCeiling MeasureEngineCeiling(const Corpus& corpus, const Figures& trailkeep,
                                   const std::string& dir, std::ostream& log) {
  EngineCeiling ceiling;
  const uint64_t events = std::min(corpus.events(), kCeilingEvents);
  const double ndjson_per_event =
      static_cast<double>(corpus.ndjson_bytes()) / static_cast<double>(std::max<uint64_t>(corpus.events(), 1));
  std::vector<EngineWriteRun> plan;
  plan.push_back({"records only", 1.0,
                  static_cast<uint64_t>(std::llround(ndjson_per_event)), events, 0, 0});
  if (trailkeep.engine_entries_per_event && trailkeep.engine_bytes_per_event &&
      *trailkeep.engine_entries_per_event >= 1) {
    const double per_event = *trailkeep.engine_entries_per_event;
    const double bytes_per_entry = *trailkeep.engine_bytes_per_event / per_event;
    plan.push_back({"Trailkeep's write mix", per_event,
                    static_cast<uint64_t>(std::max(1.0, std::round(bytes_per_entry) - kKeyBytes)),
                    static_cast<uint64_t>(std::llround(per_event * static_cast<double>(events))),
                    0, 0});
  }
  for (EngineWriteRun& run : plan) {
    log << "[rocksdb alone] " << run.what << ": " << run.entries << " entries of "
        << kKeyBytes + run.value_bytes << " bytes\n" << std::flush;
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    const auto batch = static_cast<uint64_t>(
        std::max(1.0, std::round(run.entries_per_event * kEventsPerBatch)));
    Result<double> rate = FillSeq(dir, run.entries, run.value_bytes, batch);
    std::filesystem::remove_all(dir, ec);
    if (!rate.ok()) {
      ceiling.note = "db_bench (Debian package rocksdb-tools) did not run: " + rate.status().message();
      break;
    }
    run.entries_per_s = *rate;
    run.events_per_s = *rate / run.entries_per_event;
    ceiling.runs.push_back(run);
  }
  return ceiling;
}

std::string EngineCeilingMarkdown(const EngineCeiling& c) {
  if (c.runs.empty() && c.note.empty()) return "";
  std::string out =
      "\n### The storage engine alone (RocksDB's db_bench, same machine, same run)\n\n"
      "Sequential 16-byte keys, 1,000 events per WAL-synced batch, one writer, ZSTD: an upper "
      "bound for durable ingest that stores these entries through RocksDB.\n\n";
  if (!c.note.empty()) out += "- " + c.note + "\n\n";
  if (c.runs.empty()) return out;
  out += "| write | entries per event | bytes per entry | entries/s | events/s |\n";
  out += "|---|---:|---:|---:|---:|\n";
  for (const EngineWriteRun& r : c.runs) {
    out += "| " + r.what + " | " + FormatFigure(r.entries_per_event, 2) + " | " +
           FormatFigure(static_cast<double>(r.value_bytes + kKeyBytes), 0) + " | " +
           FormatFigure(r.entries_per_s, 0) + " | " + FormatFigure(r.events_per_s, 0) + " |\n";
  }
  return out;
}

}  // namespace trailkeep::bench
