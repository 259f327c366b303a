#include "crypto/base64.h"

#include <array>

namespace trailkeep::crypto {
namespace {

constexpr std::string_view kStdAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kUrlAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string_view AsChars(std::span<const uint8_t> bytes) {
  return std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

std::string Encode(std::string_view in, std::string_view alphabet, bool pad) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  size_t i = 0;
  auto byte = [&](size_t k) { return static_cast<uint32_t>(static_cast<uint8_t>(in[k])); };
  for (; i + 3 <= in.size(); i += 3) {
    uint32_t v = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
    out.push_back(alphabet[(v >> 18) & 63]);
    out.push_back(alphabet[(v >> 12) & 63]);
    out.push_back(alphabet[(v >> 6) & 63]);
    out.push_back(alphabet[v & 63]);
  }
  size_t rest = in.size() - i;
  if (rest == 1) {
    uint32_t v = byte(i) << 16;
    out.push_back(alphabet[(v >> 18) & 63]);
    out.push_back(alphabet[(v >> 12) & 63]);
    if (pad) out.append("==");
  } else if (rest == 2) {
    uint32_t v = (byte(i) << 16) | (byte(i + 1) << 8);
    out.push_back(alphabet[(v >> 18) & 63]);
    out.push_back(alphabet[(v >> 12) & 63]);
    out.push_back(alphabet[(v >> 6) & 63]);
    if (pad) out.push_back('=');
  }
  return out;
}

// Maps each character to its 6-bit value, or -1 when outside the alphabet.
std::array<int8_t, 256> ReverseTable(std::string_view alphabet) {
  std::array<int8_t, 256> table;
  table.fill(-1);
  for (size_t i = 0; i < alphabet.size(); ++i) {
    table[static_cast<uint8_t>(alphabet[i])] = static_cast<int8_t>(i);
  }
  return table;
}

Result<std::string> Decode(std::string_view in, const std::array<int8_t, 256>& table) {
  // Strip correct padding, if any: it may only complete the last quantum.
  if (!in.empty() && in.back() == '=') {
    if (in.size() % 4 != 0) return InvalidArgument("invalid base64 padding");
    in.remove_suffix(1);
    if (!in.empty() && in.back() == '=') in.remove_suffix(1);
    if (in.size() % 4 < 2) return InvalidArgument("invalid base64 padding");
  }
  if (in.size() % 4 == 1) return InvalidArgument("invalid base64 length");
  std::string out;
  out.reserve(in.size() / 4 * 3 + 2);
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    int8_t v = table[static_cast<uint8_t>(c)];
    if (v < 0) return InvalidArgument("invalid base64 character");
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  // Leftover bits (2 or 4) must be zero for the encoding to be canonical.
  if ((acc & ((1u << bits) - 1)) != 0) return InvalidArgument("non-canonical base64");
  return out;
}

}  // namespace

std::string Base64Encode(std::string_view bytes) { return Encode(bytes, kStdAlphabet, true); }
std::string Base64Encode(std::span<const uint8_t> bytes) { return Base64Encode(AsChars(bytes)); }

Result<std::string> Base64Decode(std::string_view text) {
  static const std::array<int8_t, 256> kTable = ReverseTable(kStdAlphabet);
  return Decode(text, kTable);
}

std::string Base64UrlEncode(std::string_view bytes) { return Encode(bytes, kUrlAlphabet, false); }
std::string Base64UrlEncode(std::span<const uint8_t> bytes) {
  return Base64UrlEncode(AsChars(bytes));
}

Result<std::string> Base64UrlDecode(std::string_view text) {
  static const std::array<int8_t, 256> kTable = ReverseTable(kUrlAlphabet);
  return Decode(text, kTable);
}

}  // namespace trailkeep::crypto
