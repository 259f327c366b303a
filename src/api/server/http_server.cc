// Beast is included here and in api/server/ only.
#include <utility>  // Boost 1.74's awaitable.hpp uses std::exchange without it.

#include "api/server/http_server.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <future>
#include <list>
#include <mutex>
#include <string_view>
#include <thread>
#include <vector>

#include "api/errors.h"
#include "api/router.h"
#include "api/server/beast.h"
#include "api/server/chunk_send.h"
#include "api/server/run_on_pool.h"

namespace trailkeep::api {
namespace {

// The most a request body's read buffer is grown to (per connection, kept
// while the connection lives).
constexpr uint64_t kBodyReadBytes = 256 * 1024;

// How long a pool thread sends one piece of a streamed body before it
// leaves the rest to the io_context (chunk_send.h). A reader on the same
// machine takes a 4 MiB piece in ~5 ms; one that takes longer than this
// holds a pool thread for at most this long per piece.
constexpr std::chrono::milliseconds kDirectSendTime{50};

}  // namespace

class HttpServer::Impl {
 public:
  Impl(ServerOptions options, std::function<Response(Request&)> handler, RequestObserver observer)
      : options_(std::move(options)),
        handler_(std::move(handler)),
        observer_(std::move(observer)),
        ioc_(options_.io_threads),
        workers_(static_cast<size_t>(options_.worker_threads)),
        acceptor_(net::make_strand(ioc_)) {}

  ~Impl() { Stop(); }

  Status Start() {
    beast::error_code ec;
    auto address = net::ip::make_address(options_.host, ec);
    if (ec) return InvalidArgument("bad listen address '" + options_.host + "': " + ec.message());
    tcp::endpoint endpoint(address, options_.port);
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
      return Unavailable("cannot listen on " + options_.host + ":" +
                         std::to_string(options_.port) + ": " + ec.message());
    }
    port_ = acceptor_.local_endpoint().port();
    net::co_spawn(acceptor_.get_executor(), Listen(), net::detached);
    for (int i = 0; i < std::max(1, options_.io_threads); ++i) {
      threads_.emplace_back([this] { ioc_.run(); });
    }
    return Status::Ok();
  }

  uint16_t port() const { return port_; }

  void Stop() {
    if (stopped_.exchange(true)) return;
    ioc_.stop();
    for (auto& t : threads_) t.join();
    threads_.clear();
    workers_.stop();
    workers_.join();
  }

  void NotifyCommit() {
    std::lock_guard lock(waiters_mu_);
    for (auto& w : waiters_) {
      w->notified.store(true);
      net::post(w->timer.get_executor(), [w] { w->timer.cancel(); });
    }
  }

 private:
  struct Waiter {
    explicit Waiter(net::any_io_executor ex) : timer(ex) {}
    net::steady_timer timer;
    std::atomic<bool> notified{false};
  };
  using WaiterList = std::list<std::shared_ptr<Waiter>>;

  net::awaitable<void> Listen() {
    for (;;) {
      beast::error_code ec;
      tcp::socket socket(net::make_strand(ioc_));
      co_await acceptor_.async_accept(socket, net::redirect_error(net::use_awaitable, ec));
      if (ec) {
        if (ec == net::error::operation_aborted || stopped_) co_return;
        continue;  // e.g. EMFILE: keep serving the connections we have
      }
      auto ex = socket.get_executor();
      net::co_spawn(ex, Session(beast::tcp_stream(std::move(socket))), net::detached);
    }
  }

