// The one factory that names store backends.
#pragma once

#include <memory>
#include <string>

#include "base/clock.h"
#include "base/status.h"
#include "store/event_store.h"

namespace trailkeep::store {

enum class Backend { kRocksDb, kMemory };

// How hard an acknowledged append is held.
enum class Durability {
  // Default. OK from Append means the batch is in the WAL and fsync'd:
  // survives a process crash and a power loss.
  kSync,
  // OK means the batch is in the WAL (OS page cache), not fsync'd: survives a
  // process crash (kill -9); a power loss or kernel crash can lose the last
  // few seconds of acknowledged events. Ids stay gap-free either way.
  kBuffered,
};

struct StoreOptions {
  Backend backend = Backend::kRocksDb;
  // Directory of the RocksDB store; created when missing. Unused for memory.
  std::string path = "./data";
  Durability durability = Durability::kSync;
  // RocksDB block cache, bytes. Default 256 MiB.
  size_t block_cache_bytes = 256u << 20;
  // RocksDB: complete posting epochs (131,072 ids each; on the bench
  // corpus ~15 MB of buffered postings and ~55 MB of buffered records) that
  // may wait in memory for the blocks thread before appends wait for it.
  // At least 1. Two since layout 12, whose records wait too: 10M bench
  // loads, two each, 24.87 against 24.72 s, peak RSS 345 against 538 MiB.
  uint64_t max_unstored_epochs = 2;
  // Source of `received` timestamps. Not owned; must outlive the store.
  // nullptr means SystemClock.
  const Clock* clock = nullptr;
};

// Opens (creating if needed) the store. Errors: kUnavailable when the
// directory is locked by another process, kInternal for I/O or corruption.
Result<std::unique_ptr<EventStore>> OpenEventStore(const StoreOptions& options);

}  // namespace trailkeep::store
