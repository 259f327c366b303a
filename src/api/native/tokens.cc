// POST/GET/DELETE /v1/tokens: token administration (scope `admin`), confined
// to the tenants the admin token itself may access.
#include "api/native/credential_admin.h"
#include "api/native/native_api.h"

namespace trailkeep::api {

void AddTokenRoutes(Router& router, ApiContext& ctx) {
  router.Add("POST", "/v1/tokens", [&ctx](Request& r) {
    return CreateCredential(
        ctx, r, "tokens",
        [&ctx](const CreateBody& b, SecretMembers* secrets) -> Result<auth::TokenInfo> {
          TK_ASSIGN_OR_RETURN(auth::IssuedToken issued,
                              ctx.tokens.Create(b.name, b.tenants, b.scopes));
          secrets->emplace_back("token", issued.secret);
          return issued.info;
        });
  });
  AddListAndRevokeRoutes(router, ctx, ctx.tokens, "/v1/tokens", "tokens", "token");
}

}  // namespace trailkeep::api
