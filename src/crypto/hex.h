// Hexadecimal (base16) encoding of binary strings.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "base/status.h"

namespace trailkeep::crypto {

// Lower-case hex, two characters per byte.
std::string HexEncode(std::string_view bytes);
std::string HexEncode(std::span<const uint8_t> bytes);

// Decodes hex of either case.
// Errors: kInvalidArgument on odd length or a non-hex character.
Result<std::string> HexDecode(std::string_view hex);

}  // namespace trailkeep::crypto
