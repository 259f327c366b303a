// The Dynatrace `filter` parameter planned against the canonical envelope.
//
//   user("…")       EQUALS   the entry's user (mapping.h UserOf)
//   eventType("…")  EQUALS   action        (indexed: pushed to the store)
//   category("…")   EQUALS   category      (indexed: pushed to the store)
//   entityId("…")   CONTAINS entity.id     (substring, residual)
//   dt.settings.{schema_id,scope_id,scope_name,key,object_id,object_summary}
//                   EQUALS   the entry's extra field of that name
// Several values of one criterion: OR. Several criteria: AND. Names and
// values are case-sensitive. The grammar is query/filter.h (quoted values with
// ~ escapes, unquoted values verbatim).
//
// Thread safety: a value; const methods safe to call concurrently.
#pragma once

#include <string_view>
#include <vector>

#include "base/status.h"
#include "model/event.h"
#include "query/filter.h"
#include "query/selection.h"

namespace trailkeep::api::dialects::dynatrace {

struct AuditFilter {
  // eventType, category and entityId, planned for the store.
  query::Selection selection;
  // user and dt.settings.* criteria: checked on the parsed event.
  std::vector<query::Criterion> entry_criteria;

  // True when a page or a count must parse events to check entry_criteria.
  bool needs_event() const { return !entry_criteria.empty(); }
  // True when the store's Count gives the exact total (no parsing at all).
  bool has_cheap_count() const { return !needs_event() && selection.has_cheap_count(); }
  // The entry criteria only. REQUIRES: `e` already passed `selection`.
  bool EntryMatches(const model::Event& e) const;
  // Every criterion; for tests and reference evaluation.
  bool Matches(const model::Event& e) const;

  // The `user` criteria (a subset of entry_criteria).
  std::vector<const query::Criterion*> user_criteria() const;
  // This filter with every `user` criterion turned into an EQUALS on
  // actor.id, which the store evaluates from its index and counts. Equivalent
  // only over events where no user value names an event's actor.email or
  // actor.name while its actor.id is unset (FreezeQuery checks that).
  AuditFilter WithUserById() const;
};

// Parses and plans `text`. The empty text matches every event.
// Errors: kInvalidArgument with the message for the `filter` constraint
// violation: a grammar error ("... at position N") or an unknown criterion.
Result<AuditFilter> ParseAuditFilter(std::string_view text);

}  // namespace trailkeep::api::dialects::dynatrace
