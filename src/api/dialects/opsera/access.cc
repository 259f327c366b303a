#include "api/dialects/opsera/access.h"

#include <array>
#include <string>

#include "api/errors.h"
#include "api/request_auth.h"
#include "auth/scopes.h"
#include "codec/json_writer.h"

namespace trailkeep::api::dialects::opsera {
namespace {

constexpr std::array<std::string_view, 2> kV1Scopes = {auth::kScopeOpseraApi,
                                                       auth::kScopeOpseraSecurityLogs};
constexpr std::array<std::string_view, 3> kV2Scopes = {
    auth::kScopeOpseraApi, auth::kScopeOpseraApiRead, auth::kScopeOpseraSecurityLogs};
constexpr std::array<std::string_view, 2> kV1Roles = {auth::kScopeOpseraRoleSiteAdmin,
                                                      auth::kScopeOpseraRolePowerUser};
constexpr std::array<std::string_view, 5> kV2Roles = {
    auth::kScopeOpseraRoleSiteAdmin, auth::kScopeOpseraRolePowerUser,
    auth::kScopeOpseraRoleAdministrator, auth::kScopeOpseraRoleAuditor,
    auth::kScopeOpseraRoleSecurityManager};

bool HoldsAny(const auth::Principal& p, std::span<const std::string_view> wanted) {
  for (std::string_view s : wanted) {
    if (p.HasScope(s)) return true;
  }
  return false;
}

std::string Join(std::span<const std::string_view> names) {
  std::string out;
  for (std::string_view n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

}  // namespace

const RouteAccess& V1Access() {
  static const RouteAccess access{kV1Scopes, kV1Roles};
  return access;
}

const RouteAccess& V2Access() {
  static const RouteAccess access{kV2Scopes, kV2Roles};
  return access;
}

Result<model::TenantId> AuthorizeOpsera(const Request& request, auth::TokenService& tokens,
                                        const RouteAccess& access) {
  auto principal = AuthenticateRequest(request, tokens);
  if (!principal.ok()) {
    if (principal.status().code() != StatusCode::kUnauthenticated) return principal.status();
    return Unauthenticated("Unauthorized - Authentication failed");
  }
  if (!HoldsAny(*principal, access.scopes)) {
    return PermissionDenied("Access denied: the token needs one of the scopes " +
                            Join(access.scopes));
  }
  if (!HoldsAny(*principal, access.roles)) {
    return PermissionDenied("Access denied: this route is limited to the roles " +
                            Join(access.roles));
  }
  return NativeTenant(request, *principal);
}

Response OpseraError(const Status& status) {
  int http = status.code() == StatusCode::kFailedPrecondition ? 422 : HttpStatusFor(status.code());
  codec::JsonWriter w;
  w.BeginObject();
  w.Key("message");
  w.String(status.message());
  w.EndObject();
  return Response::Json(http, w.Take());
}

}  // namespace trailkeep::api::dialects::opsera
