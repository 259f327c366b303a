// trailkeep ingest FILE... : send events to a running server in batches.
// NDJSON files are streamed line by line; JSON files (an array or one object)
// are read whole. `-` reads standard input (NDJSON).
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <random>

#include "api/client/http_client.h"
#include "api/dialects/dialects.h"
#include "api/importer.h"
#include "base/clock.h"
#include "cli/client_options.h"
#include "cli/commands.h"
#include "cli/progress.h"
#include "codec/canonical.h"
#include "codec/event_json.h"
#include "codec/json_value.h"
#include "codec/vendor_records.h"

namespace trailkeep::cli {
namespace {

struct IngestArgs {
  ClientOptions client;
  std::vector<std::string> files;
  std::string format = "auto";
  std::string dialect;  // set when `format` names a dialect importer
  size_t batch = 1000;
};

class Sender {
 public:
  Sender(api::HttpClient& http, const IngestArgs& args, Progress& progress)
      : http_(http), args_(args), progress_(progress) {
    std::random_device rd;
    run_id_ = std::to_string(rd()) + std::to_string(rd());
  }

  // Posts one NDJSON batch (retried once, safely: it carries an Idempotency-Key).
  Status Post(const std::string& body, size_t events, uint64_t bytes_read) {
    api::HeaderList headers = ClientHeaders(args_.client);
    headers.emplace_back("Content-Type", "application/x-ndjson");
    headers.emplace_back("Idempotency-Key", "cli-" + run_id_ + "-" + std::to_string(batches_++));
    std::string path = "/v1/events";
    if (!args_.dialect.empty()) path += "?format=" + args_.dialect;
    Result<api::ClientResponse> r = http_.Send("POST", path, headers, body);
    if (!r.ok()) r = http_.Send("POST", path, headers, body);
    if (!r.ok()) return r.status();
    if (r->status / 100 != 2) {
      return InvalidArgument("server answered " + std::to_string(r->status) + ": " + r->body +
                             " (batch starting at event " + std::to_string(sent_) + ")");
    }
    sent_ += events;
    progress_.Update(sent_, bytes_read);
    return Status::Ok();
  }
  uint64_t sent() const { return sent_; }

