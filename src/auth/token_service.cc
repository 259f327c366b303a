#include "auth/token_service.h"

#include <algorithm>
#include <optional>

#include "auth/credential_list.h"
#include "auth/scopes.h"
#include "auth/token_record.h"
#include "crypto/base64.h"
#include "crypto/compare.h"
#include "crypto/hex.h"
#include "crypto/random.h"
#include "crypto/sha256.h"
#include "model/types.h"

namespace trailkeep::auth {
namespace {

constexpr std::string_view kHashPrefix = "auth/h/";
constexpr std::string_view kIdPrefix = "auth/i/";
constexpr size_t kSecretRandomBytes = 32;  // 256 bits
constexpr size_t kIdRandomBytes = 6;       // 12 hex characters
constexpr int kIdAttempts = 8;

std::string HashKey(std::string_view hash_hex) {
  return std::string(kHashPrefix) + std::string(hash_hex);
}
std::string IdKey(std::string_view id) { return std::string(kIdPrefix) + std::string(id); }

std::string SecretHashHex(std::string_view secret) {
  return crypto::HexEncode(crypto::Sha256(secret));
}

bool IsWellFormedId(std::string_view id) {
  return id.size() == kIdRandomBytes * 2 && std::all_of(id.begin(), id.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// Drops later duplicates, keeping first-seen order.
std::vector<std::string> Dedupe(std::vector<std::string> in) {
  std::vector<std::string> out;
  out.reserve(in.size());
  for (std::string& s : in) {
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
  }
  return out;
}

Status ValidateTenants(const std::vector<std::string>& tenants) {
  if (tenants.empty()) return InvalidArgument("a token needs at least one tenant");
  for (const std::string& t : tenants) {
    if (t == kAllTenants) {
      if (tenants.size() > 1) {
        return InvalidArgument("tenant '*' (all tenants) cannot be combined with other tenants");
      }
    } else if (!model::IsValidTenantName(t)) {
      return InvalidArgument("invalid tenant name '" + t +
                             "': 1..128 bytes of [A-Za-z0-9._:-], or '*'");
    }
  }
  return Status::Ok();
}

Status ValidateScopes(const std::vector<std::string>& scopes) {
  if (scopes.empty()) return InvalidArgument("a token needs at least one scope");
  for (const std::string& s : scopes) {
    if (!IsKnownScope(s)) return InvalidArgument("unknown scope '" + s + "'");
  }
  return Status::Ok();
}

}  // namespace

TokenService::TokenService(store::MetaStore& meta, const Clock& clock)
    : meta_(meta), clock_(clock) {}

Result<std::string> TokenService::NewUnusedId() {
  for (int attempt = 0; attempt < kIdAttempts; ++attempt) {
    TK_ASSIGN_OR_RETURN(std::string raw, crypto::RandomBytes(kIdRandomBytes));
    std::string id = crypto::HexEncode(raw);
    TK_ASSIGN_OR_RETURN(std::optional<std::string> existing, meta_.Get(IdKey(id)));
    if (!existing) return id;
  }
  return Internal("could not allocate an unused token id");
}

Result<IssuedToken> TokenService::Create(std::string name, std::vector<std::string> tenants,
                                         std::vector<std::string> scopes) {
  if (name.size() > kMaxTokenNameBytes) {
    return InvalidArgument("token name longer than " + std::to_string(kMaxTokenNameBytes) +
                           " bytes");
  }
  tenants = Dedupe(std::move(tenants));
  scopes = Dedupe(std::move(scopes));
  TK_RETURN_IF_ERROR(ValidateTenants(tenants));
  TK_RETURN_IF_ERROR(ValidateScopes(scopes));

  TK_ASSIGN_OR_RETURN(std::string raw, crypto::RandomBytes(kSecretRandomBytes));
  IssuedToken issued;
  issued.secret = std::string(kSecretPrefix) + crypto::Base64UrlEncode(raw);

  TokenRecord record;
  record.hash_hex = SecretHashHex(issued.secret);
  record.info.name = std::move(name);
  record.info.tenants = std::move(tenants);
  record.info.scopes = std::move(scopes);
  record.info.created_ms = clock_.NowMs();

  std::lock_guard<std::mutex> lock(write_mu_);
  TK_ASSIGN_OR_RETURN(record.info.id, NewUnusedId());
  // Index first: if the second Put fails, no token exists that Revoke
  // cannot find.
  TK_RETURN_IF_ERROR(meta_.Put(IdKey(record.info.id), record.hash_hex));
  TK_RETURN_IF_ERROR(meta_.Put(HashKey(record.hash_hex), EncodeTokenRecord(record)));
  issued.info = std::move(record.info);
  return issued;
}

Result<std::vector<TokenInfo>> TokenService::List() {
  return ListCredentials(meta_, kHashPrefix, [](std::string_view record) -> Result<TokenInfo> {
    TK_ASSIGN_OR_RETURN(TokenRecord rec, DecodeTokenRecord(record));
    return std::move(rec.info);
  });
}

Status TokenService::Revoke(std::string_view id) {
  if (!IsWellFormedId(id)) return NotFound("no such token");
  std::lock_guard<std::mutex> lock(write_mu_);
  TK_ASSIGN_OR_RETURN(std::optional<std::string> hash_hex, meta_.Get(IdKey(id)));
  if (!hash_hex) return NotFound("no token with id '" + std::string(id) + "'");
  // Record first: from this point the secret no longer authenticates.
  TK_RETURN_IF_ERROR(meta_.Delete(HashKey(*hash_hex)));
  return meta_.Delete(IdKey(id));
}

Result<Principal> TokenService::Authenticate(std::string_view secret) {
  if (secret.empty()) return Unauthenticated("invalid token");
  std::string hash_hex = SecretHashHex(secret);
  TK_ASSIGN_OR_RETURN(std::optional<std::string> stored, meta_.Get(HashKey(hash_hex)));
  if (!stored) return Unauthenticated("invalid token");
  TK_ASSIGN_OR_RETURN(TokenRecord record, DecodeTokenRecord(*stored));
  // The key lookup already matched; comparing the stored hash too guards
  // against a record filed under the wrong key, without a timing leak.
  if (!crypto::ConstantTimeEquals(record.hash_hex, hash_hex)) {
    return Unauthenticated("invalid token");
  }
  return Principal{std::move(record.info)};
}

}  // namespace trailkeep::auth
