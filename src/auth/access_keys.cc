#include "auth/access_keys.h"

#include <algorithm>
#include <charconv>
#include <optional>

#include "auth/credential_list.h"
#include "auth/scopes.h"
#include "auth/token_service.h"
#include "crypto/random.h"
#include "model/types.h"

namespace trailkeep::auth {
namespace {

constexpr std::string_view kKeyPrefix = "auth/ak/";
// Record: this tag, then netstrings "<len>:<bytes>," for secret key, id,
// name, created_ms, tenant count, tenants..., scope count, scopes...
constexpr std::string_view kTag = "tk-aksk-1";
constexpr std::string_view kIdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";  // 32: unbiased
constexpr std::string_view kSecretAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";  // 62
constexpr size_t kMaxListSize = 4096;
constexpr int kIdAttempts = 8;

std::string KeyFor(std::string_view id) { return std::string(kKeyPrefix) + std::string(id); }

// `n` characters drawn uniformly from `alphabet` (rejection sampling, so a
// 62-letter alphabet is not biased by the byte modulus).
Result<std::string> RandomString(std::string_view alphabet, size_t n) {
  const size_t limit = 256 - 256 % alphabet.size();
  std::string out;
  while (out.size() < n) {
    TK_ASSIGN_OR_RETURN(std::string raw, crypto::RandomBytes(2 * n));
    for (unsigned char c : raw) {
      if (out.size() == n) break;
      if (c < limit) out.push_back(alphabet[c % alphabet.size()]);
    }
  }
  return out;
}

std::vector<std::string> Dedupe(std::vector<std::string> in) {
  std::vector<std::string> out;
  for (std::string& s : in) {
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
  }
  return out;
}

Status Validate(const std::string& name, const std::vector<std::string>& tenants,
                const std::vector<std::string>& scopes) {
  if (name.size() > kMaxTokenNameBytes) return InvalidArgument("access key name too long");
  if (tenants.empty()) return InvalidArgument("an access key needs at least one tenant");
  for (const std::string& t : tenants) {
    if (t == kAllTenants ? tenants.size() > 1 : !model::IsValidTenantName(t)) {
      return InvalidArgument("invalid tenant '" + t +
                             "': 1..128 bytes of [A-Za-z0-9._:-], or '*' alone");
    }
  }
  if (scopes.empty()) return InvalidArgument("an access key needs at least one scope");
  for (const std::string& s : scopes) {
    if (!IsKnownScope(s)) return InvalidArgument("unknown scope '" + s + "'");
  }
  return Status::Ok();
}

void PutField(std::string& out, std::string_view field) {
  out.append(std::to_string(field.size())).append(":").append(field).append(",");
}

void PutList(std::string& out, const std::vector<std::string>& list) {
  PutField(out, std::to_string(list.size()));
  for (const std::string& s : list) PutField(out, s);
}

std::string Encode(const AccessKey& key) {
  std::string out(kTag);
  PutField(out, key.secret_key);
  PutField(out, key.info.id);
  PutField(out, key.info.name);
  PutField(out, std::to_string(key.info.created_ms));
  PutList(out, key.info.tenants);
  PutList(out, key.info.scopes);
  return out;
}

// Reads netstrings off the front of a record.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}

