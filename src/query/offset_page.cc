#include "query/offset_page.h"

#include <string>
#include <utility>

#include "query/offset_locate.h"

namespace trailkeep::query {
namespace {

// A visitor that drops `skip` events, then fills `page` with up to `limit`
// and notes whether one more follows.
store::Visitor SkipThenCollect(uint64_t skip, size_t limit, Page* page) {
  return [skip, limit, page](const store::StoredEvent& stored) mutable {
    if (skip > 0) {
      --skip;
      return store::Visit::kContinue;
    }
    if (page->events.size() >= limit) {
      page->more = true;  // the (limit + 1)-th event
      return store::Visit::kStop;
    }
    page->events.push_back(OwnedEvent{stored.id, stored.time, std::string(stored.canonical)});
    return store::Visit::kContinue;
  };
}

bool CanLocate(const store::ScanSpec& base, const Selection& selection) {
  return !base.after && base.matches.empty() && selection.has_cheap_count();
}

}  // namespace

Result<Page> FetchPageAtOffset(store::EventStore& store, const store::ScanSpec& base,
                               const Selection& selection, uint64_t offset, size_t limit) {
  Page page;
  if (selection.matches_nothing()) return page;
  if (!CanLocate(base, selection)) {
    TK_RETURN_IF_ERROR(ForEach(store, base, selection, SkipThenCollect(offset, limit, &page)));
    return page;
  }
  OffsetWindow window{base.tenant, base.from, base.to, std::nullopt, base.order};
  if (!selection.pushed().empty()) window.match = selection.pushed().front();
  TK_ASSIGN_OR_RETURN(OffsetStart start, LocateOffset(store, window, offset));
  if (start.past_end) return page;
  TK_RETURN_IF_ERROR(store.Scan(start.spec, SkipThenCollect(start.skip, limit, &page)));
  return page;
}

}  // namespace trailkeep::query
