#include "api/dialects/xray/audit_params.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <utility>

#include "base/time_format.h"

namespace trailkeep::api::dialects::xray {
namespace {

struct ColumnName {
  std::string_view name;
  OrderColumn column;
};
constexpr std::array<ColumnName, 12> kColumns = {{
    {"id", OrderColumn::kId},
    {"created_at", OrderColumn::kCreatedAt},
    {"action", OrderColumn::kAction},
    {"package_type", OrderColumn::kPackageType},
    {"package_name", OrderColumn::kPackageName},
    {"package_version", OrderColumn::kPackageVersion},
    {"curated_repository_name", OrderColumn::kCuratedRepositoryName},
    {"username", OrderColumn::kUsername},
    {"user_mail", OrderColumn::kUserMail},
    {"origin_repository_name", OrderColumn::kOriginRepositoryName},
    {"public_repo_name", OrderColumn::kPublicRepoName},
    {"reason", OrderColumn::kReason},
}};

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// A decimal integer as Go's strconv.Atoi reads it (optional sign).
std::optional<int64_t> ParseInt(std::string_view s) {
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

Status ParseBoolParam(const Request& request, std::string_view name, bool* out) {
  auto value = request.Param(name);
  if (!value) return Status::Ok();
  auto b = ParseGoBool(*value);
  if (!b) return InvalidArgument("invalid " + std::string(name));
  *out = *b;
  return Status::Ok();
}

Result<std::optional<int64_t>> ParseTimeParam(const Request& request, std::string_view name) {
  auto value = request.Param(name);
  if (!value) return std::optional<int64_t>();
  auto ms = ParseRfc3339Ms(*value);
  if (!ms) return InvalidArgument("invalid " + std::string(name));
  return ms;
}

// Everything but the window.
Status ParseScalars(const Request& request, AuditParams* p) {
  if (auto v = request.Param("order_by")) {
    bool found = false;
    for (const ColumnName& c : kColumns) {
      if (*v == c.name) p->order_by = c.column, p->order_by_name = c.name, found = true;
    }
    if (!found) return InvalidArgument("invalid order_by column");
  }
  if (auto v = request.Param("direction")) {
    if (EqualsIgnoreCase(*v, "asc")) {
      p->ascending = true;
    } else if (!EqualsIgnoreCase(*v, "desc")) {
      return InvalidArgument("invalid direction");
    }
  }
  if (auto v = request.Param("format")) {
    if (EqualsIgnoreCase(*v, "csv")) {
      p->format = AuditFormat::kCsv;
    } else if (!EqualsIgnoreCase(*v, "json")) {
      return InvalidArgument("invalid format");
    }
  }
  TK_RETURN_IF_ERROR(ParseBoolParam(request, "include_total", &p->include_total));
  TK_RETURN_IF_ERROR(ParseBoolParam(request, "include_explanation_and_recommendation",
                                    &p->include_explanation_and_recommendation));
  TK_RETURN_IF_ERROR(ParseBoolParam(request, "dry_run", &p->dry_run));
  if (p->format == AuditFormat::kCsv && p->include_total) {
    return InvalidArgument("include_total is not allowed when format is csv");
  }
  uint64_t max_rows = p->format == AuditFormat::kCsv ? kMaxCsvRows : kMaxJsonRows;
  if (auto v = request.Param("num_of_rows")) {
    auto n = ParseInt(*v);
    if (!n || *n < 1 || static_cast<uint64_t>(*n) > max_rows) {
      return InvalidArgument("num_of_rows must be between 1 and " + std::to_string(max_rows));
    }
    p->num_of_rows = static_cast<uint64_t>(*n);
  }
  if (auto v = request.Param("offset")) {
    auto n = ParseInt(*v);
    if (!n || *n < 0) return InvalidArgument("invalid offset");
    p->offset = static_cast<uint64_t>(*n);
  }
  return Status::Ok();
}

}  // namespace

std::optional<bool> ParseGoBool(std::string_view s) {
  for (std::string_view t : {"1", "t", "T", "TRUE", "true", "True"}) {
    if (s == t) return true;
  }
  for (std::string_view f : {"0", "f", "F", "FALSE", "false", "False"}) {
    if (s == f) return false;
  }
  return std::nullopt;
}

std::optional<int64_t> ParseRfc3339Ms(std::string_view s) {
  // Shape first (ParseIsoMs is more lenient): date 'T' hh:mm:ss, optional
  // fraction, then a zone.
  auto digit = [&](size_t i) { return i < s.size() && s[i] >= '0' && s[i] <= '9'; };
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18}) {
    if (!digit(i)) return std::nullopt;
  }
  if (s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') || s[13] != ':' ||
      s[16] != ':') {
    return std::nullopt;
  }
  size_t i = 19;
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digit(i)) return std::nullopt;
    while (digit(i)) ++i;
  }
  std::string_view zone = s.substr(i);
  bool offset_zone = zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && digit(i + 1) &&
                     digit(i + 2) && zone[3] == ':' && digit(i + 4) && digit(i + 5);
  if (zone != "Z" && zone != "z" && !offset_zone) return std::nullopt;
  IsoParseOptions options;
  options.allow_space_separator = false;
  return ParseIsoMs(s, options);
}

std::string FormatRfc3339Seconds(int64_t ms) {
  int64_t floored = ms - ((ms % 1000) + 1000) % 1000;
  std::string iso = FormatIsoMs(floored);  // ...T hh:mm:ss.mmmZ
  return iso.substr(0, iso.size() - 5) + "Z";
}

Result<AuditParams> ParseAuditParams(const Request& request, int64_t now_ms) {
  AuditParams p;
  TK_RETURN_IF_ERROR(ParseScalars(request, &p));
  TK_ASSIGN_OR_RETURN(std::optional<int64_t> start, ParseTimeParam(request, "created_at_start"));
  TK_ASSIGN_OR_RETURN(std::optional<int64_t> end, ParseTimeParam(request, "created_at_end"));
  bool end_is_now = false;
  if (start && end) {
    // both given: used as they are
  } else if (start) {
    // min(start + 168 h, now); a start in the future gives an empty window.
    end = *start + kMaxWindowMs;
    if (*end >= now_ms) end = std::max(*start, now_ms), end_is_now = *end == now_ms;
  } else if (end) {
    start = *end - kMaxWindowMs;
  } else {
    end = now_ms, end_is_now = true;
    start = now_ms - kMaxWindowMs;
  }
  if (*start > *end) return InvalidArgument("created_at_start must be before created_at_end");
  if (*end - *start > kMaxWindowMs) {
    return InvalidArgument("Maximum allowed duration is 168 hours");
  }
  p.start = model::TimeMs{*start};
  p.end = model::TimeMs{*end};
  p.scan_end = model::TimeMs{end_is_now ? *end + 1 : *end};
  return p;
}

}  // namespace trailkeep::api::dialects::xray
