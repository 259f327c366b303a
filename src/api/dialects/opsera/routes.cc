// The four Opsera log routes (spec 001, API-NOTES §2): each is a view of one
// canonical kind, rendered as {"count": <total matches>, "data": [records]}.
#include <functional>
#include <string>

#include "api/dialects/dialects.h"
#include "api/dialects/opsera/access.h"
#include "api/dialects/opsera/log_query.h"
#include "api/dialects/opsera/render.h"
#include "api/dialects/opsera/run_query.h"
#include "codec/canonical.h"
#include "codec/json_writer.h"

namespace trailkeep::api::dialects {
namespace {

using opsera::LogQuery;
using opsera::OpseraError;
using QueryParser = std::function<Result<LogQuery>(const Request&, int64_t now_ms)>;

Result<std::string> PageBody(const opsera::RecordShape& shape, const opsera::LogPage& page) {
  codec::JsonWriter w;
  w.BeginObject();
  w.Key("count");
  w.Uint(page.total);
  w.Key("data");
  w.BeginArray();
  for (const query::OwnedEvent& stored : page.events) {
    TK_ASSIGN_OR_RETURN(model::Event event, codec::ParseCanonical(stored.canonical));
    TK_RETURN_IF_ERROR(opsera::AppendRecord(shape, event, &w));
  }
  w.EndArray();
  w.EndObject();
  return w.Take();
}

// Authorize (401/403 before any validation), parse, run, render.
Response Serve(ApiContext& ctx, const Request& request, const opsera::RouteAccess& access,
               const opsera::RecordShape& shape, const QueryParser& parse) {
  auto tenant = opsera::AuthorizeOpsera(request, ctx.tokens, access);
  if (!tenant.ok()) return OpseraError(tenant.status());
  auto q = parse(request, ctx.clock.NowMs());
  if (!q.ok()) return OpseraError(q.status());
  auto page = opsera::RunLogQuery(ctx.store, *tenant, *q);
  if (!page.ok()) return OpseraError(page.status());
  auto body = PageBody(shape, *page);
  if (!body.ok()) return OpseraError(body.status());
  return Response::Json(200, std::move(body).value());
}

void Route(Router& router, ApiContext& ctx, std::string_view path,
           const opsera::RouteAccess& access, const opsera::RecordShape& shape, QueryParser parse) {
  router.Add("GET", path, [&ctx, &access, &shape, parse = std::move(parse)](Request& r) {
    return Serve(ctx, r, access, shape, parse);
  });
}

}  // namespace

void AddOpseraRoutes(Router& router, ApiContext& ctx) {
  using opsera::DefaultWindow;
  const opsera::RecordShape& actions = opsera::UserActionShape();
  const opsera::RecordShape& pipelines = opsera::PipelineShape();
  Route(router, ctx, "/api/v1/logs/user/actions", opsera::V1Access(), actions,
        [&actions](const Request& r, int64_t now) {
          return opsera::ParseV1Query(r, now, actions, DefaultWindow::kLastSevenDays);
        });
  Route(router, ctx, "/api/v2/logs/audit/user", opsera::V2Access(), actions,
        [](const Request& r, int64_t) { return opsera::ParseV2Query(r); });
  Route(router, ctx, "/api/v1/logs/user/tokens", opsera::V1Access(), opsera::TokenUseShape(),
        [](const Request& r, int64_t now) { return opsera::ParseTokenQuery(r, now); });
  Route(router, ctx, "/api/v1/logs/pipelines", opsera::V1Access(), pipelines,
        [&pipelines](const Request& r, int64_t now) {
          return opsera::ParseV1Query(r, now, pipelines, DefaultWindow::kAllTime);
        });
  // Unknown paths under /api answer in Opsera's error shape (API-NOTES 2.7),
  // except where a longer prefix belongs to another dialect
  // (/api/v2/auditlogs: Dynatrace).
  router.SetNotFound("/api", [](Request&) { return OpseraError(NotFound("Not Found")); });
}

}  // namespace trailkeep::api::dialects
