// trailkeep query | export | tail: read events from a running server.
#include <CLI/CLI.hpp>

#include <strings.h>

#include <fstream>
#include <iostream>

#include "api/client/http_client.h"
#include "api/http_message.h"
#include "base/newlines.h"
#include "cli/client_options.h"
#include "cli/commands.h"
#include "cli/progress.h"

namespace trailkeep::cli {
namespace {

struct ReadArgs {
  ClientOptions client;
  std::string from, to, filter, order, after, format = "ndjson", output, wait = "30s";
  size_t limit = 0;
  bool total = false;
};

std::string Target(std::string path, const ReadArgs& a, bool with_page) {
  std::vector<std::pair<std::string, std::string>> q;
  if (!a.from.empty()) q.emplace_back("from", a.from);
  if (!a.to.empty()) q.emplace_back("to", a.to);
  if (!a.filter.empty()) q.emplace_back("filter", a.filter);
  if (!a.after.empty()) q.emplace_back("after", a.after);
  if (with_page) {
    if (!a.order.empty()) q.emplace_back("order", a.order);
    if (a.limit > 0) q.emplace_back("limit", std::to_string(a.limit));
    if (a.total) q.emplace_back("total", "true");
  }
  char sep = '?';
  for (const auto& [k, v] : q) {
    path += sep + k + "=" + api::PercentEncode(v);
    sep = '&';
  }
  return path;
}

std::string WithParam(std::string target, std::string_view key, std::string_view value) {
  target += target.find('?') == std::string::npos ? '?' : '&';
  target += std::string(key) + "=" + api::PercentEncode(value);
  return target;
}

void AddSelectionFlags(CLI::App& cmd, ReadArgs& a) {
  AddClientFlags(cmd, a.client);
  cmd.add_option("--from", a.from, "start: ISO 8601, epoch ms or now-7d");
  cmd.add_option("--to", a.to, "end (exclusive)");
  cmd.add_option("--filter", a.filter, "e.g. action(\"login\"),actor.name(\"alice\")");
  cmd.add_option("--after", a.after, "resume after this event id");
}

int Fail(std::string_view what, const Status& s) {
  std::cerr << "trailkeep " << what << ": " << s.message() << "\n";
  return 1;
}

int Query(const ReadArgs& a) {
  auto http = api::HttpClient::Create(a.client.url, std::chrono::seconds(60));
  if (!http.ok()) return Fail("query", http.status());
  auto r = (*http)->Send("GET", Target("/v1/events", a, true), ClientHeaders(a.client), "");
  if (!r.ok()) return Fail("query", r.status());
  std::cout << r->body << "\n";
  return r->status == 200 ? 0 : 1;
}

int Export(const ReadArgs& a) {
  auto http = api::HttpClient::Create(a.client.url, std::chrono::seconds(300));
  if (!http.ok()) return Fail("export", http.status());
  std::ofstream file;
  std::ostream* out = &std::cout;
  if (!a.output.empty() && a.output != "-") {
    file.open(a.output, std::ios::binary);
    if (!file) return Fail("export", InvalidArgument("cannot write " + a.output));
    out = &file;
  }
  std::string target = WithParam(Target("/v1/events/export", a, false), "format", a.format);
  Progress progress("export", 0);
  uint64_t bytes = 0, lines = 0;
  std::string error_body;
  int status = 0;
  auto r = (*http)->SendStreaming("GET", target, ClientHeaders(a.client), "",
                                  [&](std::string_view piece) {
                                    bytes += piece.size();
                                    lines += CountNewlines(piece);
                                    out->write(piece.data(), static_cast<std::streamsize>(piece.size()));
                                    progress.Update(a.format == "csv" && lines ? lines - 1 : lines, bytes);
                                    return static_cast<bool>(*out);
                                  });
  progress.Finish();
  if (!r.ok()) return Fail("export", r.status());
  status = r->status;
  out->flush();
  if (status != 200) {
    std::cerr << "trailkeep export: server answered " << status << "\n";
    return 1;
  }
  return 0;
}

// Long-polls forever, printing each event as one NDJSON line.
int Tail(const ReadArgs& a) {
  auto http = api::HttpClient::Create(a.client.url, std::chrono::seconds(330));
  if (!http.ok()) return Fail("tail", http.status());
  ReadArgs cursor = a;
  for (;;) {
    std::string target = WithParam(
        WithParam(Target("/v1/events/tail", cursor, false), "format", "ndjson"), "wait", a.wait);
    auto r = (*http)->Send("GET", target, ClientHeaders(a.client), "");
    if (!r.ok()) return Fail("tail", r.status());
    if (r->status != 200) {
      std::cerr << "trailkeep tail: server answered " << r->status << ": " << r->body << "\n";
      return 1;
    }
    std::cout << r->body << std::flush;
    for (const auto& [k, v] : r->headers) {
      if (strcasecmp(k.c_str(), "Trailkeep-Next-After") == 0) cursor.after = v;
    }
  }
}

}  // namespace

void AddQueryCommands(CLI::App& app, int* exit_code) {
  auto q = std::make_shared<ReadArgs>();
  auto* query = app.add_subcommand("query", "Print one page of events (JSON)");
  AddSelectionFlags(*query, *q);
  query->add_option("--order", q->order, "asc or desc (default desc)");
  query->add_option("--limit", q->limit, "1..10000 (default 100)");
  query->add_flag("--total", q->total, "include the exact total");
  query->callback([q, exit_code] { *exit_code = Query(*q); });

  auto e = std::make_shared<ReadArgs>();
  auto* exp = app.add_subcommand("export", "Stream every selected event (NDJSON or CSV)");
  AddSelectionFlags(*exp, *e);
  exp->add_option("--format", e->format, "ndjson or csv")
      ->check(CLI::IsMember({"ndjson", "csv"}))
      ->capture_default_str();
  exp->add_option("-o,--output", e->output, "file to write (default stdout)");
  exp->callback([e, exit_code] { *exit_code = Export(*e); });

  auto t = std::make_shared<ReadArgs>();
  auto* tail = app.add_subcommand("tail", "Follow new events as they commit (NDJSON)");
  AddSelectionFlags(*tail, *t);
  tail->add_option("--wait", t->wait, "long-poll wait per request")->capture_default_str();
  tail->callback([t, exit_code] { *exit_code = Tail(*t); });
}

}  // namespace trailkeep::cli
