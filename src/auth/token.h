// Tokens and the principal a request acts as.
//
// Thread safety: values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace trailkeep::auth {

// What is known about an issued token. Never holds the secret.
struct TokenInfo {
  std::string id;    // 12 lower-case hex characters, unique
  std::string name;  // free text chosen at creation
  // Tenants the token may access; the single entry "*" means every tenant.
  std::vector<std::string> tenants;
  std::vector<std::string> scopes;  // each a known scope (see scopes.h)
  int64_t created_ms = 0;           // creation time, ms since the Unix epoch

  friend bool operator==(const TokenInfo&, const TokenInfo&) = default;
};

// The wildcard tenant entry.
inline constexpr std::string_view kAllTenants = "*";

// An authenticated caller.
struct Principal {
  TokenInfo token;

  // True when one of the token's scopes grants `scope` ("admin" grants all).
  bool HasScope(std::string_view scope) const;
  // True when `tenant` is a valid tenant name and the token lists it or "*".
  // Never true for an invalid name, including a literal "*".
  bool AllowsTenant(std::string_view tenant) const;
};

}  // namespace trailkeep::auth
