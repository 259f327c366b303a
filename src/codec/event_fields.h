// Internal to codec: the rules for one input event's fields (names, sizes,
// character sets), kept apart from the JSON walking in event_json.cc.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace trailkeep::codec::internal {

// The top-level keys an input event may carry.
enum class InputField : uint8_t {
  kTime,
  kKind,
  kAction,
  kCategory,
  kSuccess,
  kActor,
  kEntity,
  kMessage,
  kReason,
  kUid,
  kAttributes,
  kId,        // accepted and ignored (re-ingesting an export)
  kTenant,    // accepted and ignored
  kReceived,  // accepted and ignored
  kUnknown,
};

InputField ClassifyInputField(std::string_view key);

// Size limits, in bytes of UTF-8.
inline constexpr size_t kMaxKindBytes = 64;
inline constexpr size_t kMaxActionBytes = 256;
inline constexpr size_t kMaxCategoryBytes = 256;
inline constexpr size_t kMaxUidBytes = 256;
inline constexpr size_t kMaxTextBytes = 65536;        // message, reason
inline constexpr size_t kMaxAttributesBytes = 65536;  // minified
inline constexpr size_t kMaxOtherStringBytes = 1024;  // actor.*, entity.*

// Why `value` is not acceptable for the string field `field` (kKind,
// kAction, kCategory, kMessage, kReason, kUid), or "" when it is.
std::string_view CheckTopString(InputField field, std::string_view value);
// Why `value` is not acceptable for an actor.* / entity.* field, or "".
std::string_view CheckNestedString(std::string_view value);
// Why `ms` is not acceptable as an event time, or "".
std::string_view CheckTime(int64_t ms);

}  // namespace trailkeep::codec::internal
