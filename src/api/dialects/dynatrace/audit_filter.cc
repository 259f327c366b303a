#include "api/dialects/dynatrace/audit_filter.h"

#include <algorithm>
#include <array>
#include <string>

#include "api/dialects/dynatrace/mapping.h"

namespace trailkeep::api::dialects::dynatrace {
namespace {

using query::Condition;
using query::FieldRef;

constexpr std::array<std::string_view, 6> kSettingsCriteria = {
    "dt.settings.schema_id", "dt.settings.scope_id",  "dt.settings.scope_name",
    "dt.settings.key",       "dt.settings.object_id", "dt.settings.object_summary"};

bool IsSettingsCriterion(std::string_view name) {
  return std::find(kSettingsCriteria.begin(), kSettingsCriteria.end(), name) !=
         kSettingsCriteria.end();
}

bool AnyEquals(const std::vector<std::string>& values, std::string_view v) {
  return std::find(values.begin(), values.end(), v) != values.end();
}

bool CriterionMatches(const query::Criterion& c, const model::Event& e) {
  if (c.name == "user") {
    std::optional<std::string_view> user = UserOf(e);
    return user && AnyEquals(c.values, *user);
  }
  std::optional<std::string> value = ExtraStringOf(e, c.name);
  return value && AnyEquals(c.values, *value);
}

}  // namespace

bool AuditFilter::EntryMatches(const model::Event& e) const {
  for (const query::Criterion& c : entry_criteria) {
    if (!CriterionMatches(c, e)) return false;
  }
  return true;
}

bool AuditFilter::Matches(const model::Event& e) const {
  return selection.Matches(e) && EntryMatches(e);
}

std::vector<const query::Criterion*> AuditFilter::user_criteria() const {
  std::vector<const query::Criterion*> out;
  for (const query::Criterion& c : entry_criteria) {
    if (c.name == "user") out.push_back(&c);
  }
  return out;
}

AuditFilter AuditFilter::WithUserById() const {
  AuditFilter out;
  out.selection = selection;
  for (const query::Criterion& c : entry_criteria) {
    if (c.name == "user") {
      out.selection.Add(
          Condition{FieldRef::Of(model::IndexedField::kActorId), Condition::Op::kEquals, c.values});
    } else {
      out.entry_criteria.push_back(c);
    }
  }
  return out;
}

Result<AuditFilter> ParseAuditFilter(std::string_view text) {
  TK_ASSIGN_OR_RETURN(std::vector<query::Criterion> criteria, query::ParseFilter(text));
  AuditFilter filter;
  for (query::Criterion& c : criteria) {
    if (c.name == "eventType") {
      filter.selection.Add(
          Condition{FieldRef::Of(model::IndexedField::kAction), Condition::Op::kEquals, c.values});
    } else if (c.name == "category") {
      filter.selection.Add(Condition{FieldRef::Of(model::IndexedField::kCategory),
                                     Condition::Op::kEquals, c.values});
    } else if (c.name == "entityId") {
      filter.selection.Add(Condition{FieldRef::Of(model::IndexedField::kEntityId),
                                     Condition::Op::kContains, c.values});
    } else if (c.name == "user" || IsSettingsCriterion(c.name)) {
      filter.entry_criteria.push_back(std::move(c));
    } else {
      return InvalidArgument("unknown filter criterion '" + c.name +
                             "'; supported: user, eventType, category, entityId, "
                             "dt.settings.schema_id, dt.settings.scope_id, "
                             "dt.settings.scope_name, dt.settings.key, dt.settings.object_id, "
                             "dt.settings.object_summary");
    }
  }
  return filter;
}

}  // namespace trailkeep::api::dialects::dynatrace
