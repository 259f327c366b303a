#include "api/client/http_client.h"

#include <limits>

#include "api/server/beast.h"

namespace trailkeep::api {

class HttpClient::Impl {
 public:
  Impl(std::string host, std::string port, std::chrono::seconds timeout)
      : host_(std::move(host)), port_(std::move(port)), timeout_(timeout), stream_(ioc_) {}

  Result<ClientResponse> Send(std::string_view method, std::string_view target,
                              const HeaderList& headers, std::string_view body,
                              const std::function<bool(std::string_view)>* sink) {
    for (int attempt = 0; attempt < 2; ++attempt) {
      bool fresh = false;
      if (!connected_) {
        TK_RETURN_IF_ERROR(Connect());
        fresh = true;
      }
      beast::error_code ec;
      auto r = Exchange(method, target, headers, body, sink, &ec);
      if (r.ok()) return r;
      Close();
      // A kept-alive connection the server closed: retry once on a new one.
      bool stale = !fresh && (ec == http::error::end_of_stream || ec == net::error::eof ||
                              ec == net::error::connection_reset || ec == net::error::broken_pipe);
      if (!stale) return r;
    }
    return Unavailable("connection closed by server");
  }

 private:
  Status Connect() {
    beast::error_code ec;
    tcp::resolver resolver(ioc_);
    auto results = resolver.resolve(host_, port_, ec);
    if (ec) return Unavailable("cannot resolve " + host_ + ": " + ec.message());
    stream_.expires_after(timeout_);
    stream_.connect(results, ec);
    if (ec) return Unavailable("cannot connect to " + host_ + ":" + port_ + ": " + ec.message());
    connected_ = true;
    return Status::Ok();
  }

  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
    connected_ = false;
    buffer_.clear();
  }

  Result<ClientResponse> Exchange(std::string_view method, std::string_view target,
                                  const HeaderList& headers, std::string_view body,
                                  const std::function<bool(std::string_view)>* sink,
                                  beast::error_code* ec) {
    http::request<http::string_body> req{
        http::string_to_verb(beast::string_view(method.data(), method.size())),
        beast::string_view(target.data(), target.size()), 11};
    req.set(http::field::host, host_ + ":" + port_);
    req.set(http::field::user_agent, "trailkeep-cli");
    for (const auto& [k, v] : headers) {
      req.set(beast::string_view(k.data(), k.size()), beast::string_view(v.data(), v.size()));
    }
    req.body() = std::string(body);
    req.keep_alive(true);
    req.prepare_payload();
    stream_.expires_after(timeout_);
    http::write(stream_, req, *ec);
    if (*ec) return Unavailable("send failed: " + ec->message());

    // Beast sizes each socket read by the buffer's free capacity, at least
    // 512 bytes: left to grow on its own, this buffer (drained by every
    // read) stayed at 512, and a 230 MB export cost 448,000 recvfrom calls.
    if (buffer_.capacity() < kReadBufferBytes) buffer_.reserve(kReadBufferBytes);
    http::response_parser<http::buffer_body> parser;
    // Not boost::none: Beast 1.74 compares `len > none` as true (body_limit error).
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    http::read_header(stream_, buffer_, parser, *ec);
    if (*ec) return Failed(*ec);
    ClientResponse out;
    out.status = static_cast<int>(parser.get().result_int());
    for (const auto& f : parser.get()) {
      out.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
    }
    char buf[64 * 1024];
    while (!parser.is_done()) {
      parser.get().body().data = buf;
      parser.get().body().size = sizeof(buf);
      stream_.expires_after(timeout_);
      http::read(stream_, buffer_, parser, *ec);
      if (*ec == http::error::need_buffer) *ec = {};
      if (*ec) return Failed(*ec);
      std::string_view piece(buf, sizeof(buf) - parser.get().body().size);
      if (sink) {
        if (!piece.empty() && !(*sink)(piece)) {
          Close();
          return out;
        }
      } else {
        out.body.append(piece);
      }
    }
    if (!parser.get().keep_alive()) Close();
    return out;
  }

  static Status Failed(const beast::error_code& ec) {
    if (ec == beast::error::timeout) return {StatusCode::kDeadlineExceeded, "request timed out"};
    return Unavailable("receive failed: " + ec.message());
  }

  static constexpr size_t kReadBufferBytes = 256 * 1024;

  net::io_context ioc_;
  std::string host_, port_;
  std::chrono::seconds timeout_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  bool connected_ = false;
};

Result<std::unique_ptr<HttpClient>> HttpClient::Create(std::string_view base_url,
                                                       std::chrono::seconds timeout) {
  std::string_view u = base_url;
  if (u.starts_with("http://")) {
    u.remove_prefix(7);
  } else if (u.find("://") != std::string_view::npos) {
    return InvalidArgument("only http:// URLs are supported: " + std::string(base_url));
  }
  u = u.substr(0, u.find('/'));
  size_t colon = u.rfind(':');
  std::string host(u.substr(0, colon));
  std::string port = colon == std::string_view::npos ? "80" : std::string(u.substr(colon + 1));
  if (host.empty() || port.empty()) return InvalidArgument("bad URL: " + std::string(base_url));
  return std::unique_ptr<HttpClient>(
      new HttpClient(std::make_unique<Impl>(std::move(host), std::move(port), timeout)));
}

HttpClient::HttpClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpClient::~HttpClient() = default;

Result<ClientResponse> HttpClient::Send(std::string_view method, std::string_view target,
                                        const HeaderList& headers, std::string_view body) {
  return impl_->Send(method, target, headers, body, nullptr);
}

Result<ClientResponse> HttpClient::SendStreaming(
    std::string_view method, std::string_view target, const HeaderList& headers,
    std::string_view body, const std::function<bool(std::string_view)>& sink) {
  return impl_->Send(method, target, headers, body, &sink);
}

}  // namespace trailkeep::api
