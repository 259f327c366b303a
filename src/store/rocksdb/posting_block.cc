#include "store/rocksdb/posting_block.h"

#include "store/rocksdb/keys.h"

namespace trailkeep::store::rocksdb_store {

void EncodeBlock(std::span<const TimeId> entries, uint64_t epoch, std::string* out) {
  // One pass: the directory and the payloads are built side by side, and
  // the directory goes first.
  std::string directory, payloads;
  uint64_t segments = 0;
  int64_t prev_bucket = 0;
  for (size_t begin = 0; begin < entries.size();) {
    const int64_t bucket = FloorDiv(entries[begin].time, kBlockBucketMs);
    const size_t payload_begin = payloads.size();
    PutVarint(&payloads, static_cast<uint64_t>(entries[begin].time) -
                             static_cast<uint64_t>(bucket) * static_cast<uint64_t>(kBlockBucketMs));
    PutVarint(&payloads, entries[begin].id - PostingEpochFirstId(epoch));
    size_t end = begin + 1;
    for (; end < entries.size() && FloorDiv(entries[end].time, kBlockBucketMs) == bucket; ++end) {
      PutVarint(&payloads, static_cast<uint64_t>(entries[end].time) -
                               static_cast<uint64_t>(entries[end - 1].time));
      PutVarint(&payloads, ZigZag(static_cast<int64_t>(entries[end].id - entries[end - 1].id)));
    }
    PutVarint(&directory, ZigZag(static_cast<int64_t>(static_cast<uint64_t>(bucket) -
                                                      static_cast<uint64_t>(prev_bucket))));
    PutVarint(&directory, end - begin);
    PutVarint(&directory, payloads.size() - payload_begin);
    prev_bucket = bucket;
    ++segments;
    begin = end;
  }
  PutVarint(out, segments);
  out->append(directory);
  out->append(payloads);
}

bool ParseBlock(std::string_view value, std::vector<BlockSegment>* out) {
  uint64_t n = 0;
  // Each segment takes at least three directory bytes and two payload bytes.
  if (!GetVarint(&value, &n) || n == 0 || n > value.size() / 5) return false;
  const size_t first = out->size();
  int64_t bucket = 0;
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t delta = 0, size = 0, bytes = 0;
    if (!GetVarint(&value, &delta) || !GetVarint(&value, &size) || !GetVarint(&value, &bytes) ||
        size == 0) {
      return false;
    }
    bucket = static_cast<int64_t>(static_cast<uint64_t>(bucket) +
                                  static_cast<uint64_t>(UnZigZag(delta)));
    if (i > 0 && bucket <= out->back().bucket) return false;
    out->push_back(BlockSegment{bucket, size, std::string_view(nullptr, bytes)});
  }
  for (size_t i = first; i < out->size(); ++i) {
    BlockSegment& s = (*out)[i];
    if (s.bytes.size() > value.size()) return false;
    s.bytes = value.substr(0, s.bytes.size());
    value.remove_prefix(s.bytes.size());
  }
  return value.empty();
}

bool DecodeSegment(const BlockSegment& s, uint64_t epoch, std::vector<TimeId>* out) {
  std::string_view in = s.bytes;
  uint64_t offset = 0, id_offset = 0;
  // Each entry after the first takes at least two bytes.
  if (!GetVarint(&in, &offset) || !GetVarint(&in, &id_offset) || offset >= kBlockBucketMs ||
      s.size - 1 > in.size() / 2) {
    return false;
  }
  TimeId prev{static_cast<int64_t>(static_cast<uint64_t>(s.bucket) *
                                       static_cast<uint64_t>(kBlockBucketMs) +
                                   offset),
               PostingEpochFirstId(epoch) + id_offset};
  out->push_back(prev);
  for (uint64_t i = 1; i < s.size; ++i) {
    uint64_t dt = 0, did = 0;
    if (!GetVarint(&in, &dt) || !GetVarint(&in, &did)) return false;
    TimeId next{static_cast<int64_t>(static_cast<uint64_t>(prev.time) + dt),
                prev.id + static_cast<uint64_t>(UnZigZag(did))};
    if (next <= prev) return false;
    out->push_back(next);
    prev = next;
  }
  return in.empty();
}

}  // namespace trailkeep::store::rocksdb_store
