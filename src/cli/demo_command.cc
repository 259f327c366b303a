// trailkeep demo: load a realistic sample into a stopped data directory
// (--data) or into a running server (--url with an admin or events.write token
// for both demo tenants).
#include <CLI/CLI.hpp>

#include <iostream>
#include <map>

#include "api/client/http_client.h"
#include "base/clock.h"
#include "cli/client_options.h"
#include "cli/commands.h"
#include "cli/demo_data.h"
#include "codec/event_json.h"
#include "store/open.h"

namespace trailkeep::cli {
namespace {

struct DemoArgs {
  ClientOptions client;
  std::string data;
  uint64_t events = 20'000;
};

constexpr size_t kBatch = 1000;

// Groups the sample into per-tenant NDJSON batches and hands each to `sink`.
Status Generate(uint64_t count, const std::function<Status(const std::string&, const std::string&,
                                                           size_t)>& sink) {
  int64_t now = SystemClock::Get().NowMs();
  std::map<std::string, std::pair<std::string, size_t>> pending;
  for (uint64_t i = 0; i < count; ++i) {
    DemoEvent e = MakeDemoEvent(i, count, now);
    auto& [body, n] = pending[e.tenant];
    body += e.json;
    body.push_back('\n');
    if (++n == kBatch) {
      TK_RETURN_IF_ERROR(sink(e.tenant, body, n));
      body.clear();
      n = 0;
    }
  }
  for (auto& [tenant, p] : pending) {
    if (p.second > 0) TK_RETURN_IF_ERROR(sink(tenant, p.first, p.second));
  }
  return Status::Ok();
}

Status LoadOffline(const DemoArgs& a) {
  store::StoreOptions o;
  o.path = a.data;
  TK_ASSIGN_OR_RETURN(auto store, store::OpenEventStore(o));
  return Generate(a.events, [&](const std::string& tenant, const std::string& body, size_t) {
    codec::ParseOptions p;
    p.format = codec::InputFormat::kNdjson;
    p.default_time = model::TimeMs{SystemClock::Get().NowMs()};
    TK_ASSIGN_OR_RETURN(auto events, codec::ParseEvents(body, p));
    store::AppendBatch batch;
    batch.tenant = model::TenantId{tenant};
    batch.events = std::move(events);
    return store->Append(batch).status();
  });
}

Status LoadOnline(const DemoArgs& a) {
  TK_ASSIGN_OR_RETURN(auto http, api::HttpClient::Create(a.client.url, std::chrono::seconds(60)));
  return Generate(a.events, [&](const std::string& tenant, const std::string& body, size_t) {
    ClientOptions c = a.client;
    c.tenant = tenant;
    api::HeaderList h = ClientHeaders(c);
    h.emplace_back("Content-Type", "application/x-ndjson");
    TK_ASSIGN_OR_RETURN(auto r, http->Send("POST", "/v1/events", h, body));
    if (r.status / 100 != 2) {
      return InvalidArgument("server answered " + std::to_string(r.status) + ": " + r.body);
    }
    return Status::Ok();
  });
}

}  // namespace

void AddDemoCommand(CLI::App& app, int* exit_code) {
  auto* cmd = app.add_subcommand(
      "demo", "Load a realistic sample (two tenants, 30 days) into --data or a running --url");
  auto args = std::make_shared<DemoArgs>();
  AddClientFlags(*cmd, args->client);
  cmd->add_option("--data", args->data, "a stopped server's data directory (offline load)");
  cmd->add_option("--events", args->events, "how many events")->capture_default_str();
  cmd->callback([args, exit_code] {
    Status s = args->data.empty() ? LoadOnline(*args) : LoadOffline(*args);
    if (!s.ok()) {
      std::cerr << "trailkeep demo: " << s.message() << "\n";
      *exit_code = 1;
      return;
    }
    std::cerr << "loaded " << args->events << " demo events into tenants acme and globex\n";
  });
}

}  // namespace trailkeep::cli
