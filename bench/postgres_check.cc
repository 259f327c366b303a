// postgres_peer_check: an opt-in self-check of the PostgreSQL peer, not a
// test and not part of trailkeep_bench. Generates a small corpus, runs
// PostgresPeer (on a private server) and SqlitePeer through the same calls,
// prints the figures and fails (exit 1) when their answers differ.
//
//   build/bench/postgres_peer_check [EVENTS]     # default 20000
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>

#include "postgres_peer.h"
#include "sqlite_peer.h"

namespace trailkeep::bench {
namespace {

using Clock = std::chrono::steady_clock;
double Seconds(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

struct Answers {
  std::vector<PageAnswer> pages;
  uint64_t count_all = 0;
  uint64_t count_user = 0;
  uint64_t export_ndjson = 0;
  uint64_t export_csv = 0;
};

Result<Answers> Drive(Target& t, const Corpus& corpus) {
  Answers a;
  const std::string tenant = Corpus::TenantOfUser(0);
  const Window week = {corpus.end_ms() - 7 * kDayMs, corpus.end_ms()};
  double cpu0 = t.CpuSeconds();
  auto start = Clock::now();
  TK_RETURN_IF_ERROR(t.Load(corpus));
  double load_s = Seconds(start);
  double cpu = t.CpuSeconds() - cpu0;
  std::printf("[%s] load: %llu events in %.3f s = %.0f events/s, %.3f CPU s (%.1f us/event)\n",
              std::string(t.Name()).c_str(), static_cast<unsigned long long>(corpus.events()),
              load_s, static_cast<double>(corpus.events()) / load_s, cpu,
              cpu * 1e6 / static_cast<double>(corpus.events()));
  start = Clock::now();
  for (const std::string& action : Corpus::Actions()) {
    TK_ASSIGN_OR_RETURN(PageAnswer p, t.NewestPage(tenant, week, {"action", action}, 100));
    a.pages.push_back(p);
  }
  std::printf("[%s] %zu pages (newest 100 + total) in %.1f ms\n", std::string(t.Name()).c_str(),
              a.pages.size(), Seconds(start) * 1e3);
  start = Clock::now();
  TK_ASSIGN_OR_RETURN(a.count_all, t.Count(tenant, week, std::nullopt));
  double all_ms = Seconds(start) * 1e3;
  start = Clock::now();
  TK_ASSIGN_OR_RETURN(a.count_user,
                      t.Count(tenant, week, Match{"actor.name", Corpus::UserName(0)}));
  std::printf("[%s] count week: %llu (%.2f ms); by top user: %llu (%.2f ms)\n",
              std::string(t.Name()).c_str(), static_cast<unsigned long long>(a.count_all), all_ms,
              static_cast<unsigned long long>(a.count_user), Seconds(start) * 1e3);
  for (ExportFormat format : {ExportFormat::kNdjson, ExportFormat::kCsv}) {
    start = Clock::now();
    uint64_t rows = 0;
    for (const std::string& tn : corpus.tenants()) {
      TK_ASSIGN_OR_RETURN(uint64_t n, t.Export(tn, format));
      rows += n;
    }
    double s = Seconds(start);
    (format == ExportFormat::kCsv ? a.export_csv : a.export_ndjson) = rows;
    std::printf("[%s] export %s: %llu rows in %.3f s = %.0f rows/s\n",
                std::string(t.Name()).c_str(), format == ExportFormat::kCsv ? "csv" : "ndjson",
                static_cast<unsigned long long>(rows), s, static_cast<double>(rows) / s);
  }
  TK_ASSIGN_OR_RETURN(Footprint f, t.Finish());
  std::printf("[%s] disk: %llu bytes (%.0f B/event), peak memory: %ld KiB\n",
              std::string(t.Name()).c_str(), static_cast<unsigned long long>(f.disk_bytes),
              static_cast<double>(f.disk_bytes) / static_cast<double>(corpus.events()),
              f.peak_rss_kib);
  return a;
}

int Main(int argc, char** argv) {
  CorpusOptions options;
  options.events = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 20000;
  options.end_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  Corpus corpus = Corpus::Generate(options);
  std::printf("corpus: %llu events, %zu batches\n",
              static_cast<unsigned long long>(corpus.events()), corpus.batches().size());

  auto pg = PostgresPeer::StartLocal();
  if (!pg.ok()) {
    std::fprintf(stderr, "postgres: %s\n", pg.status().ToString().c_str());
    return 1;
  }
  std::printf("[postgres] trigram index on entity_id: %s\n",
              (*pg)->has_trigram_index() ? "yes" : "no");
  auto pg_answers = Drive(**pg, corpus);
  if (!pg_answers.ok()) {
    std::fprintf(stderr, "%s\n", pg_answers.status().ToString().c_str());
    return 1;
  }
  std::printf("[postgres] disk parts: table+indexes %llu bytes, WAL %llu bytes\n",
              static_cast<unsigned long long>((*pg)->table_bytes()),
              static_cast<unsigned long long>((*pg)->wal_bytes()));
  pg->reset();  // stops the server, removes its directory

  namespace fs = std::filesystem;
  std::string dir = (fs::temp_directory_path() / "tk-sqlite-check-XXXXXX").string();
  if (mkdtemp(dir.data()) == nullptr) return 1;
  Result<Answers> sq_answers = InvalidArgument("unset");
  {
    auto sq = SqlitePeer::Open(dir);
    if (!sq.ok()) {
      std::fprintf(stderr, "%s\n", sq.status().ToString().c_str());
      return 1;
    }
    sq_answers = Drive(**sq, corpus);
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
  if (!sq_answers.ok()) {
    std::fprintf(stderr, "%s\n", sq_answers.status().ToString().c_str());
    return 1;
  }
  const Answers& p = *pg_answers;
  const Answers& s = *sq_answers;
  int mismatches = 0;
  for (size_t i = 0; i < p.pages.size(); ++i) {
    if (p.pages[i].rows != s.pages[i].rows || p.pages[i].total != s.pages[i].total) {
      std::printf("MISMATCH page %s: postgres %llu/%llu, sqlite %llu/%llu\n",
                  Corpus::Actions()[i].c_str(), static_cast<unsigned long long>(p.pages[i].rows),
                  static_cast<unsigned long long>(p.pages[i].total),
                  static_cast<unsigned long long>(s.pages[i].rows),
                  static_cast<unsigned long long>(s.pages[i].total));
      ++mismatches;
    }
  }
  auto check = [&](const char* what, uint64_t a, uint64_t b) {
    if (a == b) return;
    std::printf("MISMATCH %s: postgres %llu, sqlite %llu\n", what,
                static_cast<unsigned long long>(a), static_cast<unsigned long long>(b));
    ++mismatches;
  };
  check("count", p.count_all, s.count_all);
  check("count by user", p.count_user, s.count_user);
  check("export ndjson", p.export_ndjson, s.export_ndjson);
  check("export csv", p.export_csv, s.export_csv);
  check("export ndjson vs corpus", p.export_ndjson, corpus.events());
  std::printf(mismatches == 0 ? "OK: postgres and sqlite agree on all %zu answers\n"
                              : "FAILED\n",
              p.pages.size() + 4);
  return mismatches == 0 ? 0 : 1;
}

}  // namespace
}  // namespace trailkeep::bench

int main(int argc, char** argv) { return trailkeep::bench::Main(argc, argv); }
