#include "api/router.h"

#include "api/errors.h"

namespace trailkeep::api {
namespace {

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    parts.push_back(path.substr(i, j - i));
    i = j;
  }
  return parts;
}

constexpr std::string_view kPatternParam = "_route";

}  // namespace

void Router::Add(std::string method, std::string_view pattern, Handler handler) {
  Route_ r;
  r.method = std::move(method);
  r.pattern = std::string(pattern);
  for (auto part : SplitPath(pattern)) r.segments.emplace_back(part);
  r.handler = std::move(handler);
  routes_.push_back(std::move(r));
}

void Router::SetNotFound(std::string_view prefix, Handler handler) {
  Route_ r;
  r.pattern = std::string(prefix);
  for (auto part : SplitPath(prefix)) r.segments.emplace_back(part);
  r.handler = std::move(handler);
  not_found_.push_back(std::move(r));
}

bool Router::Match(const Route_& route, const std::vector<std::string_view>& parts,
                   Request* request) {
  if (route.segments.size() != parts.size()) return false;
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::string& seg = route.segments[i];
    bool capture = seg.size() >= 2 && seg.front() == '{' && seg.back() == '}';
    if (!capture && seg != parts[i]) return false;
  }
  if (request) {
    for (size_t i = 0; i < parts.size(); ++i) {
      const std::string& seg = route.segments[i];
      if (seg.size() >= 2 && seg.front() == '{' && seg.back() == '}') {
        request->path_params[seg.substr(1, seg.size() - 2)] = std::string(parts[i]);
      }
    }
    request->path_params[std::string(kPatternParam)] = route.pattern;
  }
  return true;
}

Response Router::Route(Request& request) const {
  auto parts = SplitPath(request.path);
  std::string allow;
  for (const auto& r : routes_) {
    if (!Match(r, parts, nullptr)) continue;
    if (r.method == request.method || (request.method == "HEAD" && r.method == "GET")) {
      Match(r, parts, &request);
      return r.handler(request);
    }
    if (allow.find(r.method) == std::string::npos) {
      if (!allow.empty()) allow += ", ";
      allow += r.method;
    }
  }
  if (!allow.empty()) {
    Response resp = NativeError(405, "method_not_allowed",
                                "method " + request.method + " is not allowed here; use " + allow);
    resp.headers.emplace_back("Allow", allow);
    return resp;
  }
  const Route_* scope = nullptr;
  for (const Route_& p : not_found_) {
    if (p.segments.size() > parts.size()) continue;
    if (scope && scope->segments.size() >= p.segments.size()) continue;
    std::vector<std::string_view> head(parts.begin(), parts.begin() + p.segments.size());
    if (Match(p, head, nullptr)) scope = &p;
  }
  if (scope) return scope->handler(request);
  return NativeError(404, "not_found", "no such endpoint: " + request.path);
}

std::string_view Router::MatchedPattern(const Request& request) {
  return request.PathParam(kPatternParam);
}

}  // namespace trailkeep::api
