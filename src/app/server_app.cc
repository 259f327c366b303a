#include "app/server_app.h"

#include <pthread.h>
#include <signal.h>

#include <thread>

#include "api/dialects/dialects.h"
#include "api/native/native_api.h"
#include "api/server/http_server.h"
#include "auth/token_service.h"
#include "base/clock.h"

namespace trailkeep::app {

store::StoreOptions StoreOptionsFor(const Config& config) {
  store::StoreOptions o;
  o.backend = store::Backend::kRocksDb;
  o.path = config.data;
  o.durability =
      config.durability == "buffered" ? store::Durability::kBuffered : store::Durability::kSync;
  o.block_cache_bytes = config.block_cache_mb << 20;
  return o;
}

namespace {

// Creates an all-tenant admin token when the store has none yet.
Status BootstrapAdmin(auth::TokenService& tokens, const std::string& base_url, std::ostream& out) {
  TK_ASSIGN_OR_RETURN(auto existing, tokens.List());
  if (!existing.empty()) return Status::Ok();
  TK_ASSIGN_OR_RETURN(auto issued, tokens.Create("admin (first start)", {"*"}, {"admin"}));
  const std::string& t = issued.secret;
  out << "\nFirst start: created an admin token. It is shown only this once; keep it:\n\n"
      << "  " << t << "\n\n"
      << "Try it:\n\n"
      << "  curl -s -X POST '" << base_url << "/v1/events?tenant=demo' \\\n"
      << "    -H 'Authorization: Bearer " << t << "' -H 'Content-Type: application/json' \\\n"
      << "    -d '{\"kind\":\"user.action\",\"action\":\"login\",\"actor\":{\"name\":\"alice\"}}'\n"
      << "  curl -s '" << base_url << "/v1/events?tenant=demo&total=true' \\\n"
      << "    -H 'Authorization: Bearer " << t << "'\n\n";
  return Status::Ok();
}

}  // namespace

Status RunServer(const Config& config, std::ostream& out) {
  // Block the stop signals in every thread we start; this thread waits for them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  api::ServerOptions server_options;
  TK_RETURN_IF_ERROR(SplitListen(config.listen, &server_options.host, &server_options.port));
  server_options.max_body_bytes = config.max_body_bytes;
  server_options.max_header_bytes = config.max_header_bytes;
  server_options.read_timeout = std::chrono::seconds(config.read_timeout);
  server_options.idle_timeout = std::chrono::seconds(config.idle_timeout);
  server_options.max_connections = config.max_connections;
  server_options.io_threads = config.io_threads > 0
                                  ? config.io_threads
                                  : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  server_options.worker_threads = config.worker_threads;

  TK_ASSIGN_OR_RETURN(auto store, store::OpenEventStore(StoreOptionsFor(config)));
  const Clock& clock = SystemClock::Get();
  auth::TokenService tokens(store->Meta(), clock);
  auth::AccessKeyService access_keys(store->Meta(), clock);
  api::Metrics metrics;
  api::ApiContext context{*store,  tokens, access_keys, clock,
                          metrics, {},     api::dialects::AllImporters()};
  api::Router router;
  api::AddNativeRoutes(router, context);
  api::dialects::AddDialectRoutes(router, context);

  api::HttpServer server(
      server_options, [&router](api::Request& r) { return router.Route(r); },
      [&metrics](std::string_view method, std::string_view route, int status,
                 std::chrono::nanoseconds elapsed) {
        metrics.ObserveRequest(method, route, status, elapsed);
      });
  store->SetCommitListener([&server](model::EventId) { server.NotifyCommit(); });
  TK_RETURN_IF_ERROR(server.Start());

  std::string host = server_options.host.find(':') != std::string::npos
                         ? "[" + server_options.host + "]"
                         : server_options.host;
  std::string base_url = "http://" + host + ":" + std::to_string(server.port());
  TK_RETURN_IF_ERROR(BootstrapAdmin(tokens, base_url, out));
  out << "trailkeep listening on " << base_url << " (data: " << config.data
      << ", durability: " << config.durability << ")" << std::endl;

  int received = 0;
  sigwait(&signals, &received);
  out << "trailkeep: " << (received == SIGINT ? "SIGINT" : "SIGTERM") << ", shutting down"
      << std::endl;
  server.Stop();
  store->SetCommitListener(nullptr);
  return Status::Ok();
}

}  // namespace trailkeep::app
