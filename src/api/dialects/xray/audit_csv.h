// format=csv: the rows of the view as the CSV Xray exports
// (audit_packages.csv), zipped. Columns are API-NOTES §1.6; one CSV line per
// (event, policy), an event without policies giving one line with the policy
// columns empty; RFC 4180 quoting; CRLF line ends.
#pragma once

#include <memory>
#include <string>

#include "api/dialects/xray/audit_params.h"
#include "api/dialects/xray/audit_record.h"
#include "api/dialects/xray/audit_rows.h"
#include "api/dialects/xray/zip_writer.h"
#include "api/http_message.h"
#include "base/status.h"

namespace trailkeep::api::dialects::xray {

// The header line (with its CRLF).
std::string CsvHeaderLine();
// Appends the CSV lines of `row` to `out`.
void AppendCsvLines(const AuditRow& row, std::string* out);

// Produces the zip piece by piece (for Response::stream): the local header,
// then CSV data read `batch` rows at a time, then the central directory.
// Holds an AuditRowReader; memory stays flat whatever num_of_rows is.
class CsvZipStream {
 public:
  // `entry_name`: audit_packages.csv or audit_packages_incomplete.csv.
  CsvZipStream(AuditRowReader reader, uint64_t max_rows, std::string entry_name, int64_t now_ms);

  // BodyStream contract: appends the next piece; false after the last one.
  Result<bool> Next(std::string* chunk);

 private:
  AuditRowReader reader_;
  uint64_t remaining_;
  std::string entry_name_;
  ZipWriter zip_;
  enum class Stage { kStart, kRows, kDone } stage_ = Stage::kStart;
};

}  // namespace trailkeep::api::dialects::xray
