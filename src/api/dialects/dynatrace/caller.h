// Who is asking and for which environment, in Dynatrace's terms: the
// authentication, scope and environment checks every audit-log request runs
// first, with their errors already rendered as ErrorEnvelope responses.
//
// Thread safety: pure functions over the token service (itself thread-safe).
#pragma once

#include <optional>
#include <string_view>
#include <variant>

#include "api/http_message.h"
#include "auth/token.h"
#include "auth/token_service.h"
#include "model/types.h"

namespace trailkeep::api::dialects::dynatrace {

// Credentials: Authorization: Api-Token <t> (or Bearer, Basic, X-Auth-Token,
// as everywhere), else the deprecated query parameter Api-Token=<t>.
// Then the scope: auditLogs.read or environment-api:audit-logs:read (admin
// grants both).
//   no credentials  → 401 "Missing authorization parameter."
//   not a live token→ 401 "Token Authentication failed"
//   missing scope   → 403 "Token is missing required scope. Use one of:
//                          auditLogs.read (Read audit logs)"
std::variant<auth::Principal, Response> AuthorizeAuditLogRead(const Request& request,
                                                              auth::TokenService& tokens);

// The environment (tenant) of a request: the {environmentId} path segment
// when present (403 when the token may not access it, 404 when it is not a
// valid environment name); else the token's only tenant; else `fallback`
// (e.g. the tenant inside a nextPageKey) when the token allows it; else 400
// with a PATH violation on environmentId (the token spans several
// environments; there is no `tenant` parameter in this API).
std::variant<model::TenantId, Response> SelectEnvironment(
    const Request& request, const auth::Principal& principal,
    std::optional<std::string_view> fallback = std::nullopt);

}  // namespace trailkeep::api::dialects::dynatrace
