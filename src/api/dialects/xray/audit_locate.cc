#include "api/dialects/xray/audit_locate.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "api/dialects/xray/audit_record.h"

namespace trailkeep::api::dialects::xray {
namespace {

using store::Order;

// Descend through UTC days, hours, minutes: the granularities the store keeps
// exact counts for (minutes and days; hours are 60 minute buckets).
constexpr std::array<int64_t, 3> kGranularityMs = {86'400'000, 3'600'000, 60'000};
// A piece this small is scanned rather than split further.
constexpr uint64_t kScanThreshold = 256;
// A span whose pieces would split into more than this many is scanned: its
// ids are too scattered over time for buckets to help.
constexpr size_t kMaxPieces = 360;
// When the descent still leaves more than this many events to skip, ranks by
// cuts are tried (see IdAtRank).
constexpr uint64_t kCutsWorthIt = 2048;

struct Piece {
  int64_t from, to;  // [from, to)
  uint64_t count = 0;
  uint64_t min_id = 0, max_id = 0;
};

int64_t FloorTo(int64_t t, int64_t g) {
  int64_t q = t / g;
  if (t % g != 0 && t < 0) --q;
  return q * g;
}

// [from, to) cut at multiples of `g`.
std::vector<Piece> Split(int64_t from, int64_t to, int64_t g) {
  std::vector<Piece> pieces;
  int64_t a = from;
  while (a < to) {
    int64_t next = FloorTo(a, g);
    // Next boundary strictly after a (guarding overflow near INT64_MAX).
    int64_t b = next > INT64_MAX - g ? to : std::min(to, next + g);
    pieces.push_back(Piece{a, b});
    a = b;
  }
  return pieces;
}

Result<uint64_t> CountIn(store::EventStore& store, const AuditWindow& w, int64_t from, int64_t to) {
  return store.Count(store::CountSpec{w.tenant, {from}, {to}, CurationKindMatch()});
}

// True when stored canonical bytes are a curation.package event. Canonical
// JSON writes `kind` as the first member named "kind" (after id, tenant, time
// and received, none of which can hold that text; codec/canonical.h).
bool IsCurationKind(std::string_view canonical) {
  static constexpr std::string_view kKey = "\"kind\":\"";
  size_t at = canonical.find(kKey);
  if (at == std::string_view::npos) return false;
  std::string_view rest = canonical.substr(at + kKey.size());
  return rest.size() > kCurationKind.size() &&
         rest.substr(0, kCurationKind.size()) == kCurationKind && rest[kCurationKind.size()] == '"';
}

// The first curation event id of [from, to) in `order` (kIdAsc: the minimum,
// kIdDesc: the maximum); 0 when none. The scan carries no match on purpose:
// with one, the store may collect the piece's whole posting list (its
// selective path) where walking from the edge of the id range finds the
// answer in the first few records.
Result<uint64_t> EdgeId(store::EventStore& store, const AuditWindow& w, int64_t from, int64_t to,
                        Order order) {
  uint64_t id = 0;
  store::ScanSpec spec{w.tenant, {from}, {to}, order, std::nullopt, {}};
  TK_RETURN_IF_ERROR(store.Scan(spec, [&](const store::StoredEvent& e) {
    if (!IsCurationKind(e.canonical)) return store::Visit::kContinue;
    id = e.id.value;
    return store::Visit::kStop;
  }));
  return id;
}

store::ScanSpec WindowSpec(const AuditWindow& w, Order order) {
  return store::ScanSpec{w.tenant, w.from, w.to, order, std::nullopt, {CurationKindMatch()}};
}

// Resumes the id-ordered window scan at the edge of an id range.
ScanStart StartAtIds(const AuditWindow& w, uint64_t min_id, uint64_t max_id, uint64_t skip) {
  ScanStart s{WindowSpec(w, w.ascending ? Order::kIdAsc : Order::kIdDesc), skip, false};
  uint64_t after = w.ascending ? min_id - 1 : max_id + 1;
  s.spec.after = store::Position{{0}, {after}};
  return s;
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
Result<ScanStart> DescendById(store::EventStore& store, const AuditWindow& w, const Span& span,
                              uint64_t skip, size_t level) {
  auto scan_span = [&] { return StartAtIds(w, span.min_id, span.max_id, skip); };
  if (level >= kGranularityMs.size() || span.count <= kScanThreshold) return scan_span();
  std::vector<Piece> subs;
  for (const Piece& p : span.pieces) {
    for (const Piece& q : Split(p.from, p.to, kGranularityMs[level])) subs.push_back(q);
  }
  if (subs.size() > kMaxPieces) return scan_span();
  if (subs.size() == span.pieces.size()) return DescendById(store, w, span, skip, level + 1);
  std::vector<Piece> filled;
  for (Piece& q : subs) {
    TK_ASSIGN_OR_RETURN(q.count, CountIn(store, w, q.from, q.to));
    if (q.count == 0) continue;
    TK_ASSIGN_OR_RETURN(q.min_id, EdgeId(store, w, q.from, q.to, Order::kIdAsc));
    TK_ASSIGN_OR_RETURN(q.max_id, EdgeId(store, w, q.from, q.to, Order::kIdDesc));
    // A count can race a commit; scanning stays exact.
    if (q.min_id == 0 || q.max_id == 0) return scan_span();
    filled.push_back(q);
  }
  uint64_t before = 0;
  for (const Span& g : GroupByIds(std::move(filled), w.ascending)) {
    if (skip < before + g.count) return DescendById(store, w, g, skip - before, level + 1);
    before += g.count;
  }
  return scan_span();  // counts moved under concurrent commits
}

// Time order: pieces follow each other in time; REQUIRES skip < p.count.
Result<ScanStart> DescendByTime(store::EventStore& store, const AuditWindow& w, const Piece& p,
                                uint64_t skip, size_t level) {
  auto start_here = [&] {
    ScanStart s{WindowSpec(w, w.ascending ? Order::kTimeAsc : Order::kTimeDesc), skip, false};
    if (w.ascending) {
      s.spec.from = {p.from};
    } else {
      s.spec.to = {p.to};
    }
    return s;
  };
  if (level >= kGranularityMs.size() || p.count <= kScanThreshold) return start_here();
  std::vector<Piece> pieces = Split(p.from, p.to, kGranularityMs[level]);
  if (pieces.size() == 1) return DescendByTime(store, w, p, skip, level + 1);
  if (!w.ascending) std::reverse(pieces.begin(), pieces.end());
  uint64_t before = 0;
  for (Piece& q : pieces) {
    TK_ASSIGN_OR_RETURN(q.count, CountIn(store, w, q.from, q.to));
    if (skip < before + q.count) return DescendByTime(store, w, q, skip - before, level + 1);
    before += q.count;
  }
  return start_here();
}

// Rank by cuts, for ids that follow time only roughly (clients a little late
// make neighbouring buckets' id ranges overlap, so DescendById's groups chain
// up). With the window's hour pieces (count, min id, max id), the number of
// events with id < X is the sum of whole pieces below X plus, for the few
// pieces whose range straddles X, a short count of their ids on the smaller
// side of X. The offset's event lies between two consecutive cuts X = a piece's
// min id, about one hour bucket apart: only that stretch is scanned.
constexpr int64_t kCutPieceMs = 3'600'000;
// A straddling piece is counted only when one side of X spans at most this
// many ids (each id is at most one record to walk).
constexpr uint64_t kMaxPartialIds = 20'000;

// Events of piece `p` with id < x; nullopt when both sides are too long.
Result<std::optional<uint64_t>> CountBelow(store::EventStore& store, const AuditWindow& w,
                                           const Piece& p, uint64_t x) {
  if (p.max_id < x) return std::optional<uint64_t>(p.count);
  if (p.min_id >= x) return std::optional<uint64_t>(0);
  bool count_above = p.max_id - x < x - p.min_id;
  if ((count_above ? p.max_id - x : x - p.min_id) > kMaxPartialIds) {
    return std::optional<uint64_t>();
  }
  store::ScanSpec spec{w.tenant,
                       {p.from},
                       {p.to},
                       count_above ? Order::kIdAsc : Order::kIdDesc,
                       store::Position{{0}, {count_above ? x - 1 : x}},
                       {CurationKindMatch()}};
  uint64_t side = 0;
  TK_RETURN_IF_ERROR(store.Scan(spec, [&](const store::StoredEvent&) {
    ++side;
    return store::Visit::kContinue;
  }));
  if (count_above) return std::optional<uint64_t>(side > p.count ? 0 : p.count - side);
  return std::optional<uint64_t>(side);
}

// Events of the window with id < x; nullopt when a piece is too costly.
Result<std::optional<uint64_t>> RankOf(store::EventStore& store, const AuditWindow& w,
                                       const std::vector<Piece>& pieces, uint64_t x) {
  uint64_t rank = 0;
  for (const Piece& p : pieces) {
    TK_ASSIGN_OR_RETURN(std::optional<uint64_t> below, CountBelow(store, w, p, x));
    if (!below) return below;
    rank += *below;
  }
  return std::optional<uint64_t>(rank);
}

// The id of the event at ascending rank `rank` (0-based) of the window;
// nullopt when the cuts cannot be counted cheaply.
Result<std::optional<uint64_t>> IdAtRank(store::EventStore& store, const AuditWindow& w,
                                         uint64_t rank) {
  std::vector<Piece> pieces;
  std::vector<Piece> split = Split(w.from.ms, w.to.ms, kCutPieceMs);
  if (split.size() > kMaxPieces) return std::optional<uint64_t>();
  for (Piece& q : split) {
    TK_ASSIGN_OR_RETURN(q.count, CountIn(store, w, q.from, q.to));
    if (q.count == 0) continue;
    TK_ASSIGN_OR_RETURN(q.min_id, EdgeId(store, w, q.from, q.to, Order::kIdAsc));
    TK_ASSIGN_OR_RETURN(q.max_id, EdgeId(store, w, q.from, q.to, Order::kIdDesc));
    if (q.min_id == 0 || q.max_id == 0) return std::optional<uint64_t>();
    pieces.push_back(q);
  }
  std::vector<uint64_t> cuts;
  for (const Piece& p : pieces) cuts.push_back(p.min_id);
  std::sort(cuts.begin(), cuts.end());
  if (cuts.empty()) return std::optional<uint64_t>();
  // The last cut whose rank is <= `rank` (the first cut has rank 0).
  size_t lo = 0, hi = cuts.size() - 1;
  uint64_t lo_rank = 0;
  while (lo < hi) {
    size_t mid = lo + (hi - lo + 1) / 2;
    TK_ASSIGN_OR_RETURN(std::optional<uint64_t> r, RankOf(store, w, pieces, cuts[mid]));
    if (!r) return r;
    if (*r <= rank) {
      lo = mid, lo_rank = *r;
    } else {
      hi = mid - 1;
    }
  }
  std::optional<uint64_t> id;
  uint64_t skip = rank - lo_rank;
  store::ScanSpec spec = WindowSpec(w, Order::kIdAsc);
  spec.after = store::Position{{0}, {cuts[lo] - 1}};
  TK_RETURN_IF_ERROR(store.Scan(spec, [&](const store::StoredEvent& e) {
    if (skip > 0) {
      --skip;
      return store::Visit::kContinue;
    }
    id = e.id.value;
    return store::Visit::kStop;
  }));
  return id;
}

// A start at least as cheap as `start` (from DescendById), by cuts when the
// descent left a long stretch to skip.
Result<ScanStart> PreferCuts(store::EventStore& store, const AuditWindow& w, uint64_t offset,
                             uint64_t total, ScanStart start) {
  if (start.skip <= kCutsWorthIt) return start;
  uint64_t rank = w.ascending ? offset : total - 1 - offset;
  TK_ASSIGN_OR_RETURN(std::optional<uint64_t> id, IdAtRank(store, w, rank));
  if (!id) return start;
  ScanStart s{WindowSpec(w, w.ascending ? Order::kIdAsc : Order::kIdDesc), 0, false};
  s.spec.after = store::Position{{0}, {w.ascending ? *id - 1 : *id + 1}};
  return s;
}

}  // namespace

Result<ScanStart> LocateById(store::EventStore& store, const AuditWindow& w, uint64_t offset) {
  if (w.from >= w.to) return ScanStart{WindowSpec(w, Order::kIdAsc), 0, true};
  if (offset == 0) {
    return ScanStart{WindowSpec(w, w.ascending ? Order::kIdAsc : Order::kIdDesc), 0, false};
  }
  Piece whole{w.from.ms, w.to.ms};
  TK_ASSIGN_OR_RETURN(whole.count, CountIn(store, w, whole.from, whole.to));
  if (offset >= whole.count) return ScanStart{WindowSpec(w, Order::kIdAsc), 0, true};
  TK_ASSIGN_OR_RETURN(whole.min_id, EdgeId(store, w, whole.from, whole.to, Order::kIdAsc));
  TK_ASSIGN_OR_RETURN(whole.max_id, EdgeId(store, w, whole.from, whole.to, Order::kIdDesc));
  if (whole.min_id == 0 || whole.max_id == 0) {
    return ScanStart{WindowSpec(w, w.ascending ? Order::kIdAsc : Order::kIdDesc), offset, false};
  }
  TK_ASSIGN_OR_RETURN(
      ScanStart start,
      DescendById(store, w, Span{{whole}, whole.count, whole.min_id, whole.max_id}, offset, 0));
  return PreferCuts(store, w, offset, whole.count, std::move(start));
}

Result<ScanStart> LocateByTime(store::EventStore& store, const AuditWindow& w, uint64_t offset) {
  Order order = w.ascending ? Order::kTimeAsc : Order::kTimeDesc;
  if (w.from >= w.to) return ScanStart{WindowSpec(w, order), 0, true};
  if (offset == 0) return ScanStart{WindowSpec(w, order), 0, false};
  Piece whole{w.from.ms, w.to.ms};
  TK_ASSIGN_OR_RETURN(whole.count, CountIn(store, w, whole.from, whole.to));
  if (offset >= whole.count) return ScanStart{WindowSpec(w, order), 0, true};
  return DescendByTime(store, w, whole, offset, 0);
}

}  // namespace trailkeep::api::dialects::xray
