// POST/GET/DELETE /v1/tokens: token administration (scope `admin`), confined
// to the tenants the admin token itself may access (credential_admin.h).
#include "api/native/credential_admin.h"
#include "api/native/native_api.h"

namespace trailkeep::api {

void AddTokenRoutes(Router& router, ApiContext& ctx) {
  auth::TokenService& tokens = ctx.tokens;
  AddCredentialRoutes(
      router, ctx,
      {.path = "/v1/tokens",
       .member = "tokens",
       .noun = "token",
       .create = [&tokens](const CreateBody& b, SecretMembers* secrets) -> Result<auth::TokenInfo> {
         TK_ASSIGN_OR_RETURN(auth::IssuedToken issued, tokens.Create(b.name, b.tenants, b.scopes));
         secrets->emplace_back("token", issued.secret);
         return issued.info;
       },
       .list = [&tokens] { return tokens.List(); },
       .revoke = [&tokens](std::string_view id) { return tokens.Revoke(id); }});
}

}  // namespace trailkeep::api
