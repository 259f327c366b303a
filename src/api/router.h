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
  // Allow header) when patterns match but none for this method. Errors use
  // `not_found` to build the body so dialect prefixes can answer in their shape.
  Response Route(Request& request) const;

  // Called for paths that match nothing; default: native JSON error 404.
  void SetNotFound(Handler handler) { not_found_ = std::move(handler); }

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
  Handler not_found_;
};

}  // namespace trailkeep::api
