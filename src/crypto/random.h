// Cryptographically secure random bytes from the OpenSSL CSPRNG.
//
// Thread safety: safe to call concurrently.
#pragma once

#include <cstddef>
#include <string>

#include "base/status.h"

namespace trailkeep::crypto {

// `n` random bytes suitable for secrets (token secrets, ids, salts).
// Errors: kInternal when the CSPRNG fails (e.g. not seeded);
//         kInvalidArgument when n exceeds INT_MAX.
Result<std::string> RandomBytes(size_t n);

}  // namespace trailkeep::crypto
