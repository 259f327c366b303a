// Rank by cuts, for ids that follow time only roughly (clients a little late
// make neighbouring buckets' id ranges overlap, so the id descent's groups
// chain up). With the window's hour pieces (count, min id, max id), the
// number of events with id < X is the sum of whole pieces below X plus, for
// the few pieces whose range straddles X, a short count of their ids on the
// smaller side of X. The offset's event lies between two consecutive cuts
// X = a piece's min id, about one hour bucket apart: only that stretch is
// scanned.
#include <algorithm>

#include "query/offset_pieces.h"

namespace trailkeep::query::offset_internal {
namespace {

using store::Order;

constexpr int64_t kCutPieceMs = 3'600'000;
// More hour pieces than this (15 days) are not worth counting.
constexpr size_t kMaxCutPieces = 360;
// A straddling piece is counted only when one side of X spans at most this
// many ids (each id is at most one record to walk).
constexpr uint64_t kMaxPartialIds = 20'000;

// Events of piece `p` with id < x; nullopt when both sides are too long.
Result<std::optional<uint64_t>> CountBelow(const WindowReader& r, const Piece& p, uint64_t x) {
  if (p.max_id < x) return std::optional<uint64_t>(p.count);
  if (p.min_id >= x) return std::optional<uint64_t>(0);
  bool count_above = p.max_id - x < x - p.min_id;
  if ((count_above ? p.max_id - x : x - p.min_id) > kMaxPartialIds) {
    return std::optional<uint64_t>();
  }
  store::ScanSpec spec = r.Spec(count_above ? Order::kIdAsc : Order::kIdDesc);
  spec.from = {p.from};
  spec.to = {p.to};
  spec.after = store::Position{{0}, {count_above ? x - 1 : x}};
  uint64_t side = 0;
  TK_RETURN_IF_ERROR(r.ScanStore(spec, [&](const store::StoredEvent&) {
    ++side;
    return store::Visit::kContinue;
  }));
  if (count_above) return std::optional<uint64_t>(side > p.count ? 0 : p.count - side);
  return std::optional<uint64_t>(side);
}

// Window events with id < x; nullopt when a piece is too costly.
Result<std::optional<uint64_t>> RankOf(const WindowReader& r, const std::vector<Piece>& pieces,
                                       uint64_t x) {
  uint64_t rank = 0;
  for (const Piece& p : pieces) {
    TK_ASSIGN_OR_RETURN(std::optional<uint64_t> below, CountBelow(r, p, x));
    if (!below) return below;
    rank += *below;
  }
  return std::optional<uint64_t>(rank);
}

}  // namespace

Result<std::optional<uint64_t>> IdAtRank(const WindowReader& r, int64_t from, int64_t to,
                                         uint64_t rank) {
  std::vector<Piece> split;
  if (!Split(from, to, kCutPieceMs, kMaxCutPieces, &split)) return std::optional<uint64_t>();
  std::vector<Piece> pieces;
  for (Piece& q : split) {
    TK_ASSIGN_OR_RETURN(bool consistent, r.Fill(&q));
    if (!consistent) return std::optional<uint64_t>();
    if (q.count > 0) pieces.push_back(q);
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
    TK_ASSIGN_OR_RETURN(std::optional<uint64_t> at, RankOf(r, pieces, cuts[mid]));
    if (!at) return at;
    if (*at <= rank) {
      lo = mid, lo_rank = *at;
    } else {
      hi = mid - 1;
    }
  }
  std::optional<uint64_t> id;
  uint64_t skip = rank - lo_rank;
  store::ScanSpec spec = r.Spec(Order::kIdAsc);
  spec.after = store::Position{{0}, {cuts[lo] - 1}};
  TK_RETURN_IF_ERROR(r.ScanStore(spec, [&](const store::StoredEvent& e) {
    if (skip > 0) {
      --skip;
      return store::Visit::kContinue;
    }
    id = e.id.value;
    return store::Visit::kStop;
  }));
  return id;
}

}  // namespace trailkeep::query::offset_internal
