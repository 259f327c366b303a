// LocateOffset (query/offset_locate.h): the descents through time pieces.
// The rank by cuts lives in offset_rank.cc, the store reads in
// offset_pieces.cc.
#include "query/offset_locate.h"

#include <algorithm>
#include <array>
#include <utility>

#include "query/offset_pieces.h"

namespace trailkeep::query {
namespace {

using offset_internal::Piece;
using offset_internal::Split;
using offset_internal::WindowReader;
using store::Order;

// Descend through aligned pieces of 1,024 and 32 days (free when the window
// is shorter: a level that cuts nothing is passed without counting), UTC
// days, hours and minutes: the store keeps exact counts per minute and day.
constexpr std::array<int64_t, 5> kGranularityMs = {1024 * 86'400'000LL, 32 * 86'400'000LL,
                                                   86'400'000, 3'600'000, 60'000};
// A piece this small is scanned rather than split further.
constexpr uint64_t kScanThreshold = 256;
// A span whose pieces would split into more than this many is scanned: its
// ids are too scattered over time for buckets to help.
constexpr size_t kMaxPieces = 360;
// When the descent still leaves more than this many events to skip, ranks by
// cuts are tried (see offset_rank.cc).
constexpr uint64_t kCutsWorthIt = 2048;

OffsetStart ScanFrom(store::ScanSpec spec, uint64_t skip) {
  return OffsetStart{std::move(spec), skip, false};
}

OffsetStart PastEnd(const WindowReader& r) { return OffsetStart{r.Spec(), 0, true}; }

// Resumes the id-ordered window scan at the edge of an id range.
OffsetStart StartAtIds(const WindowReader& r, uint64_t min_id, uint64_t max_id, uint64_t skip) {
  store::ScanSpec spec = r.Spec();
  spec.after = store::Position{{0}, {r.ascending() ? min_id - 1 : max_id + 1}};
  return ScanFrom(std::move(spec), skip);
}

// Pieces whose events form one contiguous run of the window's id order.
struct Span {
  std::vector<Piece> pieces;
  uint64_t count = 0, min_id = 0, max_id = 0;
};

// Groups `pieces` (non-empty ones, with id ranges) into spans with disjoint
// id ranges, in the window's id order.
std::vector<Span> GroupByIds(std::vector<Piece> pieces, bool ascending) {
  std::sort(pieces.begin(), pieces.end(),
            [](const Piece& a, const Piece& b) { return a.min_id < b.min_id; });
  std::vector<Span> spans;
  for (const Piece& q : pieces) {
    if (spans.empty() || q.min_id > spans.back().max_id) spans.push_back(Span{{}, 0, q.min_id, 0});
    Span& s = spans.back();
    s.pieces.push_back(q);
    s.count += q.count;
    s.max_id = std::max(s.max_id, q.max_id);
  }
  if (!ascending) std::reverse(spans.begin(), spans.end());
  return spans;
}

// REQUIRES: the window's events in `span` are contiguous in the window's id
// order; skip < span.count. Splits the span's pieces at the next granularity,
// regroups them by id range and descends into the group holding `skip`;
// scans from the span's first id once it is small, at minute granularity, or
// too scattered to split further.
Result<OffsetStart> DescendById(const WindowReader& r, const Span& span, uint64_t skip,
                                size_t level) {
  auto scan_span = [&] { return StartAtIds(r, span.min_id, span.max_id, skip); };
  if (level >= kGranularityMs.size() || span.count <= kScanThreshold) return scan_span();
  std::vector<Piece> subs;
  for (const Piece& p : span.pieces) {
    if (!Split(p.from, p.to, kGranularityMs[level], kMaxPieces - subs.size(), &subs)) {
      return scan_span();
    }
  }
  if (subs.size() == span.pieces.size()) return DescendById(r, span, skip, level + 1);
  // A count can race a commit; scanning stays exact.
  TK_ASSIGN_OR_RETURN(bool consistent, r.FillAll(&subs, kGranularityMs[level], /*ids=*/true));
  if (!consistent) return scan_span();
  std::vector<Piece> filled;
  for (const Piece& q : subs) {
    if (q.count > 0) filled.push_back(q);
  }
  uint64_t before = 0;
  for (const Span& g : GroupByIds(std::move(filled), r.ascending())) {
    if (skip < before + g.count) return DescendById(r, g, skip - before, level + 1);
    before += g.count;
  }
  return scan_span();  // counts moved under concurrent commits
}

// Time order: pieces follow each other in time; REQUIRES skip < p.count.
Result<OffsetStart> DescendByTime(const WindowReader& r, const Piece& p, uint64_t skip,
                                  size_t level) {
  auto start_here = [&] {
    store::ScanSpec spec = r.Spec();
    if (r.ascending()) {
      spec.from = {p.from};
    } else {
      spec.to = {p.to};
    }
    return ScanFrom(std::move(spec), skip);
  };
  if (level >= kGranularityMs.size() || p.count <= kScanThreshold) return start_here();
  std::vector<Piece> pieces;
  if (!Split(p.from, p.to, kGranularityMs[level], kMaxPieces, &pieces)) return start_here();
  if (pieces.size() == 1) return DescendByTime(r, p, skip, level + 1);
  TK_ASSIGN_OR_RETURN(bool consistent, r.FillAll(&pieces, kGranularityMs[level], /*ids=*/false));
  if (!consistent) return start_here();
  if (!r.ascending()) std::reverse(pieces.begin(), pieces.end());
  uint64_t before = 0;
  for (Piece& q : pieces) {
    if (skip < before + q.count) return DescendByTime(r, q, skip - before, level + 1);
    before += q.count;
  }
  return start_here();
}

// A start at least as cheap as `start` (from DescendById), by cuts when the
// descent left a long stretch to skip. `whole` covers every window event.
Result<OffsetStart> PreferCuts(const WindowReader& r, const Piece& whole, uint64_t offset,
                               OffsetStart start) {
  if (start.skip <= kCutsWorthIt) return start;
  uint64_t rank = r.ascending() ? offset : whole.count - 1 - offset;
  TK_ASSIGN_OR_RETURN(std::optional<uint64_t> id,
                      offset_internal::IdAtRank(r, whole.from, whole.to, rank));
  if (!id) return start;
  return StartAtIds(r, *id, *id, 0);
}

}  // namespace

Result<OffsetStart> LocateOffset(store::EventStore& store, const OffsetWindow& window,
                                 uint64_t offset) {
  WindowReader r(store, window);
  if (window.from >= window.to) return PastEnd(r);
  if (offset == 0) return ScanFrom(r.Spec(), 0);
  Piece whole{window.from.ms, window.to.ms};
  TK_ASSIGN_OR_RETURN(whole.count, r.Count(whole.from, whole.to));
  if (offset >= whole.count) return PastEnd(r);
  // A window too wide to split (all time) is narrowed to the times of its
  // first and last event.
  std::vector<Piece> top;
  if (!Split(whole.from, whole.to, kGranularityMs[0], kMaxPieces, &top)) {
    TK_ASSIGN_OR_RETURN(std::optional<int64_t> first, r.EdgeTime(Order::kTimeAsc));
    TK_ASSIGN_OR_RETURN(std::optional<int64_t> last, r.EdgeTime(Order::kTimeDesc));
    if (!first || !last) return ScanFrom(r.Spec(), offset);  // raced a commit
    whole.from = *first;
    whole.to = *last + 1;  // last < window.to: no overflow
  }
  if (r.by_time()) return DescendByTime(r, whole, offset, 0);

  TK_ASSIGN_OR_RETURN(whole.min_id, r.EdgeId(whole.from, whole.to, Order::kIdAsc));
  TK_ASSIGN_OR_RETURN(whole.max_id, r.EdgeId(whole.from, whole.to, Order::kIdDesc));
  if (whole.min_id == 0 || whole.max_id == 0) return ScanFrom(r.Spec(), offset);
  TK_ASSIGN_OR_RETURN(
      OffsetStart start,
      DescendById(r, Span{{whole}, whole.count, whole.min_id, whole.max_id}, offset, 0));
  return PreferCuts(r, whole, offset, std::move(start));
}

}  // namespace trailkeep::query
