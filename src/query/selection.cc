#include "query/selection.h"

#include <algorithm>
#include <utility>

namespace trailkeep::query {
namespace {

bool ValueMatches(Condition::Op op, std::string_view field_value, std::string_view wanted) {
  switch (op) {
    case Condition::Op::kEquals: return field_value == wanted;
    case Condition::Op::kContains: return field_value.find(wanted) != std::string_view::npos;
  }
  return false;
}

bool Contains(const std::vector<std::string>& values, const std::string& v) {
  return std::find(values.begin(), values.end(), v) != values.end();
}

}  // namespace

bool ConditionMatches(const Condition& c, const model::Event& e) {
  std::optional<std::string> value = c.field.ValueOf(e);
  if (!value) return false;
  for (const std::string& wanted : c.values) {
    if (ValueMatches(c.op, *value, wanted)) return true;
  }
  return false;
}

Selection::Selection(std::vector<Condition> conditions) {
  for (Condition& c : conditions) Add(std::move(c));
}

void Selection::Add(Condition condition) {
  conditions_.push_back(std::move(condition));
  Plan(conditions_.back());
}

void Selection::Plan(const Condition& c) {
  if (c.values.empty()) matches_nothing_ = true;
  std::optional<model::IndexedField> indexed = c.field.indexed();
  if (c.op != Condition::Op::kEquals || !indexed) {
    residual_.push_back(c);
    return;
  }
  auto same_field = [&](const store::FieldMatch& m) { return m.field == *indexed; };
  auto existing = std::find_if(pushed_.begin(), pushed_.end(), same_field);
  if (existing == pushed_.end()) {
    store::FieldMatch match{*indexed, {}};
    for (const std::string& v : c.values) {
      if (!Contains(match.values, v)) match.values.push_back(v);
    }
    pushed_.push_back(std::move(match));
    return;
  }
  // AND of two ORs on one field: the intersection of their values.
  std::erase_if(existing->values, [&](const std::string& v) { return !Contains(c.values, v); });
  if (existing->values.empty()) matches_nothing_ = true;
}

bool Selection::ResidualMatches(const model::Event& e) const {
  if (matches_nothing_) return false;
  for (const Condition& c : residual_) {
    if (!ConditionMatches(c, e)) return false;
  }
  return true;
}

bool Selection::Matches(const model::Event& e) const {
  if (matches_nothing_) return false;
  for (const Condition& c : conditions_) {
    if (!ConditionMatches(c, e)) return false;
  }
  return true;
}

Result<Selection> NativeSelection(const std::vector<Criterion>& criteria) {
  Selection selection;
  for (const Criterion& criterion : criteria) {
    TK_ASSIGN_OR_RETURN(FieldRef field, FieldRef::Parse(criterion.name));
    selection.Add(Condition{std::move(field), Condition::Op::kEquals, criterion.values});
  }
  return selection;
}

}  // namespace trailkeep::query
