#include "api/native/credential_admin.h"

#include "api/errors.h"
#include "api/request_auth.h"
#include "auth/access.h"
#include "base/time_format.h"
#include "codec/json_value.h"
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

}  // namespace

Result<auth::Principal> RequireAdmin(ApiContext& ctx, const Request& request) {
  TK_ASSIGN_OR_RETURN(auth::Principal p, AuthenticateRequest(request, ctx.tokens));
  TK_RETURN_IF_ERROR(auth::RequireScope(p, "admin"));
  return p;
}

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

Response CreateCredential(
    ApiContext& ctx, const Request& request, std::string_view plural,
    const std::function<Result<auth::TokenInfo>(const CreateBody&, SecretMembers*)>& create) {
  auto admin = RequireAdmin(ctx, request);
  if (!admin.ok()) return NativeError(admin.status());
  auto body = ParseCreateBody(request.body);
  if (!body.ok()) return NativeError(body.status());
  if (!Covers(*admin, body->tenants)) {
    return NativeError(PermissionDenied("token may not issue " + std::string(plural) +
                                        " for tenants it cannot access"));
  }
  SecretMembers secrets;
  auto info = create(*body, &secrets);
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

Response ListCredentials(const auth::Principal& admin,
                         const Result<std::vector<auth::TokenInfo>>& all, std::string_view member) {
  if (!all.ok()) return NativeError(all.status());
  codec::JsonWriter w;
  w.BeginObject();
  w.Key(member);
  w.BeginArray();
  for (const auto& t : *all) {
    if (!Covers(admin, t.tenants)) continue;
    w.BeginObject();
    WriteCredentialInfo(t, w);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return Response::Json(200, w.Take());
}

Response RevokeCredential(const auth::Principal& admin, std::string_view id, std::string_view noun,
                          const Result<std::vector<auth::TokenInfo>>& all,
                          const std::function<Status()>& revoke) {
  if (!all.ok()) return NativeError(all.status());
  for (const auto& t : *all) {
    if (t.id == id && !Covers(admin, t.tenants)) {
      return NativeError(
          NotFound("no " + std::string(noun) + " with id '" + std::string(id) + "'"));
    }
  }
  Status s = revoke();
  if (!s.ok()) return NativeError(s);
  Response r;
  r.status = 204;
  r.content_type = "application/json";
  return r;
}

}  // namespace trailkeep::api
