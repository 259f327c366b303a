#include "codec/event_fields.h"

#include "base/time_format.h"

namespace trailkeep::codec::internal {

namespace {

bool IsKindChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

}  // namespace

InputField ClassifyInputField(std::string_view key) {
  struct Entry {
    std::string_view name;
    InputField field;
  };
  static constexpr Entry kFields[] = {
      {"time", InputField::kTime},
      {"kind", InputField::kKind},
      {"action", InputField::kAction},
      {"category", InputField::kCategory},
      {"success", InputField::kSuccess},
      {"actor", InputField::kActor},
      {"entity", InputField::kEntity},
      {"message", InputField::kMessage},
      {"reason", InputField::kReason},
      {"uid", InputField::kUid},
      {"attributes", InputField::kAttributes},
      {"id", InputField::kId},
      {"tenant", InputField::kTenant},
      {"received", InputField::kReceived},
  };
  for (const Entry& e : kFields) {
    if (e.name == key) return e.field;
  }
  return InputField::kUnknown;
}

std::string_view CheckTopString(InputField field, std::string_view value) {
  switch (field) {
    case InputField::kKind:
      if (value.empty() || value.size() > kMaxKindBytes) {
        return "must be 1..64 characters of [A-Za-z0-9._-]";
      }
      for (char c : value) {
        if (!IsKindChar(c)) return "must be 1..64 characters of [A-Za-z0-9._-]";
      }
      return "";
    case InputField::kAction:
      return value.empty() || value.size() > kMaxActionBytes ? "must be 1..256 bytes" : "";
    case InputField::kCategory:
      return value.size() > kMaxCategoryBytes ? "must be at most 256 bytes" : "";
    case InputField::kUid:
      return value.empty() || value.size() > kMaxUidBytes ? "must be 1..256 bytes" : "";
    case InputField::kMessage:
    case InputField::kReason:
      return value.size() > kMaxTextBytes ? "must be at most 65536 bytes" : "";
    default:
      return value.size() > kMaxOtherStringBytes ? "must be at most 1024 bytes" : "";
  }
}

std::string_view CheckNestedString(std::string_view value) {
  return value.size() > kMaxOtherStringBytes ? "must be at most 1024 bytes" : "";
}

std::string_view CheckTime(int64_t ms) {
  if (ms < kMinIsoMs || ms > kMaxIsoMs) return "out of range (years 0000..9999)";
  return "";
}

}  // namespace trailkeep::codec::internal
