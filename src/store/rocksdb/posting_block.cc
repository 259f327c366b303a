#include "store/rocksdb/posting_block.h"

#include <cstring>

#include "store/rocksdb/keys.h"

namespace trailkeep::store::rocksdb_store {

void EncodeBlock(std::span<const TimeId> entries, uint64_t epoch, std::string* out) {
  // One pass: the directory and the payloads are written side by side at
  // their bounds (three varints per segment, two per entry, every entry
  // possibly a segment of its own), then moved together behind the
  // segment count. Through std::string appends, a byte at a time, the
  // encoding was a fifth of an epoch's block building (posting_bench).
  const size_t n = entries.size();
  const size_t base = out->size();
  const size_t directory_at = base + kMaxVarintBytes;
  const size_t payloads_at = directory_at + n * 3 * kMaxVarintBytes;
  out->resize(payloads_at + n * 2 * kMaxVarintBytes);
  char* const directory_begin = out->data() + directory_at;
  char* const payloads_begin = out->data() + payloads_at;
  char* directory = directory_begin;
  char* payloads = payloads_begin;
  uint64_t segments = 0;
  int64_t prev_bucket = 0;
  for (size_t begin = 0; begin < n;) {
    const int64_t bucket = FloorDiv(entries[begin].time, kBlockBucketMs);
    const char* const payload_begin = payloads;
    payloads = WriteVarint(payloads, static_cast<uint64_t>(entries[begin].time) -
                                         static_cast<uint64_t>(bucket) *
                                             static_cast<uint64_t>(kBlockBucketMs));
    payloads = WriteVarint(payloads, entries[begin].id - PostingEpochFirstId(epoch));
    size_t end = begin + 1;
    for (; end < n && FloorDiv(entries[end].time, kBlockBucketMs) == bucket; ++end) {
      payloads = WriteVarint(payloads, static_cast<uint64_t>(entries[end].time) -
                                           static_cast<uint64_t>(entries[end - 1].time));
      payloads = WriteVarint(
          payloads, ZigZag(static_cast<int64_t>(entries[end].id - entries[end - 1].id)));
    }
    directory = WriteVarint(directory, ZigZag(static_cast<int64_t>(
                                           static_cast<uint64_t>(bucket) -
                                           static_cast<uint64_t>(prev_bucket))));
    directory = WriteVarint(directory, end - begin);
    directory = WriteVarint(directory, static_cast<uint64_t>(payloads - payload_begin));
    prev_bucket = bucket;
    ++segments;
    begin = end;
  }
  char* at = WriteVarint(out->data() + base, segments);
  const auto directory_bytes = static_cast<size_t>(directory - directory_begin);
  const auto payload_bytes = static_cast<size_t>(payloads - payloads_begin);
  std::memmove(at, directory_begin, directory_bytes);
  std::memmove(at + directory_bytes, payloads_begin, payload_bytes);
  out->resize(static_cast<size_t>(at - out->data()) + directory_bytes + payload_bytes);
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
