#include "api/dialects/codearts/audit_query.h"

#include <charconv>

namespace trailkeep::api::dialects::codearts {
namespace {

constexpr int64_t kMaxPageNum = 2'147'483'647;
constexpr int64_t kMaxPageSize = 100;

// The parameter `name` as an integer in [min, max], or `fallback` when absent.
Result<int64_t> IntParam(const Request& request, std::string_view name, int64_t fallback,
                         int64_t min, int64_t max) {
  std::optional<std::string_view> text = request.Param(name);
  if (!text) return fallback;
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (text->empty() || ec != std::errc() || end != text->data() + text->size() || v < min ||
      v > max) {
    return InvalidArgument(std::string(name) + ": must be an integer from " + std::to_string(min) +
                           " to " + std::to_string(max));
  }
  return v;
}

std::optional<std::string> TextParam(const Request& request, std::string_view name) {
  std::optional<std::string_view> v = request.Param(name);
  if (!v || v->empty()) return std::nullopt;
  return std::string(*v);
}

query::Condition Equals(query::FieldRef field, std::string value) {
  return query::Condition{std::move(field), query::Condition::Op::kEquals, {std::move(value)}};
}

}  // namespace

Result<AuditQuery> ParseAuditQuery(const Request& request) {
  AuditQuery q;
  TK_ASSIGN_OR_RETURN(q.page_num, IntParam(request, "page_num", 1, 1, kMaxPageNum));
  TK_ASSIGN_OR_RETURN(q.page_size, IntParam(request, "page_size", 10, 1, kMaxPageSize));
  q.user_id = TextParam(request, "user_id");
  q.instance_id = TextParam(request, "instance_id");
  return q;
}

query::Selection AuditSelection(const AuditPath& path, const AuditQuery& query) {
  using model::IndexedField;
  query::Selection s;
  s.Add(Equals(query::FieldRef::Of(IndexedField::kKind), std::string(kAuditKind)));
  s.Add(Equals(query::FieldRef::Of(IndexedField::kCategory), path.module));
  s.Add(Equals(query::FieldRef::Of(IndexedField::kEntityId), path.repo));
  if (query.user_id) s.Add(Equals(query::FieldRef::Of(IndexedField::kActorId), *query.user_id));
  if (query.instance_id) {
    // A fixed, valid path: Parse cannot fail.
    auto field = query::FieldRef::Parse("attributes." + std::string(kInstanceIdAttribute));
    s.Add(Equals(std::move(field).value(), *query.instance_id));
  }
  return s;
}

}  // namespace trailkeep::api::dialects::codearts
