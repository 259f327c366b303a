// Entry point of the embedded backend, free of RocksDB headers so that
// store/open.cc (outside this directory) can name it.
#pragma once

#include <memory>

#include "base/status.h"
#include "store/event_store.h"
#include "store/open.h"

namespace trailkeep::store::rocksdb_store {

// Opens or creates the RocksDB store at options.path (docs/storage.md).
// Errors: kUnavailable when another process (or another open store in this
// process) holds the directory; kInternal for I/O or corruption.
Result<std::unique_ptr<EventStore>> OpenRocksDbEventStore(const StoreOptions& options);

}  // namespace trailkeep::store::rocksdb_store
