// Reading a RocksDB WAL file's write batches ourselves, for the log data
// RocksDB's own recovery skips (record_buffer.h). DB::GetUpdatesSince
// cannot do it here: ingested files and unlogged writes consume sequence
// numbers that no WAL record carries, and its iterator stops at such a gap.
//
// The format is RocksDB's log format (db/log_format.h, unchanged since
// 2011 but for the types below): 32 KiB blocks of records, each a 7-byte
// header (masked CRC-32C of type and payload, u16 length, type) and a
// payload; a block's tail shorter than a header is zero padding; a batch
// larger than a block's rest is split into first, middle and last
// fragments. Recyclable (11-byte header) and compression records are not
// written by this store's options and end the read.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace trailkeep::store::rocksdb_store {

// Calls on_batch(write batch bytes) for each complete, intact batch of the
// WAL file at `path`, in order. The first torn or corrupt record ends the
// file, as RocksDB's point-in-time recovery ends the log there. Errors:
// kInternal when the file cannot be read.
Status ReadWalBatches(const std::string& path,
                      const std::function<void(std::string_view batch)>& on_batch);

}  // namespace trailkeep::store::rocksdb_store
