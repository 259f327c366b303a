#include "api/request_auth.h"

#include "auth/access.h"
#include "auth/credentials.h"

namespace trailkeep::api {

Result<auth::Principal> AuthenticateRequest(const Request& request, auth::TokenService& tokens) {
  auto secret = auth::ExtractSecret(request.Header("Authorization"), request.Header("X-Auth-Token"));
  if (!secret) return Unauthenticated("missing credentials: send Authorization: Bearer <token>");
  return tokens.Authenticate(*secret);
}

Result<model::TenantId> NativeTenant(const Request& request, const auth::Principal& principal) {
  std::optional<std::string_view> requested = request.Param("tenant");
  if (!requested && !request.Header("X-Trailkeep-Tenant").empty()) {
    requested = request.Header("X-Trailkeep-Tenant");
  }
  return auth::SelectTenant(principal, requested);
}

Result<Caller> AuthorizeNative(const Request& request, auth::TokenService& tokens,
                               std::string_view scope) {
  TK_ASSIGN_OR_RETURN(auth::Principal principal, AuthenticateRequest(request, tokens));
  TK_RETURN_IF_ERROR(auth::RequireScope(principal, scope));
  TK_ASSIGN_OR_RETURN(model::TenantId tenant, NativeTenant(request, principal));
  return Caller{std::move(principal), std::move(tenant)};
}

}  // namespace trailkeep::api
