// POST/GET/DELETE /v1/tokens: token administration (scope `admin`), confined
// to the tenants the admin token itself may access.
#include "api/errors.h"
#include "api/native/native_api.h"
#include "api/request_auth.h"
#include "auth/access.h"
#include "base/time_format.h"
#include "codec/json_value.h"
#include "codec/json_writer.h"
#include "model/types.h"

namespace trailkeep::api {
namespace {

Result<auth::Principal> RequireAdmin(ApiContext& ctx, const Request& request) {
  TK_ASSIGN_OR_RETURN(auth::Principal p, AuthenticateRequest(request, ctx.tokens));
  TK_RETURN_IF_ERROR(auth::RequireScope(p, "admin"));
  return p;
}

// True when every tenant in `tenants` is one `admin` may access. Only an
// all-tenant admin covers "*". An admin bound to some tenants administers
// only tokens confined to them: otherwise it could mint itself a way into
// another tenant's events.
bool Covers(const auth::Principal& admin, const std::vector<std::string>& tenants) {
  for (const std::string& t : tenants) {
    // Invalid names are left to TokenService::Create to refuse (400).
    if (t != auth::kAllTenants && !model::IsValidTenantName(t)) continue;
    bool ok = t == auth::kAllTenants
                  ? admin.token.tenants.size() == 1 && admin.token.tenants[0] == auth::kAllTenants
                  : admin.AllowsTenant(t);
    if (!ok) return false;
  }
  return true;
}

void WriteInfo(const auth::TokenInfo& t, codec::JsonWriter& w) {
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

Response Create(ApiContext& ctx, Request& request) {
  auto admin = RequireAdmin(ctx, request);
  if (!admin.ok()) return NativeError(admin.status());
  auto body = codec::ParseJsonValue(request.body);
  if (!body.ok()) return NativeError(body.status());
  if (body->type != codec::JsonValue::Type::kObject) {
    return NativeError(InvalidArgument("body: must be a JSON object"));
  }
  std::string name;
  if (const auto* n = body->Find("name")) {
    if (n->type != codec::JsonValue::Type::kString) {
      return NativeError(InvalidArgument("name: must be a string"));
    }
    name = n->string;
  }
  auto tenants = StringList(*body, "tenants");
  if (!tenants.ok()) return NativeError(tenants.status());
  auto scopes = StringList(*body, "scopes");
  if (!scopes.ok()) return NativeError(scopes.status());
  if (!Covers(*admin, *tenants)) {
    return NativeError(PermissionDenied("token may not issue tokens for tenants it cannot access"));
  }
  auto issued = ctx.tokens.Create(name, *tenants, *scopes);
  if (!issued.ok()) return NativeError(issued.status());
  codec::JsonWriter w;
  w.BeginObject();
  WriteInfo(issued->info, w);
  w.Key("token");
  w.String(issued->secret);
  w.EndObject();
  return Response::Json(201, w.Take());
}

Response List(ApiContext& ctx, Request& request) {
  auto admin = RequireAdmin(ctx, request);
  if (!admin.ok()) return NativeError(admin.status());
  auto tokens = ctx.tokens.List();
  if (!tokens.ok()) return NativeError(tokens.status());
  codec::JsonWriter w;
  w.BeginObject();
  w.Key("tokens");
  w.BeginArray();
  for (const auto& t : *tokens) {
    if (!Covers(*admin, t.tenants)) continue;
    w.BeginObject();
    WriteInfo(t, w);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return Response::Json(200, w.Take());
}

Response Revoke(ApiContext& ctx, Request& request) {
  auto admin = RequireAdmin(ctx, request);
  if (!admin.ok()) return NativeError(admin.status());
  std::string_view id = request.PathParam("id");
  auto tokens = ctx.tokens.List();
  if (!tokens.ok()) return NativeError(tokens.status());
  for (const auto& t : *tokens) {
    // Answer as for an unknown id: do not confirm other tenants' token ids.
    if (t.id == id && !Covers(*admin, t.tenants)) {
      return NativeError(NotFound("no token with id '" + std::string(id) + "'"));
    }
  }
  Status s = ctx.tokens.Revoke(id);
  if (!s.ok()) return NativeError(s);
  Response r;
  r.status = 204;
  r.content_type = "application/json";
  return r;
}

}  // namespace

void AddTokenRoutes(Router& router, ApiContext& ctx) {
  router.Add("POST", "/v1/tokens", [&ctx](Request& r) { return Create(ctx, r); });
  router.Add("GET", "/v1/tokens", [&ctx](Request& r) { return List(ctx, r); });
  router.Add("DELETE", "/v1/tokens/{id}", [&ctx](Request& r) { return Revoke(ctx, r); });
}

}  // namespace trailkeep::api
