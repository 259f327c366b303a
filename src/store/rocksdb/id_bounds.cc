#include "store/rocksdb/id_bounds.h"

#include <algorithm>
#include <memory>

#include "store/rocksdb/bucket_scan.h"
#include "store/rocksdb/status_adapter.h"

namespace trailkeep::store::rocksdb_store {

IdBounds::IdBounds(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* counts,
                   const rocksdb::ReadOptions& ro, TenantOrdinal t, int64_t from, int64_t to,
                   bool ascending)
    : db_(db),
      counts_(counts),
      ro_(ro),
      tenant_(t),
      ascending_(ascending),
      identity_(ascending ? UINT64_MAX : 0),
      first_day_(FloorDiv(from, kDayMs)),
      last_day_(FloorDiv(to - 1, kDayMs)) {}

uint64_t IdBounds::Combine(uint64_t a, uint64_t b) const {
  return ascending_ ? std::min(a, b) : std::max(a, b);
}

Status IdBounds::Load(char gran, int64_t first, int64_t end,
                      std::vector<std::pair<int64_t, uint64_t>>* out) {
  out->clear();
  std::string prefix;
  AppendIdRangePrefix(&prefix, tenant_, gran);
  if (!it_) it_.reset(db_->NewIterator(ro_, counts_));
  ForEachBucket(it_.get(), prefix, first, end, [&](int64_t bucket, const rocksdb::Slice& v) {
    uint64_t min_id, max_id;
    if (DecodeIdRange(v, &min_id, &max_id)) out->emplace_back(bucket, ascending_ ? min_id : max_id);
  });
  return FromRocks(it_->status(), "id bounds");
}

Status IdBounds::LoadDense(char gran, int64_t first, int64_t n, std::vector<uint64_t>* out) {
  std::vector<std::pair<int64_t, uint64_t>> stored;
  TK_RETURN_IF_ERROR(Load(gran, first, first + n, &stored));
  out->assign(static_cast<size_t>(n), identity_);
  for (const auto& [bucket, id] : stored) (*out)[static_cast<size_t>(bucket - first)] = id;
  return Status::Ok();
}

void IdBounds::Scan(std::vector<uint64_t>* v, bool inclusive) const {
  // Descending walks ask about [from, time]: combine from the front.
  // Ascending walks ask about [time, to): combine from the back.
  const size_t n = v->size();
  uint64_t acc = identity_;
  for (size_t k = 0; k < n; ++k) {
    const size_t i = ascending_ ? n - 1 - k : k;
    const uint64_t own = (*v)[i];
    if (inclusive) acc = Combine(acc, own);
    (*v)[i] = acc;
    if (!inclusive) acc = Combine(acc, own);
  }
}

Result<uint64_t> IdBounds::Bound(int64_t time, bool fine) {
  const int64_t day = FloorDiv(time, kDayMs);
  const int64_t hour = FloorDiv(time, kHourMs);
  const int64_t minute = FloorDiv(time, kMinuteMs);
  if (!days_loaded_) {
    std::vector<std::pair<int64_t, uint64_t>> stored;
    TK_RETURN_IF_ERROR(Load(kDay, first_day_, last_day_ + 1, &stored));
    for (const auto& [d, id] : stored) {
      day_numbers_.push_back(d);
      days_.push_back(id);
    }
    Scan(&days_, /*inclusive=*/true);
    days_loaded_ = true;
  }
  if (day != hours_day_) {
    TK_RETURN_IF_ERROR(LoadDense(kHour, day * kHoursPerDay, kHoursPerDay, &hours_));
    hours_in_ = hours_;
    Scan(&hours_, /*inclusive=*/false);
    Scan(&hours_in_, /*inclusive=*/true);
    hours_day_ = day;
  }
  if (fine && hour != minutes_hour_) {
    TK_RETURN_IF_ERROR(LoadDense(kMinute, hour * 60, 60, &minutes_));
    Scan(&minutes_, /*inclusive=*/true);
    minutes_hour_ = hour;
  }
  // The stored days before `day` (descending) or after it (ascending);
  // `day` itself is covered by its hours and minutes.
  uint64_t b = identity_;
  if (!ascending_) {
    auto at = std::lower_bound(day_numbers_.begin(), day_numbers_.end(), day);
    if (at != day_numbers_.begin()) b = days_[static_cast<size_t>(at - day_numbers_.begin()) - 1];
  } else {
    auto at = std::upper_bound(day_numbers_.begin(), day_numbers_.end(), day);
    if (at != day_numbers_.end()) b = days_[static_cast<size_t>(at - day_numbers_.begin())];
  }
  const size_t h = static_cast<size_t>(hour - day * kHoursPerDay);
  if (!fine) return Combine(b, hours_in_[h]);
  b = Combine(b, hours_[h]);
  return Combine(b, minutes_[static_cast<size_t>(minute - hour * 60)]);
}

}  // namespace trailkeep::store::rocksdb_store
