// TokenService: issues, lists, revokes and checks API tokens.
//
// A token is a random 256-bit secret shown once at creation. Only the SHA-256
// of the secret is stored, so a leaked MetaStore does not leak usable tokens.
//
// MetaStore layout (all keys under "auth/"):
//   auth/h/<hex sha256 of secret>  -> token record (token_record.h)
//   auth/i/<token id>              -> hex sha256 of secret (index for Revoke)
// The "auth/h/" entries are the source of truth: a token authenticates and is
// listed exactly when its "auth/h/" entry exists. Create writes the index
// first and Revoke deletes the record first, so an interrupted operation can
// leave only a harmless index entry, never an unrevocable token.
//
// Thread safety: all methods are safe to call concurrently. Create and Revoke
// serialize among themselves within one service; Authenticate and List do not
// block on them.
#pragma once

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "auth/token.h"
#include "base/clock.h"
#include "base/status.h"
#include "store/meta_store.h"

namespace trailkeep::auth {

// The prefix of every secret: "tk_" then 43 base64url characters.
inline constexpr std::string_view kSecretPrefix = "tk_";
// Longest accepted token name, in bytes.
inline constexpr size_t kMaxTokenNameBytes = 256;

struct IssuedToken {
  TokenInfo info;
  std::string secret;  // shown to the user once; not recoverable later
};

class TokenService {
 public:
  // `meta` and `clock` are not owned and must outlive the service.
  TokenService(store::MetaStore& meta, const Clock& clock);

  TokenService(const TokenService&) = delete;
  TokenService& operator=(const TokenService&) = delete;

  // Issues a new token. `tenants` entries are valid tenant names
  // (model::IsValidTenantName) or the single entry "*" (all tenants);
  // `scopes` entries are known scopes. Duplicates are dropped, order kept.
  // Errors: kInvalidArgument when tenants or scopes are empty or hold an
  //         invalid entry, "*" is combined with other tenants, or the name is
  //         longer than kMaxTokenNameBytes;
  //         kInternal when randomness fails; MetaStore errors as returned.
  Result<IssuedToken> Create(std::string name, std::vector<std::string> tenants,
                             std::vector<std::string> scopes);

  // Every live token, sorted by created_ms, then id.
  // Errors: kInternal on a corrupt stored record; MetaStore errors.
  Result<std::vector<TokenInfo>> List();

  // Revokes the token with `id`. The next Authenticate with its secret fails.
  // Errors: kNotFound when no token has that id; MetaStore errors.
  Status Revoke(std::string_view id);

  // The principal that `secret` (as issued by Create) acts as.
  // Errors: kUnauthenticated "invalid token" when the secret is unknown or
  //         revoked; kInternal on a corrupt record; MetaStore errors (e.g.
  //         kUnavailable) as returned, so an outage is not reported as 401.
  Result<Principal> Authenticate(std::string_view secret);

 private:
  Result<std::string> NewUnusedId();

  store::MetaStore& meta_;
  const Clock& clock_;
  std::mutex write_mu_;  // serializes Create and Revoke (id uniqueness check)
};

}  // namespace trailkeep::auth
