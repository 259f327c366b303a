#include "query/offset_pieces.h"

#include <algorithm>
#include <string>
#include <string_view>

#include "codec/canonical.h"
#include "codec/json_writer.h"

namespace trailkeep::query::offset_internal {
namespace {

using store::Order;

// How many events EdgeId walks without the match before it lets the store
// apply it (see EdgeId).
constexpr int kEdgeProbe = 16;

// floor(t / g). REQUIRES: g > 0.
int64_t FloorQuotient(int64_t t, int64_t g) {
  int64_t q = t / g;
  if (t % g != 0 && t < 0) --q;
  return q;
}

// The first multiple of g strictly after t, or INT64_MAX when it is not
// representable. 128-bit: near INT64_MIN the multiple at or below t is not
// representable either (UBSan caught the 64-bit product overflowing).
int64_t NextMultiple(int64_t t, int64_t g) {
  const __int128 next = (static_cast<__int128>(FloorQuotient(t, g)) + 1) * g;
  return next > INT64_MAX ? INT64_MAX : static_cast<int64_t>(next);
}

// True when the stored event satisfies `m`. The quoted value must occur in
// the canonical bytes (a cheap test that rejects most non-matching events
// without parsing); the parsed event decides. An event that does not parse
// counts as not matching: EdgeId then leaves the decision to the store.
bool MatchesCanonical(std::string_view canonical, const store::FieldMatch& m,
                      const std::vector<std::string>& quoted) {
  if (m.field != model::IndexedField::kSuccess) {
    bool seen = std::any_of(quoted.begin(), quoted.end(), [&](const std::string& q) {
      return canonical.find(q) != std::string_view::npos;
    });
    if (!seen) return false;
  }
  Result<model::Event> event = codec::ParseCanonical(canonical);
  if (!event.ok()) return false;
  std::optional<std::string_view> v = model::IndexedValue(*event, m.field);
  return v && std::find(m.values.begin(), m.values.end(), *v) != m.values.end();
}

}  // namespace

bool Split(int64_t from, int64_t to, int64_t g, size_t max, std::vector<Piece>* out) {
  if (from >= to) return true;
  // Number of boundaries crossed, computed without overflow.
  const int64_t first = FloorQuotient(from, g);
  const int64_t last = FloorQuotient(to - 1, g);
  if (static_cast<uint64_t>(last - first) >= max) return false;
  int64_t a = from;
  while (a < to) {
    const int64_t b = std::min(to, NextMultiple(a, g));
    out->push_back(Piece{a, b});
    a = b;
  }
  return true;
}

bool WindowReader::ascending() const {
  return window_->order == Order::kIdAsc || window_->order == Order::kTimeAsc;
}

bool WindowReader::by_time() const {
  return window_->order == Order::kTimeAsc || window_->order == Order::kTimeDesc;
}

store::ScanSpec WindowReader::Spec(Order order) const {
  store::ScanSpec spec(window_->tenant, window_->from, window_->to, order);
  if (window_->match) spec.matches.push_back(*window_->match);
  return spec;
}

Result<uint64_t> WindowReader::Count(int64_t from, int64_t to) const {
  return store_->Count(store::CountSpec{window_->tenant, {from}, {to}, window_->match});
}

// With a match, the first few events are walked without it and tested here:
// pushing the match could make the store collect the piece's whole posting
// list (its selective path), where a frequent match is found among the first
// events from the edge of the id range. A rare match is left to the store
// after kEdgeProbe misses, resuming after the events already walked.
Result<uint64_t> WindowReader::EdgeId(int64_t from, int64_t to, Order order) const {
  store::ScanSpec spec(window_->tenant, {from}, {to}, order);
  uint64_t id = 0;
  if (!window_->match) {
    TK_RETURN_IF_ERROR(store_->Scan(spec, [&](const store::StoredEvent& e) {
      id = e.id.value;
      return store::Visit::kStop;
    }));
    return id;
  }
  const store::FieldMatch& match = *window_->match;
  std::vector<std::string> quoted(match.values.size());
  for (size_t i = 0; i < quoted.size(); ++i) codec::AppendJsonString(match.values[i], &quoted[i]);
  int walked = 0;
  uint64_t last = 0;
  TK_RETURN_IF_ERROR(store_->Scan(spec, [&](const store::StoredEvent& e) {
    if (walked == kEdgeProbe) return store::Visit::kStop;
    ++walked;
    last = e.id.value;
    if (!MatchesCanonical(e.canonical, match, quoted)) return store::Visit::kContinue;
    id = e.id.value;
    return store::Visit::kStop;
  }));
  if (id != 0 || walked < kEdgeProbe) return id;
  spec.matches.push_back(match);
  spec.after = store::Position{{0}, {last}};
  TK_RETURN_IF_ERROR(store_->Scan(spec, [&](const store::StoredEvent& e) {
    id = e.id.value;
    return store::Visit::kStop;
  }));
  return id;
}

Result<bool> WindowReader::Fill(Piece* p) const {
  TK_ASSIGN_OR_RETURN(p->count, Count(p->from, p->to));
  if (p->count == 0) return true;
  if (!window_->match) {
    TK_ASSIGN_OR_RETURN(std::optional<store::IdSpan> span,
                        store_->IdSpanOf(window_->tenant, {p->from}, {p->to}));
    if (!span) return false;
    p->min_id = span->min.value;
    p->max_id = span->max.value;
    return true;
  }
  TK_ASSIGN_OR_RETURN(p->min_id, EdgeId(p->from, p->to, Order::kIdAsc));
  TK_ASSIGN_OR_RETURN(p->max_id, EdgeId(p->from, p->to, Order::kIdDesc));
  return p->min_id != 0 && p->max_id != 0;
}

Result<bool> WindowReader::FillAll(std::vector<Piece>* pieces, int64_t grain, bool ids) const {
  auto whole = [grain](const Piece& p) { return p.from % grain == 0 && p.to - p.from == grain; };
  const bool batched = !window_->match && store::IsBucketGrain(grain);
  std::vector<store::BucketStat> stats;
  if (batched) {
    int64_t lo = INT64_MAX, hi = INT64_MIN;
    for (const Piece& p : *pieces) {
      if (!whole(p)) continue;
      lo = std::min(lo, p.from);
      hi = std::max(hi, p.to);
    }
    if (lo < hi) {
      TK_ASSIGN_OR_RETURN(stats, store_->BucketStats(window_->tenant, {lo}, {hi}, grain));
    }
  }
  auto stat = stats.begin();  // pieces and stats are both in time order
  for (Piece& p : *pieces) {
    if (!batched || !whole(p)) {
      if (!ids) {
        TK_ASSIGN_OR_RETURN(p.count, Count(p.from, p.to));
        continue;
      }
      TK_ASSIGN_OR_RETURN(bool consistent, Fill(&p));
      if (!consistent) return false;
      continue;
    }
    while (stat != stats.end() && stat->start.ms < p.from) ++stat;
    if (stat == stats.end() || stat->start.ms != p.from) {
      p.count = 0;
      continue;
    }
    p.count = stat->count;
    p.min_id = stat->ids.min.value;
    p.max_id = stat->ids.max.value;
  }
  return true;
}

Result<std::optional<int64_t>> WindowReader::EdgeTime(Order order) const {
  std::optional<int64_t> time;
  TK_RETURN_IF_ERROR(store_->Scan(Spec(order), [&](const store::StoredEvent& e) {
    time = e.time.ms;
    return store::Visit::kStop;
  }));
  return time;
}

}  // namespace trailkeep::query::offset_internal
