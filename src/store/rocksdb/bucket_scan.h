// Reading runs of per-bucket keys (`counts` column family: `T 'C' field
// value gran bucket` and `T 'B' gran bucket`): the range scan that counts,
// id ranges, id bounds and bucket stats all share.
#pragma once

#include <cstdint>
#include <string>

#include <rocksdb/iterator.h>

#include "store/rocksdb/keys.h"

namespace trailkeep::store::rocksdb_store {

// Calls fn(bucket, value) for every key `prefix` + bucket (PutI64) with
// bucket in [first, end), in bucket order, positioning `it` itself; keys of
// another shape are skipped. The caller checks it->status() afterwards.
template <typename Fn>
void ForEachBucket(rocksdb::Iterator* it, const std::string& prefix, int64_t first, int64_t end,
                   Fn fn) {
  std::string lower = prefix, upper = prefix;
  PutI64(&lower, first);
  PutI64(&upper, end);
  const rocksdb::Slice up(upper);
  for (it->Seek(lower); it->Valid() && it->key().compare(up) < 0; it->Next()) {
    if (it->key().size() != prefix.size() + 8) continue;
    fn(GetI64(it->key().data() + prefix.size()), it->value());
  }
}

// The (min id, max id) of an id-range value (IdRangeValue); false when the
// value is not one.
inline bool DecodeIdRange(const rocksdb::Slice& v, uint64_t* min_id, uint64_t* max_id) {
  if (v.size() != 16) return false;
  *min_id = GetU64(v.data());
  *max_id = GetU64(v.data() + 8);
  return true;
}

}  // namespace trailkeep::store::rocksdb_store
