// POST/GET/DELETE /v1/access-keys: administration of the AK/SK pairs that
// sign CodeArts requests (scope `admin`), confined to the tenants the admin
// token itself may access, as /v1/tokens is (credential_admin.h). Unlike a
// token's, an access key's secret key is kept on the server (signatures are
// verified with it); it is returned by POST only and never listed.
#include "api/native/credential_admin.h"
#include "api/native/native_api.h"

namespace trailkeep::api {

void AddAccessKeyRoutes(Router& router, ApiContext& ctx) {
  auth::AccessKeyService& keys = ctx.access_keys;
  AddCredentialRoutes(
      router, ctx,
      {.path = "/v1/access-keys",
       .member = "access_keys",
       .noun = "access key",
       .create = [&keys](const CreateBody& b, SecretMembers* secrets) -> Result<auth::TokenInfo> {
         TK_ASSIGN_OR_RETURN(auth::AccessKey key, keys.Create(b.name, b.tenants, b.scopes));
         secrets->emplace_back("access_key", key.info.id);
         secrets->emplace_back("secret_key", key.secret_key);
         return key.info;
       },
       .list = [&keys] { return keys.List(); },
       .revoke = [&keys](std::string_view id) { return keys.Revoke(id); }});
}

}  // namespace trailkeep::api
