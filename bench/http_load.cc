#include "http_load.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string_view>
#include <thread>
#include <vector>

#include "base/newlines.h"
#include "base/time_format.h"
#include "proc_stats.h"

namespace trailkeep::bench {
namespace {

constexpr auto kTimeout = std::chrono::seconds(600);

// Percent-encodes everything but RFC 3986 unreserved characters.
std::string UrlEncode(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      char buf[4];
      std::snprintf(buf, sizeof(buf), "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

std::string WindowParams(Window w) {
  return "from=" + std::to_string(w.from_ms) + "&to=" + std::to_string(w.to_ms);
}

std::string FilterParam(const Match& m) {
  // Quoted, so values with ',' or '(' stay one value (query/filter.h).
  return "&filter=" + UrlEncode(m.field + "(\"" + m.value + "\")");
}

Status HttpError(const std::string& what, const api::ClientResponse& r) {
  return Internal(what + ": HTTP " + std::to_string(r.status) + ": " + r.body.substr(0, 300));
}

// The value of the top-level "total" member of a page, which PageJson writes
// last (so the last occurrence is it; event bodies escape their quotes).
std::optional<uint64_t> TotalOf(const std::string& body) {
  size_t p = body.rfind("\"total\":");
  if (p == std::string::npos) return std::nullopt;
  return std::strtoull(body.c_str() + p + 8, nullptr, 10);
}

// The events of a page: canonical events start with {"id": and are array
// elements (actor/entity objects also start so, but follow a ':').
uint64_t EventsIn(const std::string& body) {
  uint64_t n = 0;
  for (size_t p = body.find("{\"id\":"); p != std::string::npos; p = body.find("{\"id\":", p + 1)) {
    if (p > 0 && (body[p - 1] == '[' || body[p - 1] == ',')) ++n;
  }
  return n;
}

// The number after `"key":` at its first occurrence in `body`.
std::optional<uint64_t> FirstNumberOf(const std::string& body, std::string_view key) {
  std::string needle = "\"";
  needle.append(key).append("\":");
  size_t p = body.find(needle);
  if (p == std::string::npos) return std::nullopt;
  return std::strtoull(body.c_str() + p + needle.size(), nullptr, 10);
}

// The entries of a Dynatrace AuditLog page: each starts with {"logId":.
uint64_t EntriesIn(const std::string& body) {
  uint64_t n = 0;
  for (size_t p = body.find("{\"logId\":"); p != std::string::npos;
       p = body.find("{\"logId\":", p + 1)) {
    ++n;
  }
  return n;
}

// The `time` of the first event of a native page (canonical events write
// id, tenant, time first).
std::optional<int64_t> FirstTimeOf(const std::string& body) {
  size_t p = body.find("\"time\":\"");
  if (p == std::string::npos) return std::nullopt;
  p += 8;
  size_t end = body.find('"', p);
  if (end == std::string::npos) return std::nullopt;
  return ParseIsoMs(std::string_view(body).substr(p, end - p));
}

// The value of the unlabelled sample `name` in Prometheus text.
Result<uint64_t> SampleValue(const std::string& text, std::string_view name) {
  const std::string line = "\n" + std::string(name) + " ";
  const size_t at = text.find(line);
  if (at == std::string::npos) return Internal("GET /metrics: no " + std::string(name));
  return std::strtoull(text.c_str() + at + line.size(), nullptr, 10);
}

}  // namespace

TrailkeepTarget::TrailkeepTarget(TrailkeepOptions options, std::string token)
    : options_(std::move(options)), token_(std::move(token)) {}

Result<std::unique_ptr<TrailkeepTarget>> TrailkeepTarget::Start(const TrailkeepOptions& options,
                                                                const Corpus& corpus) {
  TK_ASSIGN_OR_RETURN(std::string token,
                      CreateTokenOffline(options.binary, options.data_dir, corpus.tenants(),
                                         {"events.read", "events.write", "auditLogs.read"}));
  std::unique_ptr<TrailkeepTarget> t(new TrailkeepTarget(options, std::move(token)));
  TK_RETURN_IF_ERROR(
      t->server_.Start(options.binary, options.data_dir, options.log_path, options.server_args));
  TK_ASSIGN_OR_RETURN(t->client_, api::HttpClient::Create(t->server_.url(), kTimeout));
  return t;
}

api::HeaderList TrailkeepTarget::Headers(const std::string& tenant) const {
  return {{"Authorization", "Bearer " + token_}, {"X-Trailkeep-Tenant", tenant}};
}

Status TrailkeepTarget::Load(const Corpus& corpus) {
  const auto& batches = corpus.batches();
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex mu;
  Status first_error;
  auto worker = [&] {
    auto client = api::HttpClient::Create(server_.url(), kTimeout);
    Status s = client.status();
    while (s.ok() && !failed.load()) {
      size_t i = next.fetch_add(1);
      if (i >= batches.size()) break;
      api::HeaderList headers = Headers(batches[i].tenant);
      headers.emplace_back("Content-Type", "application/x-ndjson");
      auto r = (*client)->Send("POST", "/v1/events", headers, batches[i].ndjson);
      if (!r.ok()) {
        s = r.status();
      } else if (r->status != 201) {
        s = HttpError("POST /v1/events (batch " + std::to_string(i) + ")", *r);
      }
    }
    if (!s.ok()) {
      std::lock_guard lock(mu);
      if (!failed.exchange(true)) first_error = s;
    }
  };
  std::vector<std::thread> threads;
  for (int c = 0; c < std::max(1, options_.connections); ++c) threads.emplace_back(worker);
  for (auto& t : threads) t.join();
  return first_error;
}

Result<std::string> TrailkeepTarget::MetricsText() {
  TK_ASSIGN_OR_RETURN(api::ClientResponse r, client_->Send("GET", "/metrics", {}, ""));
  if (r.status != 200) return HttpError("GET /metrics", r);
  return std::move(r.body);
}

Status TrailkeepTarget::Settle() {
  // /metrics' trailkeep_store_background_work: flushes and compactions
  // running or waiting. Settled when it reads 0 twice in a row, a second
  // apart; at most 10 minutes.
  int quiet = 0;
  for (int i = 0; i < 600 && quiet < 2; ++i) {
    TK_ASSIGN_OR_RETURN(std::string text, MetricsText());
    TK_ASSIGN_OR_RETURN(uint64_t pending, SampleValue(text, "trailkeep_store_background_work"));
    quiet = pending == 0 ? quiet + 1 : 0;
    if (quiet < 2) std::this_thread::sleep_for(std::chrono::seconds(1));
  }
  return Status::Ok();
}

Result<std::optional<store::WriteVolume>> TrailkeepTarget::WrittenToEngine() {
  TK_ASSIGN_OR_RETURN(std::string text, MetricsText());
  store::WriteVolume w;
  TK_ASSIGN_OR_RETURN(w.entries, SampleValue(text, "trailkeep_store_written_entries_total"));
  TK_ASSIGN_OR_RETURN(w.bytes, SampleValue(text, "trailkeep_store_written_bytes_total"));
  return std::optional<store::WriteVolume>(w);
}

Result<api::ClientResponse> TrailkeepTarget::Get(const std::string& tenant,
                                                 const std::string& target) {
  TK_ASSIGN_OR_RETURN(api::ClientResponse r, client_->Send("GET", target, Headers(tenant), ""));
  if (r.status != 200) return HttpError("GET " + target, r);
  return r;
}

Result<PageAnswer> TrailkeepTarget::NewestPage(const std::string& tenant, Window window,
                                               const Match& match, size_t limit) {
  std::string target = "/v1/events?" + WindowParams(window) + FilterParam(match) +
                       "&limit=" + std::to_string(limit) + "&total=true";
  TK_ASSIGN_OR_RETURN(api::ClientResponse r, Get(tenant, target));
  auto total = TotalOf(r.body);
  if (!total) return Internal("GET " + target + ": no total in the response");
  return PageAnswer{EventsIn(r.body), *total};
}

Result<PageAnswer> TrailkeepTarget::DynatracePage(const std::string& tenant, Window window,
                                                  const std::string& filter, size_t limit) {
  // Dynatrace's `to` is exclusive, like Window's (docs/dialects/dynatrace.md).
  std::string target = "/e/" + UrlEncode(tenant) + "/api/v2/auditlogs?" + WindowParams(window) +
                       "&pageSize=" + std::to_string(limit) + "&filter=" + UrlEncode(filter);
  // As a Dynatrace client authenticates; the tenant is in the path.
  TK_ASSIGN_OR_RETURN(api::ClientResponse r,
                      client_->Send("GET", target, {{"Authorization", "Api-Token " + token_}}, ""));
  if (r.status != 200) return HttpError("GET " + target, r);
  auto total = FirstNumberOf(r.body, "totalCount");
  if (!total) return Internal("GET " + target + ": no totalCount in the response");
  return PageAnswer{EntriesIn(r.body), *total};
}

Result<PageAnswer> TrailkeepTarget::DialectPage(const std::string& tenant, Window window,
                                                const Match& match, size_t limit) {
  if (match.field != "action") return InvalidArgument("dynatrace: eventType is the action");
  return DynatracePage(tenant, window, "eventType(\"" + match.value + "\")", limit);
}

Result<PageAnswer> TrailkeepTarget::EntitySubstringPage(const std::string& tenant, Window window,
                                                        const std::string& substring,
                                                        size_t limit) {
  return DynatracePage(tenant, window, "entityId(\"" + substring + "\")", limit);
}

Result<OffsetAnswer> TrailkeepTarget::OffsetPage(const std::string& tenant, Window window,
                                                 uint64_t offset, size_t limit) {
  if (!offset_supported_) {
    // A server that knows `offset` rejects a malformed one; one that answers
    // 200 ignores the parameter and would silently return the first page.
    TK_ASSIGN_OR_RETURN(api::ClientResponse probe,
                        client_->Send("GET", "/v1/events?limit=1&offset=x", Headers(tenant), ""));
    if (probe.status != 400) {
      return FailedPrecondition("GET /v1/events ignores the offset parameter (HTTP " +
                                std::to_string(probe.status) + " for offset=x)");
    }
    offset_supported_ = true;
  }
  std::string target = "/v1/events?" + WindowParams(window) +
                       "&order=desc&limit=" + std::to_string(limit) +
                       "&offset=" + std::to_string(offset);
  TK_ASSIGN_OR_RETURN(api::ClientResponse r, client_->Send("GET", target, Headers(tenant), ""));
  if (r.status == 400) return FailedPrecondition(HttpError("GET " + target, r).message());
  if (r.status != 200) return HttpError("GET " + target, r);
  OffsetAnswer a;
  a.rows = EventsIn(r.body);
  if (a.rows > 0) {
    a.first_time_ms = FirstTimeOf(r.body);
    if (!a.first_time_ms) return Internal("GET " + target + ": no time in the first event");
  }
  return a;
}

Result<uint64_t> TrailkeepTarget::Count(const std::string& tenant, Window window,
                                        const std::optional<Match>& match) {
  std::string target = "/v1/events?" + WindowParams(window) +
                       (match ? FilterParam(*match) : std::string()) + "&limit=1&total=true";
  TK_ASSIGN_OR_RETURN(api::ClientResponse r, Get(tenant, target));
  auto total = TotalOf(r.body);
  if (!total) return Internal("GET " + target + ": no total in the response");
  return *total;
}

Result<uint64_t> TrailkeepTarget::Export(const std::string& tenant, ExportFormat format) {
  bool csv = format == ExportFormat::kCsv;
  std::string target = std::string("/v1/events/export?format=") + (csv ? "csv" : "ndjson");
  uint64_t lines = 0;
  // CSV fields may hold quoted line breaks; our corpus has none, so a record
  // is a CRLF-terminated line.
  auto sink = [&lines](std::string_view piece) {
    lines += CountNewlines(piece);
    return true;
  };
  TK_ASSIGN_OR_RETURN(api::ClientResponse r,
                      client_->SendStreaming("GET", target, Headers(tenant), "", sink));
  if (r.status != 200) return HttpError("GET " + target, r);
  if (csv && lines > 0) --lines;  // the header line
  return lines;
}

double TrailkeepTarget::CpuSeconds() const { return ProcCpuSeconds(server_.pid()); }

Result<Footprint> TrailkeepTarget::Finish() {
  Footprint f;
  f.peak_rss_kib = ProcStatusKib(server_.pid(), "VmHWM");
  client_.reset();
  if (!server_.Stop())
    return Internal("trailkeep serve did not exit cleanly; see " + options_.log_path);
  f.disk_bytes = DiskUsageBytes(options_.data_dir);
  return f;
}

}  // namespace trailkeep::bench
