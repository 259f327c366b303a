#include "crypto/random.h"

#include <openssl/rand.h>

#include <climits>

namespace trailkeep::crypto {

Result<std::string> RandomBytes(size_t n) {
  if (n > static_cast<size_t>(INT_MAX)) return InvalidArgument("random byte count too large");
  std::string out(n, '\0');
  if (n == 0) return out;
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1) {
    return Internal("random number generator failed");
  }
  return out;
}

}  // namespace trailkeep::crypto
