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

// Median milliseconds of `runs` timed calls of `query`, after one warm-up
// whose answer goes to `answer`; every timed answer must equal it.
template <typename T>
Result<double> TimeRepeated(int runs, const std::function<Result<T>()>& query, T* answer,
                            bool (*same)(const T&, const T&)) {
  TK_ASSIGN_OR_RETURN(*answer, query());
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    auto start = Clock::now();
    TK_ASSIGN_OR_RETURN(T a, query());
    ms.push_back(Seconds(start) * 1e3);
    if (!same(a, *answer)) return Internal("an answer changed between runs");
  }
  return Quantile(ms, 0.5);
}

bool SameCount(const uint64_t& a, const uint64_t& b) { return a == b; }
bool SamePage(const PageAnswer& a, const PageAnswer& b) {
  return a.rows == b.rows && a.total == b.total;
}
bool SameOffset(const OffsetAnswer& a, const OffsetAnswer& b) {
  return a.rows == b.rows && a.first_time_ms == b.first_time_ms;
}

Status CheckPage(const std::string& target, const PageAnswer& a, size_t limit) {
  if (a.rows == std::min<uint64_t>(a.total, limit)) return Status::Ok();
  return Internal(target + ": page of " + std::to_string(a.rows) + " rows for total " +
                  std::to_string(a.total));
}

using PageQuery = std::function<Result<PageAnswer>(const Match&)>;

