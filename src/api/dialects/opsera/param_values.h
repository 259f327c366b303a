// The value grammars of Opsera query parameters (API-NOTES §2.3, §2.4).
// Each returns nullopt for a malformed value; callers turn that into 400.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace trailkeep::api::dialects::opsera {

inline constexpr int64_t kDayMs = 86'400'000;

// "YYYY-MM-DD" (exactly; a real calendar day) → its 00:00:00.000Z in ms.
std::optional<int64_t> ParseDay(std::string_view s);

// "HH:MM" or "HH:MM:SS" (the hour may have one digit; 00..23, 00..59) →
// ms since midnight.
std::optional<int64_t> ParseClock(std::string_view s);

// `^[0-9]+[smhdw]$` → the span in ms, saturating at INT64_MAX.
std::optional<int64_t> ParseRange(std::string_view s);

// `^[0-9]+$` → the value, saturating at UINT64_MAX.
std::optional<uint64_t> ParseDigits(std::string_view s);

// `^[0-9a-fA-F]{24}$`: a Mongo ObjectId.
bool IsObjectId(std::string_view s);

// a - b, saturating at INT64_MIN.
int64_t SaturatingSub(int64_t a, int64_t b);

}  // namespace trailkeep::api::dialects::opsera
