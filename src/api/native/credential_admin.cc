#include "api/native/credential_admin.h"

#include <memory>

#include "api/errors.h"
#include "api/request_auth.h"
#include "auth/access.h"
#include "base/time_format.h"
#include "codec/json_value.h"
#include "codec/json_writer.h"
#include "model/types.h"

namespace trailkeep::api {
namespace {

Result<std::vector<std::string>> StringList(const codec::JsonValue& body, std::string_view key) {
  const codec::JsonValue* v = body.Find(key);
  if (!v) return InvalidArgument(std::string(key) + ": required");
  if (v->type == codec::JsonValue::Type::kString) return std::vector<std::string>{v->string};
  if (v->type != codec::JsonValue::Type::kArray) {
    return InvalidArgument(std::string(key) + ": must be an array of strings");
  }
  std::vector<std::string> out;
  for (const auto& item : v->items) {
    if (item.type != codec::JsonValue::Type::kString) {
      return InvalidArgument(std::string(key) + ": must be an array of strings");
    }
    out.push_back(item.string);
  }
  return out;
}

// The caller, when its token has the `admin` scope.
Result<auth::Principal> RequireAdmin(ApiContext& ctx, const Request& request) {
  TK_ASSIGN_OR_RETURN(auth::Principal p, AuthenticateRequest(request, ctx.tokens));
  TK_RETURN_IF_ERROR(auth::RequireScope(p, "admin"));
  return p;
}

// True when every tenant in `tenants` is one `admin` may access. Only an
// all-tenant admin covers "*". Invalid names are left to the service's
// create to refuse (400).
bool Covers(const auth::Principal& admin, const std::vector<std::string>& tenants) {
  for (const std::string& t : tenants) {
    if (t != auth::kAllTenants && !model::IsValidTenantName(t)) continue;
    bool ok = t == auth::kAllTenants
                  ? admin.token.tenants.size() == 1 && admin.token.tenants[0] == auth::kAllTenants
                  : admin.AllowsTenant(t);
    if (!ok) return false;
  }
  return true;
}

Result<CreateBody> ParseCreateBody(const std::string& text) {
  TK_ASSIGN_OR_RETURN(codec::JsonValue body, codec::ParseJsonValue(text));
  if (body.type != codec::JsonValue::Type::kObject) {
    return InvalidArgument("body: must be a JSON object");
  }
  CreateBody out;
  if (const auto* n = body.Find("name")) {
    if (n->type != codec::JsonValue::Type::kString)
      return InvalidArgument("name: must be a string");
    out.name = n->string;
  }
  TK_ASSIGN_OR_RETURN(out.tenants, StringList(body, "tenants"));
  TK_ASSIGN_OR_RETURN(out.scopes, StringList(body, "scopes"));
  return out;
}

// Writes the members of `t` into the open object of `w`.
void WriteCredentialInfo(const auth::TokenInfo& t, codec::JsonWriter& w) {
  w.Key("id");
  w.String(t.id);
  w.Key("name");
  w.String(t.name);
  w.Key("tenants");
  w.BeginArray();
  for (const auto& s : t.tenants) w.String(s);
  w.EndArray();
  w.Key("scopes");
  w.BeginArray();
  for (const auto& s : t.scopes) w.String(s);
  w.EndArray();
  w.Key("created");
  w.String(FormatIsoMs(t.created_ms));
}

Response Create(ApiContext& ctx, const CredentialRoutes& c, const Request& request) {
  auto admin = RequireAdmin(ctx, request);
  if (!admin.ok()) return NativeError(admin.status());
  auto body = ParseCreateBody(request.body);
  if (!body.ok()) return NativeError(body.status());
  if (!Covers(*admin, body->tenants)) {
    return NativeError(
        PermissionDenied("token may not issue " + c.noun + "s for tenants it cannot access"));
  }
  SecretMembers secrets;
  auto info = c.create(*body, &secrets);
  if (!info.ok()) return NativeError(info.status());
  codec::JsonWriter w;
  w.BeginObject();
  WriteCredentialInfo(*info, w);
  for (const auto& [key, value] : secrets) {
    w.Key(key);
    w.String(value);
  }
  w.EndObject();
  return Response::Json(201, w.Take());
}

Response List(ApiContext& ctx, const CredentialRoutes& c, const Request& request) {
  auto admin = RequireAdmin(ctx, request);
  if (!admin.ok()) return NativeError(admin.status());
  auto all = c.list();
  if (!all.ok()) return NativeError(all.status());
  codec::JsonWriter w;
  w.BeginObject();
  w.Key(c.member);
  w.BeginArray();
  for (const auto& t : *all) {
    if (!Covers(*admin, t.tenants)) continue;
    w.BeginObject();
    WriteCredentialInfo(t, w);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return Response::Json(200, w.Take());
}

Response Revoke(ApiContext& ctx, const CredentialRoutes& c, const Request& request) {
  auto admin = RequireAdmin(ctx, request);
  if (!admin.ok()) return NativeError(admin.status());
  std::string_view id = request.PathParam("id");
  auto all = c.list();
  if (!all.ok()) return NativeError(all.status());
  for (const auto& t : *all) {
    // Answer as for an unknown id: do not confirm other tenants' ids.
    if (t.id == id && !Covers(*admin, t.tenants)) {
      return NativeError(NotFound("no " + c.noun + " with id '" + std::string(id) + "'"));
    }
  }
  Status s = c.revoke(id);
  if (!s.ok()) return NativeError(s);
  Response r;
  r.status = 204;
  r.content_type = "application/json";
  return r;
}

}  // namespace

void AddCredentialRoutes(Router& router, ApiContext& ctx, CredentialRoutes routes) {
  auto c = std::make_shared<const CredentialRoutes>(std::move(routes));
  router.Add("POST", c->path, [&ctx, c](Request& r) { return Create(ctx, *c, r); });
  router.Add("GET", c->path, [&ctx, c](Request& r) { return List(ctx, *c, r); });
  router.Add("DELETE", c->path + "/{id}", [&ctx, c](Request& r) { return Revoke(ctx, *c, r); });
}

}  // namespace trailkeep::api
