// Posting blocks (layout 9): the postings of one value of a high-cardinality
// field (actor id, name, email; entity id: field_layout.h) among the ids of
// one posting epoch (keys.h), written once when the epoch is complete
// (posting_buffer.h) instead of one run per commit group through the
// memtable. The value lists the entries by run bucket (an hour, as for
// posting runs), so a count adds up whole hours from the directory and a
// cursor decodes one hour at a time:
//
//   varint(segments)
//   per segment: varint(zigzag(bucket - previous bucket; the first: - 0)),
//                varint(entries), varint(payload bytes)
//   the payloads, in segment order:
//     varint(first time - bucket start), varint(first id - epoch's first id),
//     per further entry: varint(time - previous time),
//                        varint(zigzag(id - previous id))
//
// Pure bytes: no RocksDB types.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "store/rocksdb/keys.h"
#include "store/rocksdb/posting_run.h"

namespace trailkeep::store::rocksdb_store {

// The run bucket width of blocks: an hour, as for posting runs.
inline constexpr int64_t kBlockBucketMs = kHourMs;

// Appends the block of `entries` to `out`.
// REQUIRES: entries sorted by (time, id), non-empty, ids in epoch `epoch`.
void EncodeBlock(std::span<const TimeId> entries, uint64_t epoch, std::string* out);

struct BlockSegment {
  int64_t bucket;          // FloorDiv(time, kBlockBucketMs) of its entries
  uint64_t size;           // entries
  std::string_view bytes;  // the payload
};

// The segments of a block, in bucket order. False when `value` is corrupt.
bool ParseBlock(std::string_view value, std::vector<BlockSegment>* out);

// Appends the entries of `s` (a segment of a block of epoch `epoch`) to
// `out` in (time, id) order. False when the payload is corrupt.
bool DecodeSegment(const BlockSegment& s, uint64_t epoch, std::vector<TimeId>* out);

}  // namespace trailkeep::store::rocksdb_store
