#include "crypto/sha256.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <climits>
#include <cstdlib>

namespace trailkeep::crypto {

Digest Sha256(std::string_view data) {
  Digest out;
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), out.data(), &len, EVP_sha256(), nullptr) != 1 ||
      len != out.size()) {
    std::abort();
  }
  return out;
}

Digest HmacSha256(std::string_view key, std::string_view data) {
  // HMAC replaces a key longer than the block size by its hash (RFC 2104), so
  // doing that here for keys too long for OpenSSL's int length is equivalent.
  if (key.size() > static_cast<size_t>(INT_MAX)) {
    Digest hashed = Sha256(key);
    return HmacSha256(DigestBytes(hashed), data);
  }
  Digest out;
  unsigned int len = 0;
  // HMAC() with a null key pointer means "no key" to OpenSSL; pass a valid
  // pointer even for an empty key so that the empty key is used.
  static const unsigned char kEmpty = 0;
  const void* key_ptr = key.empty() ? static_cast<const void*>(&kEmpty) : key.data();
  if (HMAC(EVP_sha256(), key_ptr, static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(data.data()), data.size(), out.data(),
           &len) == nullptr ||
      len != out.size()) {
    std::abort();
  }
  return out;
}

}  // namespace trailkeep::crypto
