// AccessKeyService: access key / secret key pairs (AK/SK) for clients that
// sign requests instead of sending a token (Huawei's SDK-HMAC-SHA256).
//
// Unlike a token secret, a secret key cannot be stored hashed: the server
// recomputes each request's HMAC with it, so the secret key is stored as is
// in the MetaStore. Anyone who can read the data directory can read it.
//
// MetaStore layout:
//   auth/ak/<access key id>  -> access key record (see access_keys.cc)
//
// Thread safety: all methods are safe to call concurrently.
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

// Length of an access key id: "TK" then 18 characters of [A-Z2-7].
inline constexpr size_t kAccessKeyIdLength = 20;
// Length of a secret key: 40 characters of [A-Za-z0-9].
inline constexpr size_t kSecretKeyLength = 40;

// An access key as stored: its grants and its secret key.
struct AccessKey {
  // Grants as for a token; `info.id` is the access key id.
  TokenInfo info;
  std::string secret_key;
};

class AccessKeyService {
 public:
  // `meta` and `clock` are not owned and must outlive the service.
  AccessKeyService(store::MetaStore& meta, const Clock& clock);

  AccessKeyService(const AccessKeyService&) = delete;
  AccessKeyService& operator=(const AccessKeyService&) = delete;

  // Issues a new access key bound to `tenants` and `scopes`, with the same
  // rules as TokenService::Create (valid tenant names or the single "*",
  // known scopes, duplicates dropped, name at most kMaxTokenNameBytes).
  // Errors: kInvalidArgument for bad tenants, scopes or name; kInternal when
  //         randomness fails; MetaStore errors as returned.
  Result<AccessKey> Create(std::string name, std::vector<std::string> tenants,
                           std::vector<std::string> scopes);

  // The access key `access_key_id`, including its secret key.
  // Errors: kUnauthenticated "unknown access key" when there is none;
  //         kInternal on a corrupt record; MetaStore errors as returned.
  Result<AccessKey> Find(std::string_view access_key_id);

  // Every access key, without its secret key, sorted by created_ms, then id.
  // Errors: kInternal on a corrupt stored record; MetaStore errors.
  Result<std::vector<TokenInfo>> List();

  // Revokes the access key `access_key_id`: from then on requests signed
  // with it fail as signed with an unknown key.
  // Errors: kNotFound when there is no such key; MetaStore errors.
  Status Revoke(std::string_view access_key_id);

 private:
  store::MetaStore& meta_;
  const Clock& clock_;
  std::mutex write_mu_;  // serializes Create and Revoke (id uniqueness check)
};

}  // namespace trailkeep::auth
