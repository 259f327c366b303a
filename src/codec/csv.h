// RFC 4180 CSV output.
#pragma once

#include <string>
#include <string_view>

namespace trailkeep::codec {

// Appends `field` to `out`, quoted (with "" doubling) when it contains a
// comma, quote, CR or LF, or starts/ends with a space.
void AppendCsvField(std::string_view field, std::string* out);

}  // namespace trailkeep::codec
