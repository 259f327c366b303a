#include "api/dialects/dynatrace/list_params.h"

#include <algorithm>
#include <charconv>

#include "base/clock.h"
#include "query/time_expr.h"

namespace trailkeep::api::dialects::dynatrace {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// "…<space>hh:mm" or "…<space>hhmm" after a time of day: a decoded '+'.
std::optional<std::string> RestorePlus(std::string_view text) {
  size_t space = text.rfind(' ');
  if (space == std::string_view::npos || space < 16) return std::nullopt;
  std::string_view zone = text.substr(space + 1);
  bool hh_mm = zone.size() == 5 && zone[2] == ':' && IsDigit(zone[0]) && IsDigit(zone[1]) &&
               IsDigit(zone[3]) && IsDigit(zone[4]);
  bool hhmm = zone.size() == 4 && std::all_of(zone.begin(), zone.end(), IsDigit);
  if (!hh_mm && !hhmm) return std::nullopt;
  std::string fixed(text);
  fixed[space] = '+';
  return fixed;
}

void ParsePageSize(const Request& request, ListParams* out, std::vector<Violation>* violations) {
  auto text = request.Param("pageSize");
  if (!text) return;
  int64_t v = 0;
  auto [p, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (text->empty() || p != text->data() + text->size() ||
      (ec != std::errc() && ec != std::errc::result_out_of_range)) {
    violations->push_back({"pageSize", "must be an integer"});
  } else if (ec == std::errc::result_out_of_range) {
    violations->push_back({"pageSize", (*text)[0] == '-' ? "must be greater than or equal to 1"
                                                         : "must be less than or equal to 5000"});
  } else if (v < 1) {
    violations->push_back({"pageSize", "must be greater than or equal to 1"});
  } else if (v > kMaxPageSize) {
    violations->push_back({"pageSize", "must be less than or equal to 5000"});
  } else {
    out->page_size = static_cast<uint32_t>(v);
  }
}

bool ParseTime(const Request& request, std::string_view name, int64_t now_ms,
               model::TimeMs* out, std::vector<Violation>* violations) {
  auto text = request.Param(name);
  if (!text) return true;
  auto t = ParseDynatraceTime(*text, now_ms);
  if (!t.ok()) {
    violations->push_back(
        {std::string(name),
         "invalid time '" + std::string(*text) +
             "': use UTC milliseconds, an ISO time like 2021-01-25T05:57:01.123+01:00, or a "
             "relative time like now-2w or now-1d/d (" + t.status().message() + ")"});
    return false;
  }
  *out = *t;
  return true;
}

}  // namespace

Result<model::TimeMs> ParseDynatraceTime(std::string_view text, int64_t now_ms) {
  FakeClock clock(now_ms);
  auto t = query::ParseTimeExpr(text, clock);
  if (t.ok()) return t;
  if (auto fixed = RestorePlus(text)) {
    if (auto retried = query::ParseTimeExpr(*fixed, clock); retried.ok()) return retried;
  }
  return t;
}

bool ParseListParams(const Request& request, int64_t now_ms, ListParams* out,
                     std::vector<Violation>* violations) {
  const size_t before = violations->size();
  ParsePageSize(request, out, violations);

  out->from = model::TimeMs{now_ms - kDefaultWindowMs};
  out->to = model::TimeMs{now_ms};
  bool from_ok = ParseTime(request, "from", now_ms, &out->from, violations);
  bool to_ok = ParseTime(request, "to", now_ms, &out->to, violations);
  if (from_ok && to_ok && out->from >= out->to) {
    violations->push_back({"from", "must be before to (from is inclusive, to exclusive)"});
  }

  if (auto sort = request.Param("sort")) {
    if (*sort == "timestamp") {
      out->oldest_first = true;
    } else if (*sort == "-timestamp") {
      out->oldest_first = false;
    } else {
      violations->push_back({"sort", "must be one of: timestamp, -timestamp"});
    }
  }

  if (auto filter = request.Param("filter")) {
    auto parsed = ParseAuditFilter(*filter);
    if (!parsed.ok()) {
      violations->push_back({"filter", parsed.status().message()});
    } else {
      out->filter_text = std::string(*filter);
      out->filter = std::move(parsed).value();
    }
  }
  return violations->size() == before;
}

std::vector<Violation> ExtraParamsWithPageKey(const Request& request) {
  std::vector<Violation> out;
  if (!request.HasParam("nextPageKey")) return out;
  std::vector<std::string_view> seen;
  for (const auto& [name, value] : request.query) {
    if (name == "nextPageKey" || name == "Api-Token") continue;
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) continue;
    seen.push_back(name);
    out.push_back({name, "must not be used in combination with nextPageKey query parameter."});
  }
  return out;
}

}  // namespace trailkeep::api::dialects::dynatrace
