#include "api/native/selection_params.h"

#include <charconv>

#include "query/filter.h"
#include "query/time_expr.h"

namespace trailkeep::api {

std::optional<uint64_t> ParseU64(std::string_view s) {
  if (s.empty() || s.size() > 20) return std::nullopt;
  uint64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

namespace {

Result<model::TimeMs> ParseTimeParam(const Request& request, std::string_view name,
                                     const Clock& clock, model::TimeMs fallback) {
  auto text = request.Param(name);
  if (!text) return fallback;
  query::TimeExprOptions options;
  options.allow_date_only = true;
  auto t = query::ParseTimeExpr(*text, clock, options);
  if (!t.ok()) return InvalidArgument(std::string(name) + ": " + t.status().message());
  return *t;
}

}  // namespace

Result<uint64_t> ParseOffset(const Request& request) {
  auto text = request.Param("offset");
  if (!text) return uint64_t{0};
  auto v = ParseU64(*text);
  if (!v || *v > kMaxOffset) {
    return InvalidArgument("offset: must be an integer from 0 to " + std::to_string(kMaxOffset));
  }
  if (request.HasParam("after")) {
    return InvalidArgument("offset: cannot be combined with after (use one or the other)");
  }
  return *v;
}

Result<size_t> ParseLimit(const Request& request, size_t fallback, size_t max) {
  auto text = request.Param("limit");
  if (!text) return fallback;
  auto v = ParseU64(*text);
  if (!v || *v < 1 || *v > max) {
    return InvalidArgument("limit: must be an integer from 1 to " + std::to_string(max));
  }
  return static_cast<size_t>(*v);
}

Result<NativeSelection> ParseNativeSelection(const Request& request, const model::TenantId& tenant,
                                             const Clock& clock, store::Order default_order) {
  NativeSelection out;
  out.spec.tenant = tenant;
  TK_ASSIGN_OR_RETURN(out.spec.from,
                      ParseTimeParam(request, "from", clock, model::TimeMs{INT64_MIN}));
  TK_ASSIGN_OR_RETURN(out.spec.to, ParseTimeParam(request, "to", clock, model::TimeMs{INT64_MAX}));
  if (out.spec.from >= out.spec.to) return InvalidArgument("from: must be before to");

  out.spec.order = default_order;
  if (auto order = request.Param("order")) {
    if (*order == "asc") {
      out.spec.order = store::Order::kIdAsc;
    } else if (*order == "desc") {
      out.spec.order = store::Order::kIdDesc;
    } else {
      return InvalidArgument("order: must be asc or desc");
    }
  }
  if (auto after = request.Param("after")) {
    auto id = ParseU64(*after);
    if (!id) return InvalidArgument("after: must be an event id (a decimal integer)");
    out.spec.after = store::Position{model::TimeMs{}, model::EventId{*id}};
  }
  std::vector<query::Criterion> criteria;
  if (auto filter = request.Param("filter")) {
    auto parsed = query::ParseFilter(*filter);
    if (!parsed.ok()) return InvalidArgument("filter: " + parsed.status().message());
    criteria = std::move(parsed).value();
  }
  auto selection = query::NativeSelection(criteria);
  if (!selection.ok()) return InvalidArgument("filter: " + selection.status().message());
  out.selection = std::move(selection).value();
  return out;
}

}  // namespace trailkeep::api
