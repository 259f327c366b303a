// GET /cloudartifact/v5/{tenant_id}/{project_id}/{module}/{repo}/audit:
// Huawei CodeArts Artifact's "query audit logs about a repository or file".
//
// Order of checks: credentials (401, gateway shape), the scope
// codeartsartifact:repository:read (403), path and query validation (400),
// the token's binding to the path's tenant (403). Every answer carries
// X-Request-Id.
#include <memory>

#include "api/dialects/codearts/audit_path.h"
#include "api/dialects/codearts/audit_query.h"
#include "api/dialects/codearts/audit_record.h"
#include "api/dialects/codearts/authenticate.h"
#include "api/dialects/codearts/responses.h"
#include "api/dialects/dialects.h"
#include "api/errors.h"
#include "auth/access.h"
#include "auth/scopes.h"
#include "codec/canonical.h"
#include "codec/json_writer.h"
#include "query/selection_scan.h"

namespace trailkeep::api::dialects {
namespace {

using namespace codearts;

struct Page {
  uint64_t total = 0;
  std::vector<std::string> canonical;  // the page's events, newest first
};

// One pass over the view, newest first: counts every match (the exact total)
// and keeps the [offset, offset + size) slice, so page and total come from
// one snapshot.
Result<Page> FetchAuditPage(store::EventStore& store, const model::TenantId& tenant,
                            const query::Selection& selection, const AuditQuery& q) {
  store::ScanSpec spec;
  spec.tenant = tenant;
  spec.order = store::Order::kTimeDesc;
  const uint64_t first = q.Offset();
  const uint64_t end = first + static_cast<uint64_t>(q.page_size);
  Page page;
  TK_RETURN_IF_ERROR(query::ForEach(store, spec, selection, [&](const store::StoredEvent& e) {
    if (page.total >= first && page.total < end) page.canonical.emplace_back(e.canonical);
    ++page.total;
    return store::Visit::kContinue;
  }));
  return page;
}

Result<std::string> RenderPage(const Page& page, int64_t now_ms) {
  codec::JsonWriter w;
  w.BeginObject();
  w.Key("status");
  w.String("success");
  w.Key("trace_id");
  w.String(NewTraceId(now_ms));
  w.Key("result");
  w.BeginObject();
  w.Key("auditInfoList");
  w.BeginArray();
  for (const std::string& canonical : page.canonical) {
    TK_ASSIGN_OR_RETURN(model::Event e, codec::ParseCanonical(canonical));
    WriteAuditRecord(e, w);
  }
  w.EndArray();
  w.Key("total");
  w.Uint(page.total);
  w.EndObject();
  w.EndObject();
  return w.Take();
}

class AuditHandler {
 public:
  explicit AuditHandler(ApiContext& ctx) : ctx_(ctx) {}

  Response Handle(Request& request) {
    const std::string request_id = NewRequestId();
    const int64_t now = ctx_.clock.NowMs();
    auto fail = [&](int http, std::string_view code, std::string_view message) {
      return ServiceError(http, code, message, request_id, now);
    };

    auto principal = AuthenticateCodeArts(request, ctx_.tokens, ctx_.access_keys, now);
    if (!principal.ok()) {
      if (principal.status().code() == StatusCode::kUnauthenticated) {
        return GatewayAuthError(principal.status().message(), request_id);
      }
      return fail(HttpStatusFor(principal.status().code()), kCodeInternal,
                  principal.status().message());
    }
    if (Status s = auth::RequireScope(*principal, auth::kScopeHuaweiArtifactRead); !s.ok()) {
      return fail(403, kCodeNoPermission, s.message());
    }
    auto path = ParseAuditPath(request.PathParam("tenant_id"), request.PathParam("project_id"),
                               request.PathParam("module"), request.PathParam("repo"));
    if (!path.ok()) return fail(400, kCodeInvalidParameter, path.status().message());
    auto q = ParseAuditQuery(request);
    if (!q.ok()) return fail(400, kCodeInvalidParameter, q.status().message());
    model::TenantId tenant = TenantFor(*path);
    if (!principal->AllowsTenant(tenant.value)) {
      return fail(403, kCodeNoPermission, "current user has no permission for the project");
    }

    auto page = FetchAuditPage(ctx_.store, tenant, AuditSelection(*path, *q), *q);
    if (!page.ok()) return fail(500, kCodeInternal, "unknown service error");
    auto body = RenderPage(*page, now);
    if (!body.ok()) return fail(500, kCodeInternal, "unknown service error");
    Response r = Response::Json(200, std::move(body).value());
    SetRequestId(r, request_id);
    return r;
  }

 private:
  ApiContext& ctx_;
};

}  // namespace

void AddCodeArtsRoutes(Router& router, ApiContext& context) {
  auto handler = std::make_shared<AuditHandler>(context);
  router.Add("GET", "/cloudartifact/v5/{tenant_id}/{project_id}/{module}/{repo}/audit",
             [handler](Request& r) { return handler->Handle(r); });
  // Unknown paths under /cloudartifact: what Huawei's API gateway answers
  // for an API it does not publish.
  router.SetNotFound("/cloudartifact", [](Request&) {
    return GatewayError(404, kCodeGatewayNoApi,
                        "The API does not exist or has not been published in the environment",
                        NewRequestId());
  });
}

}  // namespace trailkeep::api::dialects
