// Shape checks on response text (ids, secrets, timestamps) without
// std::regex, whose GCC 12 headers warn (-Wmaybe-uninitialized) in the
// sanitizer build.
#pragma once

#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trailkeep::testing {

inline bool IsLowerHexChar(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }
inline bool IsDigitChar(char c) { return c >= '0' && c <= '9'; }
inline bool IsTokenChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
}

// `s` is exactly `n` lowercase hex digits.
inline bool IsLowerHex(std::string_view s, size_t n) {
  if (s.size() != n) return false;
  for (char c : s) {
    if (!IsLowerHexChar(c)) return false;
  }
  return true;
}

// `s` has the shape of `shape`, where '9' stands for any digit and every
// other character for itself: MatchesShape("2024/01/02", "9999/99/99").
inline bool MatchesShape(std::string_view s, std::string_view shape) {
  if (s.size() != shape.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (shape[i] == '9' ? !IsDigitChar(s[i]) : s[i] != shape[i]) return false;
  }
  return true;
}

// `s` is `groups` non-empty runs of digits joined by '-'.
inline bool IsDashedDigits(std::string_view s, int groups) {
  int seen = 0;
  size_t run = 0;
  for (char c : s) {
    if (IsDigitChar(c)) {
      ++run;
    } else if (c == '-' && run > 0) {
      ++seen;
      run = 0;
    } else {
      return false;
    }
  }
  return run > 0 && seen + 1 == groups;
}

// A token secret: "tk_" and 43 characters of [A-Za-z0-9_-].
inline constexpr size_t kSecretBody = 43;
inline bool IsTokenSecret(std::string_view s) {
  if (s.size() != 3 + kSecretBody || s.substr(0, 3) != "tk_") return false;
  for (char c : s.substr(3)) {
    if (!IsTokenChar(c)) return false;
  }
  return true;
}

// Every token secret in `text`, left to right, not overlapping.
inline std::vector<std::string> TokenSecretsIn(std::string_view text) {
  std::vector<std::string> out;
  size_t at = 0;
  while ((at = text.find("tk_", at)) != std::string_view::npos) {
    size_t n = 0;
    while (n < kSecretBody && at + 3 + n < text.size() && IsTokenChar(text[at + 3 + n])) ++n;
    if (n == kSecretBody) {
      out.emplace_back(text.substr(at, 3 + kSecretBody));
      at += 3 + kSecretBody;
    } else {
      ++at;
    }
  }
  return out;
}

// The first run of `n` lowercase hex digits in `text`.
inline std::optional<std::string> FirstLowerHexRun(std::string_view text, size_t n) {
  size_t run = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    run = IsLowerHexChar(text[i]) ? run + 1 : 0;
    if (run == n) return std::string(text.substr(i + 1 - n, n));
  }
  return std::nullopt;
}

}  // namespace trailkeep::testing
