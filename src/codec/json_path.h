// Reading one value out of a stored attributes object, for filters over
// `attributes.<path>`.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace trailkeep::codec {

// The scalar at dotted `path` ("a.b.c") inside the JSON object text
// `attributes_json`, as text: strings unquoted and unescaped, numbers as
// written, booleans "true"/"false", null "null". nullopt when the path is
// absent, leads through a non-object, ends on an object/array, or the text is
// not a JSON object.
std::optional<std::string> AttributeValue(std::string_view attributes_json, std::string_view path);

}  // namespace trailkeep::codec
