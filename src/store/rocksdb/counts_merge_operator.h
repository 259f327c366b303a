// The merge operator of the `counts` column family. `C` keys hold a u64
// count (merge: add); `B` keys hold (min id, max id) (merge: min/max). Both
// are associative, so RocksDB may combine operands in any grouping.
#pragma once

#include <memory>

#include <rocksdb/merge_operator.h>

namespace trailkeep::store::rocksdb_store {

std::shared_ptr<rocksdb::MergeOperator> NewCountsMergeOperator();

}  // namespace trailkeep::store::rocksdb_store
