// The administration routes that /v1/tokens and /v1/access-keys share:
// create, list and revoke one kind of credential, each with the `admin`
// scope and confined to the tenants the admin token itself may access (an
// admin bound to some tenants could otherwise mint itself a way into another
// tenant's events).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/native/native_api.h"
#include "api/router.h"
#include "auth/token.h"
#include "base/status.h"

namespace trailkeep::api {

// The body of a create: {"name": optional string, "tenants": string or
// array of strings, "scopes": the same}.
struct CreateBody {
  std::string name;
  std::vector<std::string> tenants, scopes;
};

// The secret members of a newly created credential's answer, in order.
using SecretMembers = std::vector<std::pair<std::string, std::string>>;

struct CredentialRoutes {
  std::string path;    // e.g. "/v1/tokens"
  std::string member;  // the list's array member, e.g. "tokens"
  std::string noun;    // one credential in messages, e.g. "token"
  // Issues a credential; adds its secret members (shown once) to the answer.
  std::function<Result<auth::TokenInfo>(const CreateBody&, SecretMembers*)> create;
  std::function<Result<std::vector<auth::TokenInfo>>()> list;
  // Errors: kNotFound for an unknown id.
  std::function<Status(std::string_view id)> revoke;
};

// Registers, for one kind of credential:
// - POST path: 201 with the credential (id, name, tenants, scopes, created)
//   and its secret members; 403 for tenants the admin does not cover; 400
//   for a bad body.
// - GET path: 200 {"<member>": [credential...]}, those the admin covers.
// - DELETE path/{id}: 204; 404 for an unknown id or one the admin does not
//   cover (other tenants' ids are never confirmed).
// `ctx` must outlive the router.
void AddCredentialRoutes(Router& router, ApiContext& ctx, CredentialRoutes routes);

}  // namespace trailkeep::api
