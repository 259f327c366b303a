#include "api/dialects/dynatrace/page_key.h"

#include "crypto/base64.h"
#include "crypto/compare.h"
#include "crypto/hex.h"
#include "crypto/random.h"
#include "crypto/sha256.h"

namespace trailkeep::api::dialects::dynatrace {
namespace {

constexpr uint8_t kVersion = 1;
constexpr size_t kTagBytes = 16;
constexpr uint8_t kOldestFirst = 1;  // flag bits
constexpr uint8_t kUserById = 2;
constexpr std::string_view kDomain = "trailkeep/dynatrace/nextPageKey/v1";
constexpr std::string_view kSecretKey = "dialect/dynatrace/page-key-secret";

void PutU64(std::string* out, uint64_t v) {
  for (int i = 7; i >= 0; --i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
void PutU32(std::string* out, uint32_t v) {
  for (int i = 3; i >= 0; --i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
void PutBytes(std::string* out, std::string_view s) {
  PutU32(out, static_cast<uint32_t>(s.size()));
  out->append(s);
}

// Reads fixed-size fields off the front of a payload; `ok` turns false on
// any overrun and stays false.
struct Reader {
  std::string_view rest;
  bool ok = true;

  uint64_t U(size_t n) {
    if (rest.size() < n) {
      ok = false;
      return 0;
    }
    uint64_t v = 0;
    for (size_t i = 0; i < n; ++i) v = (v << 8) | static_cast<uint8_t>(rest[i]);
    rest.remove_prefix(n);
    return v;
  }
  std::string Bytes() {
    uint64_t n = U(4);
    if (!ok || rest.size() < n) {
      ok = false;
      return {};
    }
    std::string s(rest.substr(0, n));
    rest.remove_prefix(n);
    return s;
  }
};

std::string Tag(std::string_view secret, std::string_view payload) {
  std::string data(kDomain);
  data.append(payload);
  crypto::Digest mac = crypto::HmacSha256(secret, data);
  return std::string(crypto::DigestBytes(mac).substr(0, kTagBytes));
}

}  // namespace

std::string PageKeyCodec::Encode(const PageKey& key) const {
  std::string payload;
  payload.push_back(static_cast<char>(kVersion));
  PutU64(&payload, key.max_id);
  PutU64(&payload, static_cast<uint64_t>(key.from_ms));
  PutU64(&payload, static_cast<uint64_t>(key.to_ms));
  PutU32(&payload, key.page_size);
  payload.push_back(static_cast<char>((key.oldest_first ? kOldestFirst : 0) |
                                      (key.user_by_id ? kUserById : 0)));
  PutU64(&payload, key.total);
  PutU64(&payload, static_cast<uint64_t>(key.last_time_ms));
  PutU64(&payload, key.last_id);
  PutBytes(&payload, key.tenant);
  PutBytes(&payload, key.filter_text);
  payload.append(Tag(secret_, payload));
  return crypto::Base64UrlEncode(payload);
}

Result<PageKey> PageKeyCodec::Decode(std::string_view text) const {
  auto bytes = crypto::Base64UrlDecode(text);
  if (!bytes.ok() || bytes->size() <= kTagBytes) return InvalidArgument("malformed nextPageKey");
  std::string_view payload = std::string_view(*bytes).substr(0, bytes->size() - kTagBytes);
  std::string_view tag = std::string_view(*bytes).substr(bytes->size() - kTagBytes);
  if (!crypto::ConstantTimeEquals(tag, Tag(secret_, payload))) {
    return InvalidArgument("nextPageKey was not issued by this server or was altered");
  }
  Reader r{payload};
  PageKey key;
  if (r.U(1) != kVersion) return InvalidArgument("unsupported nextPageKey version");
  key.max_id = r.U(8);
  key.from_ms = static_cast<int64_t>(r.U(8));
  key.to_ms = static_cast<int64_t>(r.U(8));
  key.page_size = static_cast<uint32_t>(r.U(4));
  const uint64_t flags = r.U(1);
  key.oldest_first = (flags & kOldestFirst) != 0;
  key.user_by_id = (flags & kUserById) != 0;
  if ((flags & ~uint64_t{kOldestFirst | kUserById}) != 0) return InvalidArgument("malformed nextPageKey");
  key.total = r.U(8);
  key.last_time_ms = static_cast<int64_t>(r.U(8));
  key.last_id = r.U(8);
  key.tenant = r.Bytes();
  key.filter_text = r.Bytes();
  if (!r.ok || !r.rest.empty()) return InvalidArgument("malformed nextPageKey");
  return key;
}

Result<std::string> LoadOrCreatePageKeySecret(store::MetaStore& meta) {
  // Stored as hex so that every MetaStore backend keeps it as text.
  TK_ASSIGN_OR_RETURN(auto existing, meta.Get(kSecretKey));
  if (existing && !existing->empty()) return crypto::HexDecode(*existing);
  TK_ASSIGN_OR_RETURN(std::string secret, crypto::RandomBytes(32));
  TK_RETURN_IF_ERROR(meta.Put(kSecretKey, crypto::HexEncode(secret)));
  // Another node may have raced us; whatever the store kept is the secret.
  TK_ASSIGN_OR_RETURN(auto stored, meta.Get(kSecretKey));
  if (stored && !stored->empty()) return crypto::HexDecode(*stored);
  return secret;
}

}  // namespace trailkeep::api::dialects::dynatrace
