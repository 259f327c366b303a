// POST/GET/DELETE /v1/access-keys: administration of the AK/SK pairs that
// sign CodeArts requests (scope `admin`), confined to the tenants the admin
// token itself may access, as /v1/tokens is. Unlike a token's, an access
// key's secret key is kept on the server (signatures are verified with it);
// it is returned by POST only and never listed.
#include "api/native/credential_admin.h"
#include "api/native/native_api.h"

namespace trailkeep::api {

void AddAccessKeyRoutes(Router& router, ApiContext& ctx) {
  router.Add("POST", "/v1/access-keys", [&ctx](Request& r) {
    return CreateCredential(
        ctx, r, "access keys",
        [&ctx](const CreateBody& b, SecretMembers* secrets) -> Result<auth::TokenInfo> {
          TK_ASSIGN_OR_RETURN(auth::AccessKey key,
                              ctx.access_keys.Create(b.name, b.tenants, b.scopes));
          secrets->emplace_back("access_key", key.info.id);
          secrets->emplace_back("secret_key", key.secret_key);
          return key.info;
        });
  });
  AddListAndRevokeRoutes(router, ctx, ctx.access_keys, "/v1/access-keys", "access_keys",
                         "access key");
}

}  // namespace trailkeep::api
