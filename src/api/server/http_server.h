// HttpServer: the HTTP/1.1 front end (Boost.Beast, in the shape of Beast's
// server-flex-awaitable example): one coroutine session per connection on its
// own strand, keep-alive, explicit header/body limits and timeouts, a cap on
// connections. Handlers are blocking, socket-free functions (api/router.h);
// the session hops onto a worker pool to call them so that a slow handler
// (an fsync, a long export) never stalls the I/O threads.
//
// Thread safety: Start/Stop from one thread; NotifyCommit from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "api/http_message.h"
#include "base/status.h"

namespace trailkeep::api {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;            // 0: pick a free port (see HttpServer::port())
  size_t max_body_bytes = 16u << 20;   // larger bodies get 413
  size_t max_header_bytes = 16u << 10; // larger headers get 431
  // Time allowed to receive one whole request once its first byte arrived.
  std::chrono::milliseconds read_timeout{30'000};
  // A keep-alive connection with no request for this long is closed.
  std::chrono::milliseconds idle_timeout{60'000};
  // Connections beyond this are answered 503 and closed.
  size_t max_connections = 1024;
  int io_threads = 2;
  // Run the handlers, produce the pieces of streamed bodies, and send each
  // piece while its reader keeps up (at most 50 ms a piece, chunk_send.h):
  // a streamed response uses up to two of them at once.
  int worker_threads = 8;
};

// Called once per finished request, for metrics: method, route pattern (or
// ""), HTTP status, and the time from request read to last byte written.
using RequestObserver = std::function<void(std::string_view method, std::string_view route,
                                           int status, std::chrono::nanoseconds elapsed)>;

class HttpServer {
 public:
  // `handler` answers every request; must be safe to call concurrently.
  HttpServer(ServerOptions options, std::function<Response(Request&)> handler,
             RequestObserver observer = nullptr);
  ~HttpServer();  // Stops if running.

  // Binds and starts serving on background threads. Errors: kUnavailable when
  // the address cannot be bound.
  Status Start();
  // The bound port (after Start).
  uint16_t port() const;
  // Stops accepting, closes connections, joins threads. Idempotent.
  void Stop();

  // Wakes long-poll responses (Response::deferred) so they poll again.
  void NotifyCommit();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace trailkeep::api