 private:
  api::HttpClient& http_;
  const IngestArgs& args_;
  Progress& progress_;
  std::string run_id_;
  uint64_t batches_ = 0;
  uint64_t sent_ = 0;
};

bool IsJsonFile(const std::string& path, std::istream& in, const std::string& format) {
  if (format == "json") return true;
  if (format == "ndjson") return false;
  if (path.ends_with(".ndjson") || path.ends_with(".jsonl")) return false;
  if (path.ends_with(".json")) return true;
  while (in && std::isspace(in.peek())) in.get();
  return in.peek() == '[';
}

Status SendNdjson(std::istream& in, Sender& sender, size_t batch, uint64_t* bytes) {
  std::string body, line;
  size_t n = 0;
  while (std::getline(in, line)) {
    *bytes += line.size() + 1;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    body += line;
    body.push_back('\n');
    if (++n == batch || body.size() > (8u << 20)) {
      TK_RETURN_IF_ERROR(sender.Post(body, n, *bytes));
      body.clear();
      n = 0;
    }
  }
  if (n > 0) TK_RETURN_IF_ERROR(sender.Post(body, n, *bytes));
  return Status::Ok();
}

Status SendJson(std::istream& in, Sender& sender, size_t batch, uint64_t* bytes) {
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  *bytes += text.size();
  codec::ParseOptions options;
  options.format = codec::InputFormat::kJson;
  options.max_events = SIZE_MAX;
  options.default_time = model::TimeMs{SystemClock::Get().NowMs()};
  TK_ASSIGN_OR_RETURN(auto events, codec::ParseEvents(text, options));
  std::string body;
  for (size_t i = 0; i < events.size(); i += batch) {
    body.clear();
    size_t end = std::min(events.size(), i + batch);
    for (size_t j = i; j < end; ++j) {
      codec::AppendCanonicalJson(events[j], &body);
      body.push_back('\n');
    }
    TK_RETURN_IF_ERROR(sender.Post(body, end - i, *bytes * end / events.size()));
  }
  return Status::Ok();
}

// A vendor's records (array, NDJSON or a saved response document): split
// here, converted by the server (`POST /v1/events?format=<dialect>`).
Status SendVendorRecords(std::istream& in, const api::Importer& importer, Sender& sender,
                         size_t batch, uint64_t* bytes) {
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  *bytes += text.size();
  codec::EventError error;
  TK_ASSIGN_OR_RETURN(auto records,
                      codec::SplitVendorRecords(text, importer.document_paths, SIZE_MAX, &error));
  std::string body;
  for (size_t i = 0; i < records.size(); i += batch) {
    body.clear();
    size_t end = std::min(records.size(), i + batch);
    for (size_t j = i; j < end; ++j) {
      codec::AppendJson(records[j], &body);
      body.push_back('\n');
    }
    TK_RETURN_IF_ERROR(sender.Post(body, end - i, *bytes * end / records.size()));
  }
  return Status::Ok();
}

int Run(const IngestArgs& args) {
  const std::vector<const api::Importer*> importers = api::dialects::AllImporters();
  const api::Importer* importer = api::FindImporter(importers, args.format);
  auto http = api::HttpClient::Create(args.client.url, std::chrono::seconds(120));
  if (!http.ok()) {
    std::cerr << "trailkeep ingest: " << http.status().message() << "\n";
    return 1;
  }
  uint64_t total_bytes = 0;
  for (const auto& f : args.files) {
    if (f == "-") continue;
    std::ifstream probe(f, std::ios::binary | std::ios::ate);
    if (!probe) {
      std::cerr << "trailkeep ingest: cannot read " << f << "\n";
      return 1;
    }
    total_bytes += static_cast<uint64_t>(probe.tellg());
  }
  Progress progress("ingest", total_bytes);
  Sender sender(**http, args, progress);
  uint64_t bytes = 0;
  auto start = std::chrono::steady_clock::now();
  for (const auto& f : args.files) {
    std::ifstream file;
    std::istream* in = &std::cin;
    if (f != "-") {
      file.open(f, std::ios::binary);
      in = &file;
    }
    Status s = importer ? SendVendorRecords(*in, *importer, sender, args.batch, &bytes)
               : IsJsonFile(f, *in, args.format) ? SendJson(*in, sender, args.batch, &bytes)
                                                 : SendNdjson(*in, sender, args.batch, &bytes);
    if (!s.ok()) {
      progress.Finish();
      std::cerr << "trailkeep ingest: " << f << ": " << s.message() << "\n"
                << "(" << sender.sent() << " events were stored before this error)\n";
      return 1;
    }
  }
  progress.Finish();
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cerr << "ingested " << sender.sent() << " events in " << secs << " s\n";
  return 0;
}

}  // namespace

void AddIngestCommand(CLI::App& app, int* exit_code) {
  auto* cmd = app.add_subcommand("ingest", "Send events from files to a running server");
  auto args = std::make_shared<IngestArgs>();
  AddClientFlags(*cmd, args->client);
  cmd->add_option("files", args->files, "NDJSON or JSON files ('-' for stdin)")->required();
  std::vector<std::string> formats = {"auto", "ndjson", "json"};
  for (const api::Importer* i : api::dialects::AllImporters()) formats.emplace_back(i->format);
  cmd->add_option("--format", args->format,
                  "auto, ndjson or json (native events), or a vendor's records: dynatrace, "
                  "xray, opsera, codearts")
      ->check(CLI::IsMember(formats))
      ->capture_default_str();
  cmd->add_option("--batch", args->batch, "events per request")
      ->check(CLI::Range(1, 10000))
      ->capture_default_str();
  cmd->callback([args, exit_code] {
    for (const api::Importer* i : api::dialects::AllImporters()) {
      if (i->format == args->format) args->dialect = args->format;
    }
    *exit_code = Run(*args);
  });
}

}  // namespace trailkeep::cli
