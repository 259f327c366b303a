// trailkeep_bench: Trailkeep's numbers and its peers' on the same corpus, in
// the same run, printed as one Markdown table. See bench/README.md.
#include <CLI/CLI.hpp>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <utility>

#include "corpus.h"
#include "engine_ceiling.h"
#include "http_load.h"
#include "postgres_peer.h"
#include "report.h"
#include "results_json.h"
#include "sqlite_peer.h"
#include "suite.h"
#include "sweep_row.h"

namespace trailkeep::bench {
namespace {

namespace fs = std::filesystem;

// A peer: its name and how to open it in a fresh directory.
struct PeerEntry {
  const char* name;
  std::function<Result<std::unique_ptr<Target>>(const std::string& dir)> open;
};

const std::vector<PeerEntry>& Peers() {
  static const std::vector<PeerEntry> peers = {
      {"sqlite",
       [](const std::string& dir) -> Result<std::unique_ptr<Target>> {
         TK_ASSIGN_OR_RETURN(auto p, SqlitePeer::Open(dir));
         return std::unique_ptr<Target>(std::move(p));
       }},
      // A private PostgreSQL server (started as the postgres user in a temp
      // directory, stopped when the peer is destroyed); `dir` is not used
      // because the postgres user cannot enter the bench's scratch directory.
      {"postgres",
       [](const std::string& /*dir*/) -> Result<std::unique_ptr<Target>> {
         TK_ASSIGN_OR_RETURN(auto p, PostgresPeer::StartLocal());
         return std::unique_ptr<Target>(std::move(p));
       }},
  };
  return peers;
}

struct Args {
  CorpusOptions corpus;
  std::string binary = "build/src/cli/trailkeep";
  std::string out = "bench/results/latest.md";
  std::optional<std::string> json;  // default: --out with .json
  std::string sweep_data;            // append a sweep data row here
  std::string work_dir;
  std::vector<std::string> peers = {"sqlite", "postgres"};
  std::vector<std::string> server_args;
  int connections = 2;
  int page_runs = 200;
  bool keep = false;
  bool engine_ceiling = true;
};

Result<std::string> MakeWorkDir(const std::string& parent) {
  fs::path base = parent.empty() ? fs::temp_directory_path() : fs::path(parent);
  std::string tmpl = (base / "trailkeep-bench-XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) return Internal("cannot create a directory in " + base.string());
  return tmpl;
}

Result<Figures> RunTrailkeep(const Args& args, const Corpus& corpus, const Workload& w,
                             const std::string& work) {
  TrailkeepOptions o;
  o.binary = args.binary;
  o.data_dir = work + "/trailkeep";
  o.log_path = work + "/trailkeep.log";
  o.connections = args.connections;
  o.server_args = args.server_args;
  TK_ASSIGN_OR_RETURN(auto target, TrailkeepTarget::Start(o, corpus));
  return RunSuite(*target, corpus, w, std::cerr);
}

Result<Figures> RunPeer(const PeerEntry& peer, const Corpus& corpus, const Workload& w,
                        const std::string& work) {
  std::string dir = work + "/" + peer.name;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Internal("cannot create " + dir + ": " + ec.message());
  TK_ASSIGN_OR_RETURN(auto target, peer.open(dir));
  return RunSuite(*target, corpus, w, std::cerr);
}

int Run(const Args& args) {
  if (!fs::exists(args.binary)) {
    std::cerr << "trailkeep_bench: no trailkeep binary at " << args.binary << " (see --binary)\n";
    return 2;
  }
  auto start = std::chrono::steady_clock::now();
  Corpus corpus = Corpus::Generate(args.corpus);
  std::cerr << "corpus: " << corpus.events() << " events, " << corpus.batches().size()
            << " batches, " << corpus.ndjson_bytes() / (1 << 20) << " MiB, generated in "
            << std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()
            << " s\n";
  Workload workload = DefaultWorkload(corpus, args.connections);
  workload.page_runs = args.page_runs;

  auto work = MakeWorkDir(args.work_dir);
  if (!work.ok()) {
    std::cerr << "trailkeep_bench: " << work.status().message() << "\n";
    return 1;
  }
  std::cerr << "work directory: " << *work << "\n";
  int rc = 0;
  std::vector<Figures> figures;
  auto tk = RunTrailkeep(args, corpus, workload, *work);
  if (!tk.ok()) {
    std::cerr << "trailkeep_bench: trailkeep: " << tk.status().ToString() << "\n";
    rc = 1;
  } else {
    figures.push_back(std::move(tk).value());
  }
  for (const std::string& name : args.peers) {
    if (rc != 0) break;
    const PeerEntry* peer = nullptr;
    for (const auto& p : Peers()) peer = name == p.name ? &p : peer;
    auto f = RunPeer(*peer, corpus, workload, *work);
    if (!f.ok()) {
      std::cerr << "trailkeep_bench: " << name << ": " << f.status().ToString() << "\n";
      rc = 1;
      break;
    }
    figures.push_back(std::move(f).value());
  }
  if (rc != 0) {
    std::cerr << "kept " << *work << " (data, trailkeep.log) for inspection\n";
    return rc;
  }
  EngineCeiling ceiling;
  if (args.engine_ceiling) {
    ceiling = MeasureEngineCeiling(corpus, figures[0], *work + "/rocksdb-alone", std::cerr);
  }
  if (!args.keep) fs::remove_all(*work);

  std::vector<std::string> differences;
  for (size_t i = 0; i < figures.size(); ++i) {
    if (i > 0) {
      for (std::string& d : CompareAnswers(figures[0], figures[i])) differences.push_back(d);
    }
    for (std::string& d : CheckAgainstCorpus(figures[i], workload)) differences.push_back(d);
  }
  std::string report = "## trailkeep_bench\n\n" + RunContext(corpus, workload, figures) + "\n" +
                       MarkdownTable(figures, workload) + EngineCeilingMarkdown(ceiling);
  for (const std::string& d : differences) report += "\n**answers differ**: " + d + "\n";
  if (!differences.empty()) rc = 1;
  std::cout << "\n" << report << std::flush;
  for (const Figures& f : figures) {
    for (const std::string& note : f.notes) std::cerr << "note: " << f.target << ": " << note << "\n";
  }
  std::string json_path = args.json.value_or(args.out.empty() ? "" : JsonPathFor(args.out));
  for (const auto& [path, text] :
       {std::pair{args.out, report},
        std::pair{json_path, ResultsJson(corpus, workload, figures, differences, ceiling)}}) {
    if (path.empty()) continue;
    std::error_code ec;
    fs::create_directories(fs::path(path).parent_path(), ec);
    if (!(std::ofstream(path) << text)) {
      std::cerr << "trailkeep_bench: cannot write " << path << "\n";
      rc = 1;
    } else {
      std::cerr << "written to " << path << "\n";
    }
  }
  if (!args.sweep_data.empty() && !AppendSweepRow(args.sweep_data, corpus, figures)) {
    std::cerr << "trailkeep_bench: cannot write " << args.sweep_data << "\n";
    rc = 1;
  }
  return rc;
}

}  // namespace
}  // namespace trailkeep::bench

int main(int argc, char** argv) {
  using trailkeep::bench::Args;
  Args args;
  args.corpus.end_ms = std::chrono::duration_cast<std::chrono::minutes>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count() * 60'000;
  CLI::App app{"trailkeep_bench: Trailkeep and its peers on the same corpus"};
  // A later flag wins, so bench/run.sh's defaults can be overridden.
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  app.add_option("--events", args.corpus.events, "corpus size (default 1,000,000)")
      ->check(CLI::Range(uint64_t{1}, uint64_t{1'000'000'000}));
  app.add_option("--binary", args.binary, "the trailkeep binary")->capture_default_str();
  app.add_option("--out", args.out, "also write the report here (\"\" = don't)")
      ->capture_default_str();
  app.add_option("--json", args.json,
                 "also write the results as JSON here (default: --out with .json; \"\" = don't)");
  app.add_option("--sweep-data", args.sweep_data,
                 "append this run's row to a size-sweep data file (bench/sweep.sh)");
  app.add_option("--work-dir", args.work_dir, "parent of the scratch directory (default $TMPDIR)");
  app.add_flag("--keep", args.keep, "keep the scratch directory (data, server log)");
  std::vector<std::string> peer_names;
  for (const auto& p : trailkeep::bench::Peers()) peer_names.emplace_back(p.name);
  app.add_option("--peers", args.peers, "peers to run (none: Trailkeep only)")
      ->check(CLI::IsMember(peer_names))
      ->capture_default_str();
  app.add_flag("--no-peers", [&args](int64_t) { args.peers.clear(); }, "run Trailkeep only");
  app.add_flag("--engine-ceiling,!--no-engine-ceiling", args.engine_ceiling,
               "also run RocksDB's db_bench on the same write volume (default on)");
  app.add_option("--server-arg", args.server_args,
                 "extra `trailkeep serve` argument, repeatable (--server-arg=--durability=buffered)")
      ->allow_extra_args(false);
  app.add_option("--connections", args.connections, "ingest connections")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  app.add_option("--batch", args.corpus.batch_size, "events per ingest batch")
      ->check(CLI::Range(size_t{1}, size_t{10'000}))
      ->capture_default_str();
  app.add_option("--page-runs", args.page_runs, "timed page queries")
      ->check(CLI::Range(1, 100'000))
      ->capture_default_str();
  app.add_option("--seed", args.corpus.seed, "corpus seed")->capture_default_str();
  app.add_option("--end-ms", args.corpus.end_ms,
                 "end of the corpus's 30 days, epoch ms (default: now, to the minute)");
  CLI11_PARSE(app, argc, argv);
  return trailkeep::bench::Run(args);
}
