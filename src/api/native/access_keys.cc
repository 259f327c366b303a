// POST/GET/DELETE /v1/access-keys: administration of the AK/SK pairs that
// sign CodeArts requests (scope `admin`), confined to the tenants the admin
// token itself may access, as /v1/tokens is. Unlike a token's, an access
// key's secret key is kept on the server (signatures are verified with it);
// it is returned by POST only and never listed.
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
    return NativeError(
        PermissionDenied("token may not issue access keys for tenants it cannot access"));
  }
  auto key = ctx.access_keys.Create(body->name, body->tenants, body->scopes);
  if (!key.ok()) return NativeError(key.status());
  codec::JsonWriter w;
  w.BeginObject();
  WriteCredentialInfo(key->info, w);
  w.Key("access_key");
  w.String(key->info.id);
  w.Key("secret_key");
  w.String(key->secret_key);
  w.EndObject();
  return Response::Json(201, w.Take());
}

Response List(ApiContext& ctx, Request& request) {
  auto admin = RequireAdmin(ctx, request);
  if (!admin.ok()) return NativeError(admin.status());
  return ListCredentials(*admin, ctx.access_keys.List(), "access_keys");
}

Response Revoke(ApiContext& ctx, Request& request) {
  auto admin = RequireAdmin(ctx, request);
  if (!admin.ok()) return NativeError(admin.status());
  std::string_view id = request.PathParam("id");
  return RevokeCredential(*admin, id, "access key", ctx.access_keys.List(),
                          [&] { return ctx.access_keys.Revoke(id); });
}

}  // namespace

void AddAccessKeyRoutes(Router& router, ApiContext& ctx) {
  router.Add("POST", "/v1/access-keys", [&ctx](Request& r) { return Create(ctx, r); });
  router.Add("GET", "/v1/access-keys", [&ctx](Request& r) { return List(ctx, r); });
  router.Add("DELETE", "/v1/access-keys/{id}", [&ctx](Request& r) { return Revoke(ctx, r); });
}

}  // namespace trailkeep::api
