// Posting runs (layout 6): the time index and every value's postings are
// stored packed, one key per (prefix, run bucket, commit group) instead of
// one key per event. A run holds the (time, id) entries one commit group
// added under one prefix within one run bucket (a UTC minute for the time
// index, an hour for postings), sorted; its key is the prefix plus the run's
// first entry, its value the number of entries and the rest, delta-coded:
//
//   varint(entries in the run, the first included)
//   per entry after the first: varint(time - previous time),
//                              varint(zigzag(id - previous id))
//
// The leading size lets a count add up the runs of buckets wholly inside
// its window without decoding them (index_cursor.h, CountRuns).
//
// A commit group of 1,000 time-ordered events then writes a handful of time
// runs and one run per distinct value and hour, instead of ~8,000 keys; the
// memtable inserts those keys cost are what bounds ingest (storage.md).
// Runs of one bucket from different groups may interleave in time (late
// events), so a reader merges a whole bucket's runs (index_cursor.h).
//
// Pure bytes: no RocksDB types.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace trailkeep::store::rocksdb_store {

struct TimeId {
  int64_t time;
  uint64_t id;
  auto operator<=>(const TimeId&) const = default;
};

// The run bucket width under `prefix`, a time-index or postings prefix
// (keys.h): a minute for the time index, an hour for postings.
int64_t RunWidthMs(std::string_view prefix);

// The start of the run bucket holding `time`; INT64_MIN when that start is
// not representable.
int64_t RunBucketStart(int64_t time, int64_t width);

// The first entry of the run whose key is `key`, a run key under a prefix
// of `prefix_size` bytes; nullopt when the key has another length.
std::optional<TimeId> RunKeyFirst(std::string_view key, size_t prefix_size);

// Appends the value of a run of `entries` to `value`.
// REQUIRES: entries sorted, non-empty, all in one run bucket; the key is
// the prefix plus AppendTimeId(entries[0]).
void EncodeRun(std::span<const TimeId> entries, std::string* value);

// Appends the entries of the run whose key ends in `first` and whose value
// is `value` to `out`, in (time, id) order. False when `value` is corrupt
// (then `out` may hold part of the run).
bool DecodeRun(TimeId first, std::string_view value, std::vector<TimeId>* out);

// The number of entries of the run whose value is `value`; nullopt when
// corrupt.
std::optional<uint64_t> RunSize(std::string_view value);

}  // namespace trailkeep::store::rocksdb_store
