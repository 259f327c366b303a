#include "api/dialects/dynatrace/caller.h"

#include "api/dialects/dynatrace/error_envelope.h"
#include "api/errors.h"
#include "auth/credentials.h"
#include "auth/scopes.h"

namespace trailkeep::api::dialects::dynatrace {

std::variant<auth::Principal, Response> AuthorizeAuditLogRead(const Request& request,
                                                              auth::TokenService& tokens) {
  std::optional<std::string> secret =
      auth::ExtractSecret(request.Header("Authorization"), request.Header("X-Auth-Token"));
  if (!secret) {
    if (auto param = request.Param("Api-Token"); param && !param->empty()) {
      secret = std::string(*param);
    }
  }
  if (!secret) {
    Response r = ErrorResponse(401, "Missing authorization parameter.");
    r.headers.emplace_back("WWW-Authenticate", "Api-Token");
    return r;
  }
  auto principal = tokens.Authenticate(*secret);
  if (!principal.ok()) {
    if (principal.status().code() != StatusCode::kUnauthenticated) {
      return ErrorResponse(HttpStatusFor(principal.status().code()), principal.status().message());
    }
    Response r = ErrorResponse(401, "Token Authentication failed");
    r.headers.emplace_back("WWW-Authenticate", "Api-Token");
    return r;
  }
  if (!principal->HasScope(auth::kScopeDynatraceAuditLogsRead) &&
      !principal->HasScope(auth::kScopeDynatracePlatformAuditLogsRead)) {
    return ErrorResponse(403,
                         "Token is missing required scope. Use one of: auditLogs.read (Read audit "
                         "logs)");
  }
  return std::move(principal).value();
}

std::variant<model::TenantId, Response> SelectEnvironment(
    const Request& request, const auth::Principal& principal,
    std::optional<std::string_view> fallback) {
  std::string_view path_env = request.PathParam("environmentId");
  if (!path_env.empty()) {
    if (!model::IsValidTenantName(path_env)) return ErrorResponse(404, "Environment not found");
    if (!principal.AllowsTenant(path_env)) {
      return ErrorResponse(403, "Token is not valid for environment '" + std::string(path_env) +
                                    "'");
    }
    return model::TenantId{std::string(path_env)};
  }
  const auto& tenants = principal.token.tenants;
  if (tenants.size() == 1 && principal.AllowsTenant(tenants[0])) {
    return model::TenantId{tenants[0]};
  }
  if (fallback && principal.AllowsTenant(*fallback)) return model::TenantId{std::string(*fallback)};
  return ViolationsResponse({{"environmentId",
                              "required: the token is valid for several environments; call "
                              "/e/{environmentId}/api/v2/auditlogs",
                              "PATH"}});
}

}  // namespace trailkeep::api::dialects::dynatrace
