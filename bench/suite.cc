#include "suite.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>

namespace trailkeep::bench {
namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

// The q-quantile (nearest rank) of `v`. REQUIRES: !v.empty().
double Quantile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  size_t rank = static_cast<size_t>(std::ceil(q * static_cast<double>(v.size())));
  return v[std::clamp<size_t>(rank, 1, v.size()) - 1];
}

// Median milliseconds of `runs` timed calls of `count`, after one warm-up.
Result<double> TimeCount(int runs, const std::function<Result<uint64_t>()>& count,
                         uint64_t* answer) {
  TK_ASSIGN_OR_RETURN(*answer, count());
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    auto start = Clock::now();
    TK_ASSIGN_OR_RETURN(uint64_t n, count());
    ms.push_back(Seconds(start) * 1e3);
    if (n != *answer) return Internal("count changed between runs");
  }
  return Quantile(ms, 0.5);
}

Result<double> TimeExport(Target& target, const Corpus& corpus, ExportFormat format,
                          uint64_t* rows) {
  auto start = Clock::now();
  *rows = 0;
  for (const std::string& tenant : corpus.tenants()) {
    TK_ASSIGN_OR_RETURN(uint64_t n, target.Export(tenant, format));
    *rows += n;
  }
  double s = Seconds(start);
  if (*rows != corpus.events()) {
    return Internal(std::string(target.Name()) + " export returned " + std::to_string(*rows) +
                    " of " + std::to_string(corpus.events()) + " events");
  }
  return static_cast<double>(*rows) / s;
}

}  // namespace

Workload DefaultWorkload(const Corpus& corpus) {
  Workload w;
  w.tenant = Corpus::TenantOfUser(0);
  w.week = {corpus.end_ms() - 7 * kDayMs, corpus.end_ms()};
  for (const std::string& a : Corpus::Actions()) w.page_matches.push_back({"action", a});
  w.user = {"actor.name", Corpus::UserName(0)};
  return w;
}

Result<Figures> RunSuite(Target& target, const Corpus& corpus, const Workload& w,
                         std::ostream& log) {
  Figures f;
  f.target = std::string(target.Name());
  auto phase = [&](const char* what) { log << "[" << f.target << "] " << what << "\n" << std::flush; };

  phase("ingest");
  double cpu_before = target.CpuSeconds();
  auto start = Clock::now();
  TK_RETURN_IF_ERROR(target.Load(corpus));
  double s = Seconds(start);
  double cpu = target.CpuSeconds() - cpu_before;
  const double n = static_cast<double>(corpus.events());
  f.ingest_events_per_s = n / s;
  if (cpu_before >= 0 && cpu >= 0) f.ingest_cpu_us_per_event = cpu * 1e6 / n;
  log << "  " << corpus.events() << " events in " << s << " s, " << cpu << " CPU s\n";

  phase("page + total");
  std::vector<double> ms;
  for (int i = 0; i < w.page_runs; ++i) {
    const Match& m = w.page_matches[static_cast<size_t>(i) % w.page_matches.size()];
    auto t = Clock::now();
    TK_ASSIGN_OR_RETURN(PageAnswer a, target.NewestPage(w.tenant, w.week, m, w.page_limit));
    ms.push_back(Seconds(t) * 1e3);
    if (a.rows != std::min<uint64_t>(a.total, w.page_limit)) {
      return Internal(f.target + ": page of " + std::to_string(a.rows) + " rows for total " +
                      std::to_string(a.total));
    }
    f.page_total_sum += a.total;
    f.page_rows_sum += a.rows;
  }
  if (!ms.empty()) {
    f.page_median_ms = Quantile(ms, 0.5);
    f.page_p99_ms = Quantile(ms, 0.99);
  }

  phase("counts");
  TK_ASSIGN_OR_RETURN(f.count_all_ms, TimeCount(w.count_runs, [&] {
    return target.Count(w.tenant, w.week, std::nullopt);
  }, &f.count_all));
  TK_ASSIGN_OR_RETURN(f.count_user_ms, TimeCount(w.count_runs, [&] {
    return target.Count(w.tenant, w.week, w.user);
  }, &f.count_user));

  phase("export ndjson");
  TK_ASSIGN_OR_RETURN(f.export_ndjson_events_per_s,
                      TimeExport(target, corpus, ExportFormat::kNdjson, &f.exported_ndjson));
  phase("export csv");
  TK_ASSIGN_OR_RETURN(f.export_csv_events_per_s,
                      TimeExport(target, corpus, ExportFormat::kCsv, &f.exported_csv));

  phase("footprint");
  TK_ASSIGN_OR_RETURN(Footprint fp, target.Finish());
  f.bytes_per_event = static_cast<double>(fp.disk_bytes) / static_cast<double>(corpus.events());
  if (fp.peak_rss_kib >= 0) f.peak_rss_mib = static_cast<double>(fp.peak_rss_kib) / 1024.0;
  return f;
}

std::vector<std::string> CompareAnswers(const Figures& a, const Figures& b) {
  std::vector<std::string> out;
  auto check = [&](const char* what, uint64_t x, uint64_t y) {
    if (x != y) {
      out.push_back(std::string(what) + ": " + a.target + " " + std::to_string(x) + ", " +
                    b.target + " " + std::to_string(y));
    }
  };
  check("sum of page totals", a.page_total_sum, b.page_total_sum);
  check("sum of page rows", a.page_rows_sum, b.page_rows_sum);
  check("7-day count", a.count_all, b.count_all);
  check("7-day count for one user", a.count_user, b.count_user);
  return out;
}

}  // namespace trailkeep::bench
