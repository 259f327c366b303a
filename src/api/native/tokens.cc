// POST/GET/DELETE /v1/tokens: token administration (scope `admin`).
#include "api/errors.h"
#include "api/native/native_api.h"
#include "api/request_auth.h"
#include "auth/access.h"
#include "base/time_format.h"
#include "codec/json_value.h"
#include "codec/json_writer.h"

namespace trailkeep::api {
namespace {

Status RequireAdmin(ApiContext& ctx, const Request& request) {
  TK_ASSIGN_OR_RETURN(auth::Principal p, AuthenticateRequest(request, ctx.tokens));
  return auth::RequireScope(p, "admin");
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
  if (Status s = RequireAdmin(ctx, request); !s.ok()) return NativeError(s);
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
  if (Status s = RequireAdmin(ctx, request); !s.ok()) return NativeError(s);
  auto tokens = ctx.tokens.List();
  if (!tokens.ok()) return NativeError(tokens.status());
  codec::JsonWriter w;
  w.BeginObject();
  w.Key("tokens");
  w.BeginArray();
  for (const auto& t : *tokens) {
    w.BeginObject();
    WriteInfo(t, w);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return Response::Json(200, w.Take());
}

Response Revoke(ApiContext& ctx, Request& request) {
  if (Status s = RequireAdmin(ctx, request); !s.ok()) return NativeError(s);
  Status s = ctx.tokens.Revoke(request.PathParam("id"));
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
