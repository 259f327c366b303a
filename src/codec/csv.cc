#include "codec/csv.h"

namespace trailkeep::codec {

void AppendCsvField(std::string_view field, std::string* out) {
  const bool quote = field.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!field.empty() && (field.front() == ' ' || field.back() == ' '));
  if (!quote) {
    out->append(field);
    return;
  }
  out->push_back('"');
  size_t start = 0;
  for (size_t q = field.find('"'); q != std::string_view::npos; q = field.find('"', start)) {
    out->append(field.substr(start, q + 1 - start));  // through the quote...
    out->push_back('"');                              // ...then its double
    start = q + 1;
  }
  out->append(field.substr(start));
  out->push_back('"');
}

}  // namespace trailkeep::codec
