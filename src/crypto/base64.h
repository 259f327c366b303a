// Base64 (RFC 4648 section 4) and base64url (section 5) encodings.
//
// Decoders are strict: no whitespace, no characters outside the alphabet, no
// stray data after padding, and the unused low bits of the last character must
// be zero, so that every byte string has exactly one accepted encoding.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "base/status.h"

namespace trailkeep::crypto {

// Standard alphabet (+/), padded with '=' to a multiple of 4 characters.
std::string Base64Encode(std::string_view bytes);
std::string Base64Encode(std::span<const uint8_t> bytes);

// Decodes the standard alphabet. Padding may be present (then it must be
// exactly right) or omitted.
// Errors: kInvalidArgument on any malformed input.
Result<std::string> Base64Decode(std::string_view text);

// URL- and filename-safe alphabet (-_), without padding.
std::string Base64UrlEncode(std::string_view bytes);
std::string Base64UrlEncode(std::span<const uint8_t> bytes);

// Decodes the url alphabet. Padding is accepted if exactly right, but not
// required.
// Errors: kInvalidArgument on any malformed input.
Result<std::string> Base64UrlDecode(std::string_view text);

}  // namespace trailkeep::crypto
