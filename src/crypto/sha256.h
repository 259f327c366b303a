// SHA-256 and HMAC-SHA-256 (FIPS 180-4, RFC 2104).
//
// The building blocks for token hashing, Merkle tree hashing (RFC 6962),
// vendor request signatures and cursor MACs.
//
// Thread safety: pure functions; safe to call concurrently.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace trailkeep::crypto {

// A SHA-256 digest (also the size of an HMAC-SHA-256 tag).
using Digest = std::array<uint8_t, 32>;

// The SHA-256 digest of `data`.
// Aborts the process only if OpenSSL itself fails (allocation failure), which
// leaves no sane way to continue.
Digest Sha256(std::string_view data);

// HMAC-SHA-256 of `data` under `key` (any key length, including empty).
// Aborts only if OpenSSL itself fails, as Sha256 does.
Digest HmacSha256(std::string_view key, std::string_view data);

// The digest's 32 bytes as a string_view; valid while `d` lives.
inline std::string_view DigestBytes(const Digest& d) {
  return std::string_view(reinterpret_cast<const char*>(d.data()), d.size());
}

}  // namespace trailkeep::crypto
