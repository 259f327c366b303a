// The `time` field of CodeArts audit records: "yyyy/MM/dd HH:mm:ss" in
// Beijing time (UTC+8, no daylight saving), the Huawei console convention.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace trailkeep::api::dialects::codearts {

// The UTC offset the dialect renders and parses times in, ms.
inline constexpr int64_t kAuditTimeOffsetMs = 8 * 3600 * 1000;

// `ms` (UTC epoch) as "2023/10/27 15:46:19" in UTC+8; milliseconds are
// dropped (floor). Years outside 0000..9999 are clamped to that range.
std::string FormatAuditTime(int64_t ms);

// Parses exactly "yyyy/MM/dd HH:mm:ss" (UTC+8) into UTC epoch ms; nullopt
// when the shape or a field's range is wrong (2023/02/30, 24:00:00).
std::optional<int64_t> ParseAuditTime(std::string_view text);

}  // namespace trailkeep::api::dialects::codearts
