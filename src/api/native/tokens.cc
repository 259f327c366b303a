// POST/GET/DELETE /v1/tokens: token administration (scope `admin`), confined
// to the tenants the admin token itself may access.
#include "api/errors.h"
#include "api/native/credential_admin.h"
#include "api/native/native_api.h"
#include "codec/json_writer.h"

namespace trailkeep::api {
namespace {

Response Create(ApiContext& ctx, Request& request) {
  auto admin = RequireAdmin(ctx, request);
  if (!admin.ok()) return NativeError(admin.status());
  auto body = ParseCreateBody(request.body);
  if (!body.ok()) return NativeError(body.status());
  if (!Covers(*admin, body->tenants)) {
    return NativeError(PermissionDenied("token may not issue tokens for tenants it cannot access"));
  }
  auto issued = ctx.tokens.Create(body->name, body->tenants, body->scopes);
  if (!issued.ok()) return NativeError(issued.status());
  codec::JsonWriter w;
  w.BeginObject();
  WriteCredentialInfo(issued->info, w);
  w.Key("token");
  w.String(issued->secret);
  w.EndObject();
  return Response::Json(201, w.Take());
}

Response List(ApiContext& ctx, Request& request) {
  auto admin = RequireAdmin(ctx, request);
  if (!admin.ok()) return NativeError(admin.status());
  return ListCredentials(*admin, ctx.tokens.List(), "tokens");
}

Response Revoke(ApiContext& ctx, Request& request) {
  auto admin = RequireAdmin(ctx, request);
  if (!admin.ok()) return NativeError(admin.status());
  std::string_view id = request.PathParam("id");
  return RevokeCredential(*admin, id, "token", ctx.tokens.List(),
                          [&] { return ctx.tokens.Revoke(id); });
}

}  // namespace

void AddTokenRoutes(Router& router, ApiContext& ctx) {
  router.Add("POST", "/v1/tokens", [&ctx](Request& r) { return Create(ctx, r); });
  router.Add("GET", "/v1/tokens", [&ctx](Request& r) { return List(ctx, r); });
  router.Add("DELETE", "/v1/tokens/{id}", [&ctx](Request& r) { return Revoke(ctx, r); });
}

}  // namespace trailkeep::api