  net::awaitable<void> Session(beast::tcp_stream stream) {
    struct Guard {
      std::atomic<size_t>& n;
      ~Guard() { n.fetch_sub(1); }
    } guard{active_};
    if (active_.fetch_add(1) >= options_.max_connections) {
      co_await WriteSimple(stream, NativeError(503, "unavailable", "too many connections"), 11,
                           false);
      co_return;
    }
    beast::flat_buffer buffer;
    for (;;) {
      http::request_parser<http::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(options_.max_header_bytes));
      parser.body_limit(options_.max_body_bytes);
      beast::error_code ec;
      stream.expires_after(options_.idle_timeout);
      co_await http::async_read_header(stream, buffer, parser,
                                       net::redirect_error(net::use_awaitable, ec));
      if (ec == http::error::header_limit) {
        co_await WriteSimple(stream, NativeError(431, "header_too_large", "request headers are too large"), 11, false);
        co_return;
      }
      if (ec == http::error::body_limit) {
        // A Content-Length above the limit is refused before any body is read.
        co_await WriteSimple(stream, NativeError(413, "too_large", "request body exceeds " + std::to_string(options_.max_body_bytes) + " bytes"), 11, false);
        co_return;
      }
      if (ec) {
        if (ec != http::error::end_of_stream && ec != beast::error::timeout &&
            ec != net::error::connection_reset && ec != net::error::operation_aborted &&
            ec != net::error::eof) {
          co_await WriteSimple(stream, NativeError(400, "bad_request", "malformed HTTP request: " + ec.message()), 11, false);
        }
        co_return;
      }
      auto start = std::chrono::steady_clock::now();
      if (beast::iequals(parser.get()[http::field::expect], "100-continue")) {
        http::response<http::empty_body> cont{http::status::continue_, parser.get().version()};
        co_await http::async_write(stream, cont, net::redirect_error(net::use_awaitable, ec));
        if (ec) co_return;
      }
      // Beast sizes each socket read by the buffer's free capacity (at least
      // 512 bytes), and a buffer the body parser drains never grows: a
      // 350 KB batch took ~650 recvmsg calls. Room for the body (up to
      // kBodyReadBytes) makes that ~6.
      if (!parser.is_done()) {
        const uint64_t expected = parser.content_length().value_or(kBodyReadBytes);
        buffer.reserve(static_cast<size_t>(std::min<uint64_t>(expected, kBodyReadBytes)));
      }
      stream.expires_after(options_.read_timeout);
      co_await http::async_read(stream, buffer, parser, net::redirect_error(net::use_awaitable, ec));
      unsigned version = parser.get().version();
      if (ec == http::error::body_limit) {
        co_await WriteSimple(stream, NativeError(413, "too_large", "request body exceeds " + std::to_string(options_.max_body_bytes) + " bytes"), version, false);
        co_return;
      }
      if (ec == beast::error::timeout) {
        co_await WriteSimple(stream, NativeError(408, "request_timeout", "request not received in time"), version, false);
        co_return;
      }
      if (ec) co_return;

      bool keep_alive = parser.get().keep_alive();
      Request request = ToRequest(parser.release());
      Response response = co_await RunOnPool(workers_, [this, &request] { return handler_(request); });
      if (response.deferred) response = co_await AwaitDeferred(stream, *response.deferred);

      bool ok = response.stream ? co_await WriteStream(stream, response, version, keep_alive)
                                : co_await WriteSimple(stream, std::move(response), version, keep_alive);
      if (observer_) {
        observer_(request.method, Router::MatchedPattern(request), response.status,
                  std::chrono::steady_clock::now() - start);
      }
      if (!ok || !keep_alive) break;
    }
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  net::awaitable<Response> AwaitDeferred(beast::tcp_stream& stream, Deferred d) {
    for (;;) {
      auto waiter = std::make_shared<Waiter>(stream.get_executor());
      WaiterList::iterator it;
      {
        std::lock_guard lock(waiters_mu_);
        it = waiters_.insert(waiters_.end(), waiter);
      }
      auto unregister = [&] {
        std::lock_guard lock(waiters_mu_);
        waiters_.erase(it);
      };
      std::optional<Response> polled = co_await RunOnPool(workers_, [&d] { return d.poll(); });
      if (polled) {
        unregister();
        co_return std::move(*polled);
      }
      if (std::chrono::steady_clock::now() >= d.deadline) {
        unregister();
        co_return co_await RunOnPool(workers_, [&d] { return d.on_timeout(); });
      }
      if (!waiter->notified.load()) {
        waiter->timer.expires_at(d.deadline);
        beast::error_code ec;
        co_await waiter->timer.async_wait(net::redirect_error(net::use_awaitable, ec));
      }
      unregister();
    }
  }

  static void ApplyHeaders(const Response& r, http::response_header<>& h) {
    h.set(http::field::server, "trailkeep");
    h.set(http::field::content_type, r.content_type);
    for (const auto& [k, v] : r.headers) h.insert(k, v);
  }

  // Writes a whole response. Returns false when the connection broke.
  net::awaitable<bool> WriteSimple(beast::tcp_stream& stream, Response r, unsigned version,
                                   bool keep_alive) {
    http::response<http::string_body> res{static_cast<http::status>(r.status), version};
    ApplyHeaders(r, res.base());
    res.body() = std::move(r.body);
    res.keep_alive(keep_alive);
    res.prepare_payload();
    beast::error_code ec;
    stream.expires_after(options_.idle_timeout);
    co_await http::async_write(stream, res, net::redirect_error(net::use_awaitable, ec));
    co_return !ec;
  }

