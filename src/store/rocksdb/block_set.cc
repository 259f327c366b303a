#include "store/rocksdb/block_set.h"

#include <algorithm>

#include "store/rocksdb/keys.h"

namespace trailkeep::store::rocksdb_store {

bool BlockSet::AddBlock(uint64_t epoch, std::string_view value,
                        std::shared_ptr<const void> owner) {
  Block b{epoch, std::move(owner), {}, 0};
  if (!ParseBlock(value, &b.segments)) return false;
  blocks_.push_back(std::move(b));
  return true;
}

namespace {

// The first entry at or after `time` in sorted `entries`.
size_t FirstAtOrAfter(const std::vector<TimeId>& entries, int64_t time) {
  return static_cast<size_t>(std::lower_bound(entries.begin(), entries.end(), TimeId{time, 0}) -
                             entries.begin());
}

// The first entry of a bucket after `b` in sorted `entries`.
size_t FirstPastBucket(const std::vector<TimeId>& entries, int64_t b) {
  return static_cast<size_t>(
      std::partition_point(entries.begin(), entries.end(),
                           [b](const TimeId& e) { return FloorDiv(e.time, kBlockBucketMs) <= b; }) -
      entries.begin());
}

}  // namespace

std::optional<uint64_t> BlockSet::Count(int64_t from, int64_t to, uint64_t limit,
                                        uint64_t* decoded) const {
  if (from >= to) return uint64_t{0};
  uint64_t n = FirstAtOrAfter(buffered_, to) - FirstAtOrAfter(buffered_, from);
  std::vector<TimeId> entries;
  for (const Block& b : blocks_) {
    for (const BlockSegment& s : b.segments) {
      if (n >= limit) return limit;
      // 128-bit: bucket bounds near the int64 limits are not representable.
      const __int128 start = static_cast<__int128>(s.bucket) * kBlockBucketMs;
      const __int128 end = start + kBlockBucketMs;
      if (end <= from || start >= to) continue;
      if (start >= from && end <= to) {
        n += s.size;
        continue;
      }
      entries.clear();
      if (!DecodeSegment(s, b.epoch, &entries)) return std::nullopt;
      *decoded += entries.size();
      for (const TimeId& e : entries) n += e.time >= from && e.time < to;
    }
  }
  return std::min(n, limit);
}

void BlockSet::StartWalk(int64_t from, int64_t to, std::optional<TimeId> after, bool desc) {
  desc_ = desc;
  if (from >= to) {
    first_bucket_ = 0;
    last_bucket_ = -1;
  } else {
    first_bucket_ = FloorDiv(from, kBlockBucketMs);
    last_bucket_ = FloorDiv(to - 1, kBlockBucketMs);
  }
  if (after) {
    const int64_t b = FloorDiv(after->time, kBlockBucketMs);
    if (desc) {
      last_bucket_ = std::min(last_bucket_, b);
    } else {
      first_bucket_ = std::max(first_bucket_, b);
    }
  }
  // The buffered entries of the walk's buckets.
  // Bucket numbers are far from the int64 limits (times are divided by an
  // hour), so first_bucket_ - 1 cannot overflow; an empty range gives an
  // empty slice.
  buffered_next_ = FirstPastBucket(buffered_, first_bucket_ - 1);
  buffered_end_ = std::max(buffered_next_, FirstPastBucket(buffered_, last_bucket_));
  for (Block& b : blocks_) {
    auto& s = b.segments;
    if (!desc) {
      b.next = static_cast<size_t>(
          std::lower_bound(s.begin(), s.end(), first_bucket_,
                           [](const BlockSegment& x, int64_t v) { return x.bucket < v; }) -
          s.begin());
    } else {
      // One past the last segment at or before last_bucket_.
      b.next = static_cast<size_t>(
          std::upper_bound(s.begin(), s.end(), last_bucket_,
                           [](int64_t v, const BlockSegment& x) { return v < x.bucket; }) -
          s.begin());
    }
  }
}

const BlockSegment* BlockSet::Peek(const Block& b) const {
  if (!desc_) {
    if (b.next >= b.segments.size() || b.segments[b.next].bucket > last_bucket_) return nullptr;
    return &b.segments[b.next];
  }
  if (b.next == 0 || b.segments[b.next - 1].bucket < first_bucket_) return nullptr;
  return &b.segments[b.next - 1];
}

bool BlockSet::NextBucket(std::vector<TimeId>* out) {
  if (corrupt_) return false;
  std::optional<int64_t> bucket;
  auto consider = [&](int64_t b) {
    if (!bucket || (desc_ ? b > *bucket : b < *bucket)) bucket = b;
  };
  for (const Block& b : blocks_) {
    if (const BlockSegment* s = Peek(b)) consider(s->bucket);
  }
  if (buffered_next_ < buffered_end_) {
    consider(FloorDiv((desc_ ? buffered_[buffered_end_ - 1] : buffered_[buffered_next_]).time,
                      kBlockBucketMs));
  }
  if (!bucket) return false;
  // The buffered entries of this bucket, from the walk's end.
  while (buffered_next_ < buffered_end_) {
    const TimeId& e = desc_ ? buffered_[buffered_end_ - 1] : buffered_[buffered_next_];
    if (FloorDiv(e.time, kBlockBucketMs) != *bucket) break;
    out->push_back(e);
    desc_ ? --buffered_end_ : ++buffered_next_;
  }
  for (Block& b : blocks_) {
    const BlockSegment* s = Peek(b);
    if (!s || s->bucket != *bucket) continue;
    if (!DecodeSegment(*s, b.epoch, out)) {
      corrupt_ = true;
      return false;
    }
    desc_ ? --b.next : ++b.next;
  }
  return true;
}

}  // namespace trailkeep::store::rocksdb_store
