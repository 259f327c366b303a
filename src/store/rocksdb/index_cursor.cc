#include "store/rocksdb/index_cursor.h"

#include <algorithm>
#include <functional>

#include "store/rocksdb/keys.h"
#include "store/rocksdb/status_adapter.h"

namespace trailkeep::store::rocksdb_store {

void IndexCursor::Open(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf, rocksdb::ReadOptions ro,
                       std::string prefix, const ScanSpec& spec, bool desc) {
  prefix_ = std::move(prefix);
  SetWindow(spec, desc);
  width_ = RunWidthMs(prefix_);
  // A run is keyed by its first entry, so runs starting before `from` in
  // from's bucket may hold entries in the window; runs starting at or after
  // `to` cannot.
  lower_ = prefix_;
  PutI64(&lower_, RunBucketStart(from_, width_));
  upper_ = prefix_;
  PutI64(&upper_, to_);
  lower_slice_ = rocksdb::Slice(lower_);
  upper_slice_ = rocksdb::Slice(upper_);
  ro.iterate_lower_bound = &lower_slice_;
  ro.iterate_upper_bound = &upper_slice_;
  it_.reset(db->NewIterator(ro, cf));
  if (from_ >= to_) return;
  if (!desc_) {
    if (after_ && after_->time >= from_) {
      std::string start = prefix_;
      PutI64(&start, RunBucketStart(after_->time, width_));
      it_->Seek(start);
    } else {
      it_->SeekToFirst();
    }
  } else if (after_ && *after_ < TimeId{to_, 0}) {
    // Runs keyed after `after` hold only entries after it.
    std::string start = prefix_;
    AppendTimeId(&start, after_->time, after_->id);
    it_->SeekForPrev(start);
  } else {
    it_->SeekToLast();
  }
  LoadBucket();
}

void IndexCursor::SetWindow(const ScanSpec& spec, bool desc) {
  desc_ = desc;
  from_ = spec.from.ms;
  to_ = spec.to.ms;
  if (spec.after) after_ = TimeId{spec.after->time.ms, spec.after->id.value};
}

void IndexCursor::OpenBlocks(std::unique_ptr<BlockSet> blocks, const ScanSpec& spec, bool desc) {
  SetWindow(spec, desc);
  blocks_ = std::move(blocks);
  blocks_->StartWalk(from_, to_, after_, desc_);
  LoadBucket();
}

bool IndexCursor::InWindow(TimeId e) const {
  if (e.time < from_ || e.time >= to_) return false;
  if (!after_) return true;
  return desc_ ? e < *after_ : e > *after_;
}

bool IndexCursor::ReadRuns() {
  if (!it_->Valid()) return false;
  std::optional<int64_t> bucket;
  for (; it_->Valid(); desc_ ? it_->Prev() : it_->Next()) {
    std::optional<TimeId> first = RunKeyFirst(it_->key().ToStringView(), prefix_.size());
    if (!first) {
      corrupt_ = true;
      return false;
    }
    if (!bucket) bucket = FloorDiv(first->time, width_);
    if (FloorDiv(first->time, width_) != *bucket) break;
    if (!DecodeRun(*first, it_->value().ToStringView(), &bucket_)) {
      corrupt_ = true;
      return false;
    }
  }
  return true;
}

void IndexCursor::LoadBucket() {
  bucket_.clear();
  pos_ = 0;
  while (bucket_.empty()) {
    if (!(blocks_ ? blocks_->NextBucket(&bucket_) : ReadRuns())) {
      bucket_.clear();
      return;
    }
    decoded_ += bucket_.size();
    std::erase_if(bucket_, [this](const TimeId& e) { return !InWindow(e); });
    if (desc_) {
      std::sort(bucket_.begin(), bucket_.end(), std::greater<TimeId>());
    } else {
      std::sort(bucket_.begin(), bucket_.end());
    }
  }
}

void IndexCursor::Advance() {
  if (++pos_ == bucket_.size()) LoadBucket();
}

Status IndexCursor::status() const {
  if (corrupt_) return Internal("corrupt index run under a " + std::to_string(prefix_.size()) +
                                "-byte prefix");
  if (blocks_ && blocks_->corrupt()) return Internal("corrupt posting block");
  if (!it_) return Status::Ok();
  return FromRocks(it_->status(), "scan");
}

Result<uint64_t> CountRuns(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf,
                           rocksdb::ReadOptions ro, const std::string& prefix, int64_t from,
                           int64_t to, uint64_t limit, uint64_t* decoded) {
  if (from >= to) return uint64_t{0};
  const int64_t width = RunWidthMs(prefix);
  std::string lower = prefix, upper = prefix;
  PutI64(&lower, RunBucketStart(from, width));
  PutI64(&upper, to);
  rocksdb::Slice lower_slice(lower), upper_slice(upper);
  ro.iterate_lower_bound = &lower_slice;
  ro.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(ro, cf));
  uint64_t n = 0;
  std::vector<TimeId> entries;
  for (it->SeekToFirst(); it->Valid() && n < limit; it->Next()) {
    std::optional<TimeId> first = RunKeyFirst(it->key().ToStringView(), prefix.size());
    if (!first) return Internal("corrupt index run key");
    const std::string_view value = it->value().ToStringView();
    // 128-bit: bucket bounds near the int64 limits are not representable.
    const __int128 start = static_cast<__int128>(FloorDiv(first->time, width)) * width;
    if (start >= from && start + width <= to) {
      std::optional<uint64_t> size = RunSize(value);
      if (!size) return Internal("corrupt index run");
      n += *size;
      continue;
    }
    entries.clear();
    if (!DecodeRun(*first, value, &entries)) return Internal("corrupt index run");
    *decoded += entries.size();
    for (const TimeId& e : entries) n += e.time >= from && e.time < to;
  }
  TK_RETURN_IF_ERROR(FromRocks(it->status(), "count"));
  return std::min(n, limit);
}

IndexCursor* NextCursor(std::vector<IndexCursor>& cursors, bool desc) {
  IndexCursor* next = nullptr;
  for (IndexCursor& c : cursors) {
    if (!c.Valid()) continue;
    if (!next || (desc ? c.Current() > next->Current() : c.Current() < next->Current())) next = &c;
  }
  return next;
}

}  // namespace trailkeep::store::rocksdb_store
