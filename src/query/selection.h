// Selection: which canonical events a query wants, planned into the part the
// store evaluates (equality on indexed fields, pushed as store::FieldMatch)
// and a residual predicate evaluated here on the parsed event. The native API
// builds one from its filter (NativeSelection); each vendor dialect builds
// one from its fixed view (e.g. kind = "user.action") plus its own filters.
//
// Running a selection against a store: query/selection_scan.h.
//
// Thread safety: a value; const methods safe to call concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "model/event.h"
#include "query/field_ref.h"
#include "query/filter.h"
#include "store/event_store.h"

namespace trailkeep::query {

// `field` relates by `op` to at least one of `values` (OR). Comparisons are
// byte-wise and case-sensitive. An event that does not set the field never
// matches. An empty `values` list matches nothing.
struct Condition {
  enum class Op : uint8_t {
    kEquals,    // the field's text equals the value
    kContains,  // the value is a substring of the field's text ("" matches any set field)
  };
  FieldRef field;
  Op op = Op::kEquals;
  std::vector<std::string> values;
};

// A conjunction (AND) of conditions, already planned. Default: matches every
// event.
class Selection {
 public:
  Selection() = default;
  explicit Selection(std::vector<Condition> conditions);

  // Adds one more condition (AND) and re-plans. Equality conditions on the
  // same indexed field are merged by intersecting their values, so a
  // dialect's fixed `kind` and a user's `kind(...)` filter stay one match.
  void Add(Condition condition);

  // All conditions as given, in order.
  const std::vector<Condition>& conditions() const { return conditions_; }
  // Planned: equality matches on indexed fields, for store::ScanSpec::matches.
  const std::vector<store::FieldMatch>& pushed() const { return pushed_; }
  // Planned: conditions the store cannot evaluate (contains, non-indexed
  // fields, attributes); checked on the parsed event.
  const std::vector<Condition>& residual() const { return residual_; }
  // True when the conditions contradict (an empty value list, or disjoint
  // equality values on one indexed field): no event can match.
  bool matches_nothing() const { return matches_nothing_; }
  // True when store::EventStore::Count answers a count for this selection
  // without visiting events: no residual and at most one pushed match.
  bool has_cheap_count() const { return residual_.empty() && pushed_.size() <= 1; }

  // Evaluates the residual conditions only (the pushed ones are the store's
  // job). REQUIRES: `e` came from a scan with pushed() applied.
  bool ResidualMatches(const model::Event& e) const;
  // Evaluates every condition; for tests and for events not from a scan.
  bool Matches(const model::Event& e) const;

 private:
  void Plan(const Condition& c);

  std::vector<Condition> conditions_;
  std::vector<store::FieldMatch> pushed_;
  std::vector<Condition> residual_;
  bool matches_nothing_ = false;
};

// True when `c` holds for `e`.
bool ConditionMatches(const Condition& c, const model::Event& e);

// The selection of the native API's `filter` parameter: each criterion's name
// is a FieldRef path (see FieldRef::Parse) and every criterion is EQUALS.
// Errors: kInvalidArgument "unknown filter field 'x'" (or a bad attributes
// path).
Result<Selection> NativeSelection(const std::vector<Criterion>& criteria);

}  // namespace trailkeep::query
