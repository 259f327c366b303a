// Memtable insert hints (RocksDB's memtable_insert_with_hint_prefix_extractor).
//
// The single commit thread inserts every key of a group into the skiplist
// memtables, which is what bounds ingest. Most keys continue a run: within a
// tenant, event keys grow with the id, time keys and the postings of one
// value grow with (time, id), and count keys of one (field, value, grain)
// grow with the bucket. RocksDB keeps the last insert position per run
// prefix (hint_prefix.h), so the next key of a run is placed from there
// instead of by a search from the top of the skiplist.
//
// Thread safety: stateless; safe from any thread.
#pragma once

#include <memory>

#include <rocksdb/slice_transform.h>

namespace trailkeep::store::rocksdb_store {

std::shared_ptr<const rocksdb::SliceTransform> EventsInsertHint();
std::shared_ptr<const rocksdb::SliceTransform> IndexInsertHint();
std::shared_ptr<const rocksdb::SliceTransform> CountsInsertHint();

}  // namespace trailkeep::store::rocksdb_store
