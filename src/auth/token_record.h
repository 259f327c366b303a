// The stored form of a token: its TokenInfo plus the SHA-256 of its secret.
// Internal to auth/; only TokenService uses it.
//
// Format (version 1): the ASCII tag "tk-token-1" followed by fields, each a
// netstring "<decimal length>:<bytes>,":
//   hash_hex, id, name, created_ms, tenant count, tenants..., scope count,
//   scopes...
// Length prefixes make any bytes safe in any field.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "auth/token.h"
#include "base/status.h"

namespace trailkeep::auth {

struct TokenRecord {
  std::string hash_hex;  // lower-case hex SHA-256 of the secret
  TokenInfo info;

  friend bool operator==(const TokenRecord&, const TokenRecord&) = default;
};

std::string EncodeTokenRecord(const TokenRecord& record);

// Errors: kInternal "corrupt token record" when `bytes` is not a record that
// EncodeTokenRecord produced.
Result<TokenRecord> DecodeTokenRecord(std::string_view bytes);

}  // namespace trailkeep::auth
