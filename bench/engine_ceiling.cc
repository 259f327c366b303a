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

struct Rates {
  double fill = 0;  // entries written per second
  std::optional<double> read;  // entries read back in key order per second
};

// One `db_bench --benchmarks=fillseq[,readseq]` run; the rates from its
// report lines "fillseq : 3.166 micros/op 315847 ops/sec ...".
Result<Rates> FillSeq(const std::string& db, uint64_t entries, uint64_t value_bytes,
                      uint64_t batch_entries, bool read_back) {
  std::vector<std::string> args = {
      "db_bench",
      // Read back from files, as an export of a settled store reads.
      read_back ? "--benchmarks=fillseq,flush,waitforcompaction,readseq" : "--benchmarks=fillseq",
      "--db=" + db,
      "--num=" + std::to_string(entries),
      "--key_size=" + std::to_string(kKeyBytes),
      "--value_size=" + std::to_string(value_bytes),
      "--batch_size=" + std::to_string(batch_entries),
      "--sync=true",
      "--threads=1",
      // As the events column family's records: ZSTD level 1 in 128 KiB blocks.
      "--compression_type=zstd",
      "--compression_level=1",
      // db_bench's values compress to this share of their size; Trailkeep's
      // records and runs compress to a quarter to a third.
      "--compression_ratio=0.3",
      "--write_buffer_size=" + std::to_string(64u << 20),
      "--block_size=" + std::to_string(128u << 10),
      "--max_background_jobs=2",
      "--level_compaction_dynamic_level_bytes=true",
      "--statistics=false",
  };
  TK_ASSIGN_OR_RETURN(ProcessOutput run, RunCaptured(args));
  if (run.exit_code != 0) return Internal("db_bench failed: " + run.err + run.out);
  auto rate = [&](const std::string& name) -> std::optional<double> {
    std::smatch m;
    const std::regex re(name + R"(\s*:\s*[0-9.]+ micros/op ([0-9.]+) ops/sec)");
    if (!std::regex_search(run.out, m, re)) return std::nullopt;
    return std::strtod(m[1].str().c_str(), nullptr);
  };
  Rates rates;
  std::optional<double> fill = rate("fillseq");
  if (!fill) return Internal("db_bench printed no fillseq rate:\n" + run.out);
  rates.fill = *fill;
  if (read_back) {
    rates.read = rate("readseq");
    if (!rates.read) return Internal("db_bench printed no readseq rate:\n" + run.out);
  }
  return rates;
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
  for (size_t i = 0; i < plan.size(); ++i) {
    EngineWriteRun& run = plan[i];
    const bool read_back = i == 0;
    log << "[rocksdb alone] " << run.what << ": " << run.entries << " entries of "
        << kKeyBytes + run.value_bytes << " bytes\n" << std::flush;
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    const auto batch = static_cast<uint64_t>(
        std::max(1.0, std::round(run.entries_per_event * kEventsPerBatch)));
    Result<Rates> rate = FillSeq(dir, run.entries, run.value_bytes, batch, read_back);
    std::filesystem::remove_all(dir, ec);
    if (!rate.ok()) {
      ceiling.note = "db_bench (Debian package rocksdb-tools) did not run: " + rate.status().message();
      break;
    }
    run.entries_per_s = rate->fill;
    run.events_per_s = rate->fill / run.entries_per_event;
    ceiling.runs.push_back(run);
    if (rate->read) ceiling.records_read_per_s = rate->read;
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
  if (c.records_read_per_s) {
    out += "\nThe records read back in key order by one thread (`readseq`, no HTTP): " +
           FormatFigure(*c.records_read_per_s, 0) + " events/s, what one core of this machine "
           "gives an export before anything is sent.\n";
  }
  return out;
}

}  // namespace trailkeep::bench
