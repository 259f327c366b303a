#include "auth/credentials.h"

#include <algorithm>

#include "crypto/base64.h"

namespace trailkeep::auth {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; };
           return lower(x) == lower(y);
         });
}

// A token is 1+ visible ASCII characters (no spaces, no control bytes).
std::optional<std::string> AsToken(std::string_view s) {
  if (s.empty()) return std::nullopt;
  bool visible = std::all_of(s.begin(), s.end(), [](char c) { return c > 0x20 && c < 0x7f; });
  if (!visible) return std::nullopt;
  return std::string(s);
}

std::optional<std::string> FromBasic(std::string_view encoded) {
  auto decoded = crypto::Base64Decode(encoded);
  if (!decoded.ok()) return std::nullopt;
  // RFC 7617: the user id cannot contain ':', so the first one splits.
  size_t colon = decoded->find(':');
  if (colon == std::string::npos) return std::nullopt;
  return AsToken(std::string_view(*decoded).substr(colon + 1));
}

std::optional<std::string> FromAuthorization(std::string_view header) {
  size_t space = header.find_first_of(" \t");
  if (space == std::string_view::npos) return std::nullopt;
  std::string_view scheme = header.substr(0, space);
  std::string_view credential = Trim(header.substr(space));
  if (EqualsIgnoreCase(scheme, "Bearer") || EqualsIgnoreCase(scheme, "Api-Token")) {
    return AsToken(credential);
  }
  if (EqualsIgnoreCase(scheme, "Basic")) return FromBasic(credential);
  return std::nullopt;
}

}  // namespace

std::optional<std::string> ExtractSecret(std::string_view authorization_header,
                                         std::string_view x_auth_token_header) {
  std::string_view authorization = Trim(authorization_header);
  if (!authorization.empty()) return FromAuthorization(authorization);
  return AsToken(Trim(x_auth_token_header));
}

}  // namespace trailkeep::auth
