#include "store/rocksdb/posting_run.h"

#include <limits>

#include "store/rocksdb/keys.h"

namespace trailkeep::store::rocksdb_store {

int64_t RunWidthMs(std::string_view prefix) {
  return prefix.size() > kTenantBytes && prefix[kTenantBytes] == kTimeTag ? kMinuteMs : kHourMs;
}

int64_t RunBucketStart(int64_t time, int64_t width) {
  const int64_t bucket = FloorDiv(time, width);
  if (bucket < std::numeric_limits<int64_t>::min() / width) return std::numeric_limits<int64_t>::min();
  return bucket * width;
}

std::optional<TimeId> RunKeyFirst(std::string_view key, size_t prefix_size) {
  if (key.size() != prefix_size + kTimeIdSuffix) return std::nullopt;
  return TimeId{GetI64(key.data() + prefix_size), GetU64(key.data() + prefix_size + 8)};
}

void EncodeRun(std::span<const TimeId> entries, std::string* value) {
  PutVarint(value, entries.size());
  for (size_t i = 1; i < entries.size(); ++i) {
    PutVarint(value, static_cast<uint64_t>(entries[i].time) - static_cast<uint64_t>(entries[i - 1].time));
    PutVarint(value, ZigZag(static_cast<int64_t>(entries[i].id - entries[i - 1].id)));
  }
}

std::optional<uint64_t> RunSize(std::string_view value) {
  uint64_t n = 0;
  if (!GetVarint(&value, &n) || n == 0) return std::nullopt;
  return n;
}

bool DecodeRun(TimeId first, std::string_view value, std::vector<TimeId>* out) {
  uint64_t n = 0;
  // Each entry after the first takes at least two bytes.
  if (!GetVarint(&value, &n) || n == 0 || n - 1 > value.size() / 2) return false;
  out->push_back(first);
  TimeId prev = first;
  for (uint64_t i = 1; i < n; ++i) {
    uint64_t dt = 0, did = 0;
    if (!GetVarint(&value, &dt) || !GetVarint(&value, &did)) return false;
    TimeId next{static_cast<int64_t>(static_cast<uint64_t>(prev.time) + dt),
                prev.id + static_cast<uint64_t>(UnZigZag(did))};
    if (next <= prev) return false;  // entries are strictly increasing
    out->push_back(next);
    prev = next;
  }
  return value.empty();
}

}  // namespace trailkeep::store::rocksdb_store