// `runs` timed page queries rotating over `w.page_matches`: median and p99,
// and the sums of totals and rows.
Status TimePages(const std::string& target, const Workload& w, const PageQuery& query,
                 std::optional<double>* median, std::optional<double>* p99, uint64_t* total_sum,
                 uint64_t* rows_sum) {
  std::vector<double> ms;
  for (int i = 0; i < w.page_runs; ++i) {
    const Match& m = w.page_matches[static_cast<size_t>(i) % w.page_matches.size()];
    auto t = Clock::now();
    TK_ASSIGN_OR_RETURN(PageAnswer a, query(m));
    ms.push_back(Seconds(t) * 1e3);
    TK_RETURN_IF_ERROR(CheckPage(target, a, w.page_limit));
    *total_sum += a.total;
    *rows_sum += a.rows;
  }
  if (!ms.empty()) {
    *median = Quantile(ms, 0.5);
    *p99 = Quantile(ms, 0.99);
  }
  return Status::Ok();
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

Result<Figures> RunSuite(Target& target, const Corpus& corpus, const Workload& w,
                         std::ostream& log) {
  Figures f;
  f.target = std::string(target.Name());
  f.ids_follow_load_order = target.IdsFollowLoadOrder();
  auto phase = [&](const char* what) {
    log << "[" << f.target << "] " << what << "\n" << std::flush;
  };

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
  TK_ASSIGN_OR_RETURN(std::optional<store::WriteVolume> written, target.WrittenToEngine());
  if (written) {
    f.engine_entries_per_event = static_cast<double>(written->entries) / n;
    f.engine_bytes_per_event = static_cast<double>(written->bytes) / n;
  }

  phase("settle");
  start = Clock::now();
  TK_RETURN_IF_ERROR(target.Settle());
  f.settle_s = Seconds(start);
  log << "  settled in " << *f.settle_s << " s\n";

  phase("page + total");
  TK_RETURN_IF_ERROR(TimePages(
      f.target, w,
      [&](const Match& m) { return target.NewestPage(w.tenant, w.week, m, w.page_limit); },
      &f.page_median_ms, &f.page_p99_ms, &f.page_total_sum, &f.page_rows_sum));

  phase("page + total through the dialect");
  TK_RETURN_IF_ERROR(TimePages(
      f.target, w,
      [&](const Match& m) { return target.DialectPage(w.tenant, w.week, m, w.page_limit); },
      &f.dialect_page_median_ms, &f.dialect_page_p99_ms, &f.dialect_total_sum,
      &f.dialect_rows_sum));

  phase("counts");
  TK_ASSIGN_OR_RETURN(
      f.count_all_ms,
      TimeRepeated<uint64_t>(
          w.count_runs, [&] { return target.Count(w.tenant, w.week, std::nullopt); }, &f.count_all,
          SameCount));
  TK_ASSIGN_OR_RETURN(f.count_user_ms,
                      TimeRepeated<uint64_t>(
                          w.count_runs, [&] { return target.Count(w.tenant, w.week, w.user); },
                          &f.count_user, SameCount));

  phase("entity id substring");
  PageAnswer sub;
  TK_ASSIGN_OR_RETURN(f.substring_ms, TimeRepeated<PageAnswer>(
                                          w.count_runs,
                                          [&] {
                                            return target.EntitySubstringPage(w.tenant, w.fortnight,
                                                                              w.entity_substring,
                                                                              w.page_limit);
                                          },
                                          &sub, SamePage));
  TK_RETURN_IF_ERROR(CheckPage(f.target, sub, w.page_limit));
  f.substring_total = sub.total;
  f.substring_rows = sub.rows;

  phase("page at an offset");
  OffsetAnswer off;
  auto offset_ms = TimeRepeated<OffsetAnswer>(
      w.count_runs, [&] { return target.OffsetPage(w.tenant, w.week, w.offset, w.page_limit); },
      &off, SameOffset);
  if (offset_ms.ok()) {
    f.offset_ms = *offset_ms;
    f.offset_answer = off;
  } else if (offset_ms.status().code() == StatusCode::kFailedPrecondition) {
    f.notes.push_back("page at an offset not measured: " + offset_ms.status().message());
    log << "  not measured: " << offset_ms.status().message() << "\n";
  } else {
    return offset_ms.status();
  }

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
  check("sum of dialect page totals", a.dialect_total_sum, b.dialect_total_sum);
  check("sum of dialect page rows", a.dialect_rows_sum, b.dialect_rows_sum);
  check("7-day count", a.count_all, b.count_all);
  check("7-day count for one user", a.count_user, b.count_user);
  check("entity id substring total", a.substring_total, b.substring_total);
  check("entity id substring rows", a.substring_rows, b.substring_rows);
  if (a.offset_answer && b.offset_answer) {
    check("offset page rows", a.offset_answer->rows, b.offset_answer->rows);
    if (a.ids_follow_load_order && b.ids_follow_load_order) {
      check("offset page first time (ms)",
            static_cast<uint64_t>(a.offset_answer->first_time_ms.value_or(-1)),
            static_cast<uint64_t>(b.offset_answer->first_time_ms.value_or(-1)));
    }
  }
  return out;
}

std::vector<std::string> CheckAgainstCorpus(const Figures& f, const Workload& w) {
  std::vector<std::string> out;
  if (!f.offset_answer) return out;
  const OffsetAnswer& a = *f.offset_answer;
  const uint64_t rows = w.ExpectedOffsetRows();
  if (a.rows != rows) {
    out.push_back(f.target + ": offset page has " + std::to_string(a.rows) + " rows, the corpus " +
                  std::to_string(rows));
  }
  if (rows == 0 || !a.first_time_ms) return out;
  const uint64_t rank = w.RankOf(*a.first_time_ms);
  const uint64_t slack = f.ids_follow_load_order ? 0 : w.offset_slack;
  const uint64_t distance = rank > w.offset ? rank - w.offset : w.offset - rank;
  const bool in_window = *a.first_time_ms >= w.week.from_ms && *a.first_time_ms < w.week.to_ms;
  if (!in_window || distance > slack) {
    out.push_back(f.target + ": the offset page's first row is at position " +
                  std::to_string(rank) + " in time order, expected " + std::to_string(w.offset) +
                  (slack ? " ± " + std::to_string(slack) : std::string()));
  }
  return out;
}

}  // namespace trailkeep::bench