  // Writes a chunked response, pulling pieces from r.stream on the worker pool.
  net::awaitable<bool> WriteStream(beast::tcp_stream& stream, Response& r, unsigned version,
                                   bool keep_alive) {
    http::response<http::empty_body> res{static_cast<http::status>(r.status), version};
    ApplyHeaders(r, res.base());
    res.keep_alive(keep_alive);
    res.chunked(true);
    http::response_serializer<http::empty_body> sr{res};
    beast::error_code ec;
    stream.expires_after(options_.idle_timeout);
    co_await http::async_write_header(stream, sr, net::redirect_error(net::use_awaitable, ec));
    if (ec) co_return false;
    // Double-buffered: the next piece is produced on the pool while the
    // current one is written, and both buffers keep their capacity (a fresh
    // 1 MiB string per piece cost a page fault per page: a fifth of the
    // server's CPU during a large export).
    std::string current, next;
    Result<bool> more = co_await RunOnPool(workers_, [&r, &current] { return r.stream(&current); });
    for (;;) {
      if (!more.ok()) co_return false;  // abort: the client sees a truncated body
      const bool has_more = *more;
      std::future<Result<bool>> produced;
      if (has_more) {
        next.clear();
        auto task = std::make_shared<std::packaged_task<Result<bool>()>>(
            [&r, &next] { return r.stream(&next); });
        produced = task->get_future();
        net::post(workers_, [task] { (*task)(); });
      }
      if (!current.empty()) ec = co_await WriteChunk(stream, current);
      // The producer uses `r` and `next`: wait for it before leaving.
      if (has_more) {
        more = co_await RunOnPool(workers_, [&produced] { return produced.get(); });
      }
      if (ec) co_return false;
      if (!has_more) break;
      std::swap(current, next);
    }
    co_await net::async_write(stream, http::make_chunk_last(),
                              net::redirect_error(net::use_awaitable, ec));
    co_return !ec;
  }

  // Writes `data` as one chunk (Beast's framing): from a pool thread while
  // the reader keeps up (chunk_send.h), the rest, if any, through the
  // io_context.
  net::awaitable<beast::error_code> WriteChunk(beast::tcp_stream& stream, const std::string& data) {
    auto chunk = http::make_chunk(net::buffer(data));
    std::vector<std::string_view> parts;
    for (net::const_buffer b : beast::buffers_range_ref(chunk)) {
      parts.emplace_back(static_cast<const char*>(b.data()), b.size());
    }
    const int fd = stream.socket().native_handle();
    Result<size_t> sent = co_await RunOnPool(workers_, [fd, &parts] {
      return SendBefore(fd, parts, 0, std::chrono::steady_clock::now() + kDirectSendTime);
    });
    if (!sent.ok()) co_return net::error::broken_pipe;
    if (*sent == net::buffer_size(chunk)) co_return beast::error_code{};
    beast::buffers_suffix<decltype(chunk)> rest(chunk);
    rest.consume(*sent);
    beast::error_code ec;
    stream.expires_after(options_.idle_timeout);
    co_await net::async_write(stream, rest, net::redirect_error(net::use_awaitable, ec));
    co_return ec;
  }

  static Request ToRequest(http::request<http::string_body> in) {
    Request r;
    r.method = std::string(in.method_string());
    r.target = std::string(in.target());
    for (const auto& field : in) {
      r.headers.emplace(std::string(field.name_string()), std::string(field.value()));
    }
    r.body = std::move(in.body());
    SplitTarget(&r);
    return r;
  }

  ServerOptions options_;
  std::function<Response(Request&)> handler_;
  RequestObserver observer_;
  net::io_context ioc_;
  net::thread_pool workers_;
  tcp::acceptor acceptor_;
  std::vector<std::thread> threads_;
  std::atomic<bool> stopped_{false};
  std::atomic<size_t> active_{0};
  uint16_t port_ = 0;
  std::mutex waiters_mu_;
  WaiterList waiters_;  // GUARDED_BY(waiters_mu_)
};

HttpServer::HttpServer(ServerOptions options, std::function<Response(Request&)> handler,
                       RequestObserver observer)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler), std::move(observer))) {}
HttpServer::~HttpServer() = default;
Status HttpServer::Start() { return impl_->Start(); }
uint16_t HttpServer::port() const { return impl_->port(); }
void HttpServer::Stop() { impl_->Stop(); }
void HttpServer::NotifyCommit() { impl_->NotifyCommit(); }

}  // namespace trailkeep::api
