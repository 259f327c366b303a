// GET /v1/events (a page from an `after` cursor or an `offset`, optionally
// with the exact total) and GET /v1/events/{id}.
#include "api/errors.h"
#include "api/native/native_api.h"
#include "api/native/page_json.h"
#include "api/native/selection_params.h"
#include "api/request_auth.h"
#include "query/offset_page.h"
#include "query/selection_scan.h"

namespace trailkeep::api {
namespace {

Response List(ApiContext& ctx, Request& request) {
  auto caller = AuthorizeNative(request, ctx.tokens, "events.read");
  if (!caller.ok()) return NativeError(caller.status());
  auto sel = ParseNativeSelection(request, caller->tenant, ctx.clock, store::Order::kIdDesc);
  if (!sel.ok()) return NativeError(sel.status());
  auto limit = ParseLimit(request, ctx.limits.default_page_size, ctx.limits.max_page_size);
  if (!limit.ok()) return NativeError(limit.status());
  auto offset = ParseOffset(request);
  if (!offset.ok()) return NativeError(offset.status());
  bool want_total = false;
  if (auto total = request.Param("total")) {
    if (*total != "true" && *total != "false") {
      return NativeError(InvalidArgument("total: must be true or false"));
    }
    want_total = *total == "true";
  }

  // The total is counted first: the page's scan then plans with it instead
  // of counting the same match again.
  std::optional<uint64_t> total;
  if (want_total) {
    auto n = query::CountMatching(ctx.store, sel->spec.tenant, sel->spec.from, sel->spec.to,
                                  sel->selection);
    if (!n.ok()) return NativeError(n.status());
    total = *n;
  }
  // offset == 0 is FetchPage; otherwise the start is located from bucket
  // counts when the selection has a cheap count (query/offset_page.h).
  auto page = *offset == 0
                  ? query::FetchPage(ctx.store, sel->spec, sel->selection, *limit, total)
                  : query::FetchPageAtOffset(ctx.store, sel->spec, sel->selection, *offset, *limit);
  if (!page.ok()) return NativeError(page.status());
  std::optional<uint64_t> next;
  if (page->more && !page->events.empty()) next = page->events.back().id.value;
  return Response::Json(200, PageJson(*page, next, total));
}

Response GetOne(ApiContext& ctx, Request& request) {
  auto caller = AuthorizeNative(request, ctx.tokens, "events.read");
  if (!caller.ok()) return NativeError(caller.status());
  auto id = ParseU64(request.PathParam("id"));
  if (!id || *id == 0)
    return NativeError(InvalidArgument("id: must be a positive decimal integer"));
  auto event = ctx.store.Get(caller->tenant, model::EventId{*id});
  if (!event.ok()) return NativeError(event.status());
  if (!event->has_value()) return NativeError(NotFound("no event " + std::to_string(*id)));
  return Response::Json(200, std::move(**event));
}

}  // namespace

void AddReadRoutes(Router& router, ApiContext& ctx) {
  router.Add("GET", "/v1/events", [&ctx](Request& r) { return List(ctx, r); });
  // Literal routes (/export, /tail) are registered before this one.
  router.Add("GET", "/v1/events/{id}", [&ctx](Request& r) { return GetOne(ctx, r); });
}

}  // namespace trailkeep::api
