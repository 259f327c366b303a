// GET /v1/events/tail?after=ID&wait=30s: answers as soon as an event newer
// than ID (in the caller's tenant, matching the filter) commits, or with an
// empty page when `wait` runs out. With format=ndjson the body is one event
// per line and the cursor is in the Trailkeep-Next-After header.
#include <memory>

#include "api/errors.h"
#include "api/native/native_api.h"
#include "api/native/page_json.h"
#include "api/native/selection_params.h"
#include "api/request_auth.h"
#include "query/time_expr.h"

namespace trailkeep::api {
namespace {

constexpr std::chrono::milliseconds kDefaultWait{30'000};

Response TailResponse(const query::Page& page, uint64_t next_after, bool ndjson) {
  if (!ndjson) return Response::Json(200, PageJson(page, next_after, std::nullopt));
  Response r;
  r.content_type = "application/x-ndjson";
  for (const auto& e : page.events) {
    r.body += e.canonical;
    r.body.push_back('\n');
  }
  r.headers.emplace_back("Trailkeep-Next-After", std::to_string(next_after));
  return r;
}

Response Tail(ApiContext& ctx, Request& request) {
  auto caller = AuthorizeNative(request, ctx.tokens, "events.read");
  if (!caller.ok()) return NativeError(caller.status());
  if (request.HasParam("order")) {
    return NativeError(InvalidArgument("order: tail always returns events oldest first"));
  }
  auto sel = ParseNativeSelection(request, caller->tenant, ctx.clock, store::Order::kIdAsc);
  if (!sel.ok()) return NativeError(sel.status());
  auto limit = ParseLimit(request, ctx.limits.default_page_size, ctx.limits.max_page_size);
  if (!limit.ok()) return NativeError(limit.status());
  std::chrono::milliseconds wait = kDefaultWait;
  if (auto w = request.Param("wait")) {
    auto ms = query::ParseDurationMs(*w);
    if (!ms.ok() || *ms < 0 || std::chrono::milliseconds(*ms) > ctx.limits.max_tail_wait) {
      return NativeError(InvalidArgument("wait: a duration such as 30s, at most " +
                                         std::to_string(ctx.limits.max_tail_wait.count()) + "s"));
    }
    wait = std::chrono::milliseconds(*ms);
  }
  std::string_view format = request.Param("format").value_or("json");
  if (format != "json" && format != "ndjson") {
    return NativeError(InvalidArgument("format: must be json or ndjson"));
  }
  bool ndjson = format == "ndjson";
  if (!sel->spec.after) {
    // Without a cursor, tail from "now": only events committed from here on.
    sel->spec.after = store::Position{{}, ctx.store.LastCommittedId()};
  }
  uint64_t after = sel->spec.after->id.value;

  auto state = std::make_shared<NativeSelection>(std::move(sel).value());
  size_t page_size = *limit;
  auto deferred = std::make_shared<Deferred>();
  deferred->deadline = std::chrono::steady_clock::now() + wait;
  deferred->poll = [&ctx, state, page_size, ndjson]() -> std::optional<Response> {
    auto page = query::FetchPage(ctx.store, state->spec, state->selection, page_size);
    if (!page.ok()) return NativeError(page.status());
    if (page->events.empty()) return std::nullopt;
    return TailResponse(*page, page->events.back().id.value, ndjson);
  };
  deferred->on_timeout = [after, ndjson] { return TailResponse(query::Page{}, after, ndjson); };
  Response r;
  r.deferred = std::move(deferred);
  return r;
}

}  // namespace

void AddTailRoutes(Router& router, ApiContext& ctx) {
  router.Add("GET", "/v1/events/tail", [&ctx](Request& r) { return Tail(ctx, r); });
}

}  // namespace trailkeep::api
