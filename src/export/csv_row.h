// The native CSV export's columns: one row per event, RFC 4180 quoting.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace trailkeep::exporter {

// The header line, CRLF-terminated.
std::string_view CsvHeader();
// Appends the CSV row (CRLF-terminated) for the event's canonical JSON.
Status AppendCsvRow(std::string_view canonical, std::string* out);

}  // namespace trailkeep::exporter
