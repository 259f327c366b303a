// What /v1/tokens and /v1/access-keys share: the admin check, the tenant
// confinement rule, the request body of a create, and a credential's JSON.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/errors.h"
#include "api/http_message.h"
#include "api/native/native_api.h"
#include "api/router.h"
#include "auth/token.h"
#include "base/status.h"
#include "codec/json_writer.h"

namespace trailkeep::api {

// The caller, when its token has the `admin` scope.
// Errors: kUnauthenticated without valid credentials; kPermissionDenied
//         without the scope.
Result<auth::Principal> RequireAdmin(ApiContext& ctx, const Request& request);

// True when every tenant in `tenants` is one `admin` may access. Only an
// all-tenant admin covers "*". An admin bound to some tenants administers
// only credentials confined to them: otherwise it could mint itself a way
// into another tenant's events. Invalid names are left to the service's
// Create to refuse (400).
bool Covers(const auth::Principal& admin, const std::vector<std::string>& tenants);

// The body of a create: {"name": optional string, "tenants": string or
// array of strings, "scopes": the same}.
struct CreateBody {
  std::string name;
  std::vector<std::string> tenants, scopes;
};
// Errors: kInvalidArgument naming the field at fault.
Result<CreateBody> ParseCreateBody(const std::string& body);

// Writes the members id, name, tenants, scopes and created (ISO 8601) of `t`
// into the open object of `w`.
void WriteCredentialInfo(const auth::TokenInfo& t, codec::JsonWriter& w);

// The secret members of a newly created credential's answer, in order.
using SecretMembers = std::vector<std::pair<std::string, std::string>>;

// POST: parses the body, refuses (403) tenants `admin` does not cover, then
// `create`s; 201 with the credential's info and its secret members.
// `plural` names the credentials in the 403 message ("tokens").
Response CreateCredential(
    ApiContext& ctx, const Request& request, std::string_view plural,
    const std::function<Result<auth::TokenInfo>(const CreateBody&, SecretMembers*)>& create);

// GET: 200 {"<member>": [credential...]}, only those `admin` covers.
Response ListCredentials(const auth::Principal& admin,
                         const Result<std::vector<auth::TokenInfo>>& all, std::string_view member);

// DELETE: 204 after `revoke()` for credential `id`. A credential that
// exists but is not covered by `admin` answers 404 like an unknown id, so
// other tenants' ids are never confirmed. `noun` names the credential in
// that message ("token", "access key"). Errors of `revoke` (kNotFound: 404).
Response RevokeCredential(const auth::Principal& admin, std::string_view id, std::string_view noun,
                          const Result<std::vector<auth::TokenInfo>>& all,
                          const std::function<Status()>& revoke);

// Registers `GET path` (ListCredentials under `member`) and
// `DELETE path/{id}` (RevokeCredential) for `service`, a TokenService or an
// AccessKeyService (List() and Revoke(id) of the same shapes), both behind
// RequireAdmin. `service` must outlive the router.
template <typename Service>
void AddListAndRevokeRoutes(Router& router, ApiContext& ctx, Service& service,
                            const std::string& path, std::string member, std::string noun) {
  router.Add("GET", path, [&ctx, &service, member](Request& r) {
    auto admin = RequireAdmin(ctx, r);
    if (!admin.ok()) return NativeError(admin.status());
    return ListCredentials(*admin, service.List(), member);
  });
  router.Add("DELETE", path + "/{id}", [&ctx, &service, noun](Request& r) {
    auto admin = RequireAdmin(ctx, r);
    if (!admin.ok()) return NativeError(admin.status());
    std::string_view id = r.PathParam("id");
    return RevokeCredential(*admin, id, noun, service.List(), [&] { return service.Revoke(id); });
  });
}

}  // namespace trailkeep::api
