#include "api/dialects/xray/audit_csv.h"

#include <array>
#include <string_view>
#include <utility>
#include <vector>

#include "codec/csv.h"

namespace trailkeep::api::dialects::xray {
namespace {

// CSV column → AuditEvent field ("" for the id/created_at/policy columns).
struct Column {
  std::string_view csv;
  std::string_view field;
};
constexpr std::array<Column, 20> kEventColumns = {{
    {"id", ""},
    {"created_at", ""},
    {"action", "action"},
    {"reason", "reason"},
    {"package_type", "package_type"},
    {"package_name", "package_name"},
    {"package_version", "package_version"},
    {"package_url", "package_url"},
    {"curated_repo_server_name", "curated_repository_server_name"},
    {"curated_repo_name", "curated_repository_name"},
    {"curated_repo_project_key", "curated_project"},
    {"user_name", "username"},
    {"user_mail", "user_mail"},
    {"origin_repo_server_name", "origin_repository_server_name"},
    {"origin_repo_name", "origin_repository_name"},
    {"origin_repo_project_key", "origin_project"},
    {"public_repo_name", "public_repo_name"},
    {"public_repo_url", "public_repo_url"},
    {"ecosystem", "ecosystem"},
    {"ondemand", "ondemand"},
}};
constexpr std::array<std::string_view, 7> kPolicyColumns = {
    "policy_id", "policy_name", "condition_name", "condition_category",
    "dry_run",   "result",      "policy_reason"};

constexpr size_t kRowsPerChunk = 500;

}  // namespace

std::string CsvHeaderLine() {
  std::string line;
  for (const Column& c : kEventColumns) {
    if (!line.empty()) line += ',';
    line += c.csv;
  }
  for (std::string_view p : kPolicyColumns) {
    line += ',';
    line += p;
  }
  line += "\r\n";
  return line;
}

void AppendCsvLines(const AuditRow& row, std::string* out) {
  std::string prefix;
  for (const Column& c : kEventColumns) {
    if (!prefix.empty() || c.csv != "id") prefix += ',';
    if (c.csv == "id") {
      prefix += std::to_string(row.record.event.id.value);
    } else if (c.csv == "created_at") {
      prefix += FormatRfc3339Seconds(row.record.event.time.ms);
    } else {
      codec::AppendCsvField(FieldText(row.record, c.field), &prefix);
    }
  }
  if (row.policies.empty()) {
    out->append(prefix);
    out->append(kPolicyColumns.size(), ',');
    out->append("\r\n");
    return;
  }
  for (const codec::JsonValue& policy : row.policies) {
    out->append(prefix);
    for (std::string_view p : kPolicyColumns) {
      out->push_back(',');
      const codec::JsonValue* v = policy.Find(p);
      if (v) codec::AppendCsvField(ScalarText(*v), out);
    }
    out->append("\r\n");
  }
}

CsvZipStream::CsvZipStream(AuditRowReader reader, uint64_t max_rows, std::string entry_name,
                           int64_t now_ms)
    : reader_(std::move(reader)),
      remaining_(max_rows),
      entry_name_(std::move(entry_name)),
      zip_(now_ms) {}

Result<bool> CsvZipStream::Next(std::string* chunk) {
  switch (stage_) {
    case Stage::kStart:
      zip_.BeginEntry(entry_name_, chunk);
      TK_RETURN_IF_ERROR(zip_.AppendData(CsvHeaderLine(), chunk));
      stage_ = Stage::kRows;
      return true;
    case Stage::kRows: {
      std::vector<AuditRow> rows;
      size_t want = static_cast<size_t>(std::min<uint64_t>(remaining_, kRowsPerChunk));
      bool more = false;
      if (want > 0) {
        TK_ASSIGN_OR_RETURN(more, reader_.Next(want, &rows));
      }
      remaining_ -= rows.size();
      std::string csv;
      for (const AuditRow& row : rows) AppendCsvLines(row, &csv);
      TK_RETURN_IF_ERROR(zip_.AppendData(csv, chunk));
      if (more && remaining_ > 0) return true;
      TK_RETURN_IF_ERROR(zip_.EndEntry(chunk));
      zip_.Finish(chunk);
      stage_ = Stage::kDone;
      return false;
    }
    case Stage::kDone:
      break;
  }
  return false;
}

}  // namespace trailkeep::api::dialects::xray
