// Router: maps (method, path pattern) to a handler. Patterns are literal
// segments and "{name}" segments that capture one path segment.
//
// Thread safety: Add during start-up only; Route is then safe concurrently.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "api/http_message.h"

namespace trailkeep::api {

using Handler = std::function<Response(Request&)>;

class Router {
 public:
  // Earlier routes win when two patterns match the same path.
  void Add(std::string method, std::string_view pattern, Handler handler);
  // Handles `request`: 404 when no pattern matches the path, 405 (with an
  // Allow header) when patterns match but none for this method. A 404 is
  // built by the not-found handler of the longest prefix the path falls
  // under (SetNotFound), else as a native JSON error.
  Response Route(Request& request) const;

  // Paths that match no route and start with the segments of `prefix` (a
  // pattern like Add's: "/e/{environmentId}") are answered by `handler`, so
  // a vendor API's unknown paths get that vendor's error shape.
  void SetNotFound(std::string_view prefix, Handler handler);

  // The pattern that matched `request` last, for metrics labels ("" if none).
  static std::string_view MatchedPattern(const Request& request);

 private:
  struct Route_ {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
  };
  static bool Match(const Route_& route, const std::vector<std::string_view>& parts,
                    Request* request);
  std::vector<Route_> routes_;
  std::vector<Route_> not_found_;  // prefixes; `method` unused
};

}  // namespace trailkeep::api
