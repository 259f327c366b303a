// JsonValue: a small JSON document as plain C++ values, for small bodies
// (token requests, settings). Bulk input goes through event_json.h instead.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace trailkeep::codec {

struct JsonValue {
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };
  Type type = Type::kNull;
  bool boolean = false;
  double number = 0;
  std::string string;  // kString: the value; kNumber: the number as written
  std::vector<JsonValue> items;                              // kArray
  std::vector<std::pair<std::string, JsonValue>> members;    // kObject, in order

  // The member named `key` of an object, or nullptr.
  const JsonValue* Find(std::string_view key) const;
};

// Parses a whole JSON document. kInvalidArgument with simdjson's reason when
// malformed; nesting deeper than 64 levels is refused.
Result<JsonValue> ParseJsonValue(std::string_view text);

// Appends `v` as compact JSON: members in their order, numbers exactly as
// they were written, strings escaped as AppendJsonString does.
void AppendJson(const JsonValue& v, std::string* out);
std::string ToJson(const JsonValue& v);

}  // namespace trailkeep::codec
