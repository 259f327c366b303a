// GET /xray/api/v1/curation/audit/packages: JFrog Xray's "Get Approved/Blocked
// audit events" (docs/dialects/xray.md).
#include <memory>
#include <utility>

#include "api/dialects/dialects.h"
#include "api/dialects/xray/audit_csv.h"
#include "api/dialects/xray/audit_params.h"
#include "api/dialects/xray/audit_rows.h"
#include "api/dialects/xray/xray_errors.h"
#include "api/request_auth.h"
#include "auth/access.h"
#include "auth/scopes.h"
#include "codec/json_writer.h"

namespace trailkeep::api::dialects {
namespace {

using xray::AuditParams;
using xray::XrayError;

// Credentials: those of AuthenticateRequest, plus JFrog's legacy API-key
// header X-JFrog-Art-Api when no other credential is sent.
Result<auth::Principal> Authenticate(const Request& request, auth::TokenService& tokens) {
  if (request.Header("Authorization").empty() && request.Header("X-Auth-Token").empty() &&
      !request.Header("X-JFrog-Art-Api").empty()) {
    return tokens.Authenticate(request.Header("X-JFrog-Art-Api"));
  }
  return AuthenticateRequest(request, tokens);
}

// The token's tenant; a token with several tenants names one with ?project=
// or X-JFrog-Project.
Result<model::TenantId> XrayTenant(const Request& request, const auth::Principal& principal) {
  std::optional<std::string_view> project = request.Param("project");
  if (!project && !request.Header("X-JFrog-Project").empty()) {
    project = request.Header("X-JFrog-Project");
  }
  auto tenant = auth::SelectTenant(principal, project);
  if (!tenant.ok() && !project && tenant.status().code() == StatusCode::kInvalidArgument) {
    return InvalidArgument(
        "project required: the token has several projects; pass ?project= "
        "or X-JFrog-Project");
  }
  return tenant;
}

xray::AuditWindow WindowOf(const AuditParams& p, model::TenantId tenant) {
  return xray::AuditWindow{std::move(tenant), p.start, p.scan_end, p.order_by, p.ascending};
}

void WriteMeta(const AuditParams& p, std::optional<uint64_t> total, uint64_t result_count,
               uint64_t next_offset, codec::JsonWriter* w) {
  w->BeginObject();
  if (total) w->Key("total_count"), w->Uint(*total);
  w->Key("result_count");
  w->Uint(result_count);
  w->Key("next_offset");
  w->Uint(next_offset);
  w->Key("order_by");
  w->String(p.order_by_name);
  w->Key("direction");
  w->String(p.ascending ? "asc" : "desc");
  w->Key("num_of_rows");
  w->Uint(p.num_of_rows);
  w->Key("offset");
  w->Uint(p.offset);
  w->Key("include_total");
  w->Bool(p.include_total);
  w->Key("include_explanation_and_recommendation");
  w->Bool(p.include_explanation_and_recommendation);
  w->Key("created_at_start");
  w->String(xray::FormatRfc3339Seconds(p.start.ms));
  w->Key("created_at_end");
  w->String(xray::FormatRfc3339Seconds(p.end.ms));
  w->EndObject();
}

Response JsonPage(ApiContext& ctx, const AuditParams& p, const model::TenantId& tenant) {
  xray::AuditWindow window = WindowOf(p, tenant);
  auto reader =
      xray::AuditRowReader::Open(ctx.store, window, p.dry_run, p.offset, p.num_of_rows + 1);
  if (!reader.ok()) return XrayError(reader.status());
  std::vector<xray::AuditRow> rows;
  auto more = reader->Next(static_cast<size_t>(p.num_of_rows), &rows);
  if (!more.ok()) return XrayError(more.status());
  std::optional<uint64_t> total;
  if (p.include_total) {
    auto n = xray::CountRows(ctx.store, window, p.dry_run);
    if (!n.ok()) return XrayError(n.status());
    total = *n;
  }
  codec::JsonWriter w;
  w.BeginObject();
  w.Key("data");
  w.BeginArray();
  for (const xray::AuditRow& row : rows) {
    xray::WriteAuditEvent(row, p.include_explanation_and_recommendation, &w);
  }
  w.EndArray();
  w.Key("meta");
  WriteMeta(p, total, rows.size(), *more ? p.offset + rows.size() : 0, &w);
  w.EndObject();
  return Response::Json(200, w.Take());
}

Response CsvZip(ApiContext& ctx, const AuditParams& p, const model::TenantId& tenant) {
  xray::AuditWindow window = WindowOf(p, tenant);
  // The entry is named before its rows are read: "incomplete" when more rows
  // match than this export holds.
  auto total = xray::CountRows(ctx.store, window, p.dry_run);
  if (!total.ok()) return XrayError(total.status());
  bool incomplete = *total > p.offset && *total - p.offset > p.num_of_rows;
  auto reader = xray::AuditRowReader::Open(ctx.store, window, p.dry_run, p.offset, p.num_of_rows);
  if (!reader.ok()) return XrayError(reader.status());
  auto stream = std::make_shared<xray::CsvZipStream>(
      std::move(reader).value(), p.num_of_rows,
      incomplete ? "audit_packages_incomplete.csv" : "audit_packages.csv", ctx.clock.NowMs());
  Response r;
  r.content_type = "application/zip";
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"audit_packages.zip\"");
  r.stream = [stream](std::string* chunk) { return stream->Next(chunk); };
  return r;
}

Response AuditPackages(ApiContext& ctx, Request& request) {
  auto principal = Authenticate(request, ctx.tokens);
  if (!principal.ok()) return XrayError(principal.status());  // 401 (503 if tokens are unreadable)
  Status allowed = auth::RequireScope(*principal, auth::kScopeJfrogViewPolicies);
  if (!allowed.ok()) return XrayError(allowed);  // 403
  auto tenant = XrayTenant(request, *principal);
  if (!tenant.ok()) return XrayError(tenant.status());
  auto params = xray::ParseAuditParams(request, ctx.clock.NowMs());
  if (!params.ok()) return XrayError(params.status());
  if (params->format == xray::AuditFormat::kCsv) return CsvZip(ctx, *params, *tenant);
  return JsonPage(ctx, *params, *tenant);
}

}  // namespace

void AddXrayRoutes(Router& router, ApiContext& context) {
  router.Add("GET", "/xray/api/v1/curation/audit/packages",
             [&context](Request& r) { return AuditPackages(context, r); });
  // Unknown paths under /xray answer in the platform's error shape.
  router.SetNotFound("/xray", [](Request&) { return XrayError(404, "Not Found"); });
}

}  // namespace trailkeep::api::dialects
