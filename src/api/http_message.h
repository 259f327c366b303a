// Socket-free HTTP request and response values. Handlers are plain functions
// from Request to Response, so they are tested without a socket; only
// api/server/ knows about Beast.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace trailkeep::api {

// Header names are compared case-insensitively.
struct CaseInsensitiveLess {
  bool operator()(std::string_view a, std::string_view b) const;
  using is_transparent = void;
};

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // as received: path + "?" + query
  std::string path;    // percent-decoded path, without the query
  // Percent-decoded query parameters ('+' is a space), in order of appearance.
  std::vector<std::pair<std::string, std::string>> query;
  std::map<std::string, std::string, CaseInsensitiveLess> headers;
  std::string body;
  // Filled by the router from "{name}" segments of the matched pattern.
  std::map<std::string, std::string> path_params;

  // The first value of a query parameter (repeated parameters: first wins).
  std::optional<std::string_view> Param(std::string_view name) const;
  bool HasParam(std::string_view name) const { return Param(name).has_value(); }
  // A header's value, or "" when absent.
  std::string_view Header(std::string_view name) const;
  std::string_view PathParam(std::string_view name) const;
};

struct Response;

// A body produced piece by piece (sent with chunked transfer encoding).
// Each call appends the next piece to `chunk` and returns true while more
// follows, false after the last piece; an error ends the stream abruptly
// (the client sees a truncated chunked body, never a silent short success).
using BodyStream = std::function<Result<bool>(std::string* chunk)>;

// A response that waits for new commits (long poll). The server calls `poll`
// (on a worker thread) first and after every commit; the first Response it
// returns is sent. When `deadline` passes first, `on_timeout()` is sent.
struct Deferred {
  std::function<std::optional<Response>()> poll;
  std::function<Response()> on_timeout;
  std::chrono::steady_clock::time_point deadline;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  BodyStream stream;                    // when set, `body` is ignored
  std::shared_ptr<Deferred> deferred;   // when set, everything else is ignored

  static Response Json(int status, std::string body);
};

// Splits "a=1&b=%20x" into decoded pairs; malformed escapes are kept verbatim.
std::vector<std::pair<std::string, std::string>> ParseQuery(std::string_view query);
// Percent-decodes `s`; `plus_is_space` for query components.
std::string PercentDecode(std::string_view s, bool plus_is_space);
// Percent-encodes everything but unreserved characters (RFC 3986).
std::string PercentEncode(std::string_view s);
// Fills path and query from target.
void SplitTarget(Request* request);

}  // namespace trailkeep::api
