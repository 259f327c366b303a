// Comparison of secrets without timing side channels.
//
// Thread safety: pure function.
#pragma once

#include <string_view>

namespace trailkeep::crypto {

// True when `a` and `b` hold the same bytes. The time taken depends only on
// the lengths, never on where the contents differ; unequal lengths return
// false (the length itself is not treated as secret).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace trailkeep::crypto
