// The filter language of the Dynatrace audit-log API, reused by the native
// API: `name(value[,value...])[,name(...)...]`. OR within a criterion, AND
// across criteria. This file only parses; query/selection.h gives names and
// values their meaning.
//
// Grammar (no insignificant whitespace anywhere):
//   filter    := "" | criterion ("," criterion)*
//   criterion := name "(" value ("," value)* ")"
//   name      := [A-Za-z0-9_.:-]+              case-sensitive
//   value     := quoted | unquoted
//   quoted    := '"' ( any char but '"' and '~' | "~~" | '~"' )* '"'
//                (may be empty: "" is the empty string)
//   unquoted  := one or more chars other than ',' '(' ')' '"', taken verbatim:
//                no trimming and no escapes, so `user(John Smith)` is the
//                value "John Smith" and `user( a)` is " a". A space before a
//                quoted value (`a("x", "y")`) therefore makes an unquoted
//                value containing '"', which is an error.
//
// Golden cases: tests/golden/filter/*.txt.
// Thread safety: pure functions; safe to call concurrently.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace trailkeep::query {

// One criterion: the field `name` has one of `values` (OR).
// A parsed criterion always has at least one value.
struct Criterion {
  std::string name;
  std::vector<std::string> values;
  friend bool operator==(const Criterion&, const Criterion&) = default;
};

// Parses a filter string. The empty string gives no criteria (match all).
// Errors: kInvalidArgument whose message contains "at position N" (0-based
// byte offset into `text`) for: a missing or malformed name, unbalanced
// parentheses, an unterminated quote, a bad escape ('~' followed by anything
// but '~' or '"'), an empty value list `name()`, an empty unquoted value
// `name(a,)`, a stray '"' or '(' in an unquoted value, and trailing garbage.
Result<std::vector<Criterion>> ParseFilter(std::string_view text);

// The canonical text of `criteria`: every value quoted and escaped, so that
// ParseFilter(FormatFilter(c)) == c for any criteria whose names are valid
// and whose value lists are non-empty.
std::string FormatFilter(const std::vector<Criterion>& criteria);

}  // namespace trailkeep::query
