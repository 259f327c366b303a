// HttpClient: a small blocking HTTP/1.1 client with keep-alive, for the CLI's
// client commands (ingest, query, export, tail). Plain http only.
//
// Thread safety: one client per thread.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace trailkeep::api {

struct ClientResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

using HeaderList = std::vector<std::pair<std::string, std::string>>;

class HttpClient {
 public:
  // `base_url` is "http://host:port" (a trailing path is ignored).
  // Errors: kInvalidArgument for a malformed URL.
  static Result<std::unique_ptr<HttpClient>> Create(std::string_view base_url,
                                                    std::chrono::seconds timeout);
  ~HttpClient();

  // Sends one request and reads the whole response. Reconnects once when a
  // kept-alive connection turned out to be closed. Errors: kUnavailable when
  // the server cannot be reached, kDeadlineExceeded on timeout.
  Result<ClientResponse> Send(std::string_view method, std::string_view target,
                              const HeaderList& headers, std::string_view body);

  // Like Send, but hands the body to `sink` piece by piece as it arrives (for
  // exports); the returned response has an empty body. `sink` returns false to
  // abort.
  Result<ClientResponse> SendStreaming(std::string_view method, std::string_view target,
                                       const HeaderList& headers, std::string_view body,
                                       const std::function<bool(std::string_view)>& sink);

 private:
  class Impl;
  explicit HttpClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace trailkeep::api