  bool String(std::string& out) {
    size_t colon = in_.find(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    size_t len = 0;
    auto [end, ec] = std::from_chars(in_.data(), in_.data() + colon, len);
    if (ec != std::errc() || end != in_.data() + colon) return false;
    if (len >= in_.size() - colon - 1 || in_[colon + 1 + len] != ',') return false;
    out.assign(in_.substr(colon + 1, len));
    in_.remove_prefix(colon + 2 + len);
    return true;
  }

  template <typename Int>
  bool Integer(Int& out) {
    std::string s;
    if (!String(s) || s.empty()) return false;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size();
  }

  bool List(std::vector<std::string>& out) {
    size_t n = 0;
    if (!Integer(n) || n > kMaxListSize) return false;
    out.resize(n);
    return std::all_of(out.begin(), out.end(), [this](std::string& s) { return String(s); });
  }

  bool Done() const { return in_.empty(); }

 private:
  std::string_view in_;
};

Result<AccessKey> Decode(std::string_view bytes) {
  if (!bytes.starts_with(kTag)) return Internal("corrupt access key record");
  Reader r(bytes.substr(kTag.size()));
  AccessKey key;
  bool ok = r.String(key.secret_key) && r.String(key.info.id) && r.String(key.info.name) &&
            r.Integer(key.info.created_ms) && r.List(key.info.tenants) && r.List(key.info.scopes) &&
            r.Done();
  if (!ok) return Internal("corrupt access key record");
  return key;
}

bool IsWellFormedId(std::string_view id) {
  return id.size() == kAccessKeyIdLength && id.starts_with("TK") &&
         id.find_first_not_of(kIdAlphabet) == std::string_view::npos;
}

}  // namespace

AccessKeyService::AccessKeyService(store::MetaStore& meta, const Clock& clock)
    : meta_(meta), clock_(clock) {}

Result<AccessKey> AccessKeyService::Create(std::string name, std::vector<std::string> tenants,
                                           std::vector<std::string> scopes) {
  tenants = Dedupe(std::move(tenants));
  scopes = Dedupe(std::move(scopes));
  TK_RETURN_IF_ERROR(Validate(name, tenants, scopes));
  AccessKey key;
  TK_ASSIGN_OR_RETURN(key.secret_key, RandomString(kSecretAlphabet, kSecretKeyLength));
  key.info.name = std::move(name);
  key.info.tenants = std::move(tenants);
  key.info.scopes = std::move(scopes);
  key.info.created_ms = clock_.NowMs();

  std::lock_guard<std::mutex> lock(write_mu_);
  for (int attempt = 0; attempt < kIdAttempts && key.info.id.empty(); ++attempt) {
    TK_ASSIGN_OR_RETURN(std::string suffix, RandomString(kIdAlphabet, kAccessKeyIdLength - 2));
    TK_ASSIGN_OR_RETURN(std::optional<std::string> existing, meta_.Get(KeyFor("TK" + suffix)));
    if (!existing) key.info.id = "TK" + suffix;
  }
  if (key.info.id.empty()) return Internal("could not allocate an unused access key id");
  TK_RETURN_IF_ERROR(meta_.Put(KeyFor(key.info.id), Encode(key)));
  return key;
}

Result<AccessKey> AccessKeyService::Find(std::string_view access_key_id) {
  // Checked first so arbitrary header bytes never reach a store key.
  if (!IsWellFormedId(access_key_id)) return Unauthenticated("unknown access key");
  TK_ASSIGN_OR_RETURN(std::optional<std::string> stored, meta_.Get(KeyFor(access_key_id)));
  if (!stored) return Unauthenticated("unknown access key");
  TK_ASSIGN_OR_RETURN(AccessKey key, Decode(*stored));
  if (key.info.id != access_key_id) return Internal("corrupt access key record");
  return key;
}

Result<std::vector<TokenInfo>> AccessKeyService::List() {
  return ListCredentials(meta_, kKeyPrefix, [](std::string_view record) -> Result<TokenInfo> {
    TK_ASSIGN_OR_RETURN(AccessKey key, Decode(record));
    return std::move(key.info);
  });
}

Status AccessKeyService::Revoke(std::string_view access_key_id) {
  const std::string unknown = "no access key with id '" + std::string(access_key_id) + "'";
  if (!IsWellFormedId(access_key_id)) return NotFound(unknown);
  std::lock_guard<std::mutex> lock(write_mu_);
  TK_ASSIGN_OR_RETURN(std::optional<std::string> stored, meta_.Get(KeyFor(access_key_id)));
  if (!stored) return NotFound(unknown);
  return meta_.Delete(KeyFor(access_key_id));
}

}  // namespace trailkeep::auth
