// RocksDB's write-ahead log written with O_DIRECT, past the page cache.
//
// Every committed byte goes through the WAL (the records of unstored epochs
// are only there, record_buffer.h: ~540 bytes per bench event), and RocksDB
// writes it with write(2) into the page cache, then fdatasync. The store
// never reads a WAL file back but at open, so those pages bought nothing,
// and they cost: the copy, their writeback, and their release when the
// archived file is deleted. On this project's VM the copy was ~9% of a load's
// CPU, because a page the kernel had freed is handed back to the host
// (virtio-balloon free page reporting) and the next first write to it
// faults in a fresh one (writing 1 GiB into new page cache: ~1.2 s of CPU
// the first time, ~0.17 s again at once).
//
// The file system below writes WAL files (`NNNNNN.log`) with O_DIRECT from
// one aligned buffer: Flush writes the whole pages buffered so far and the
// last partial one padded with zeros, which the next Flush writes again
// with what follows it; Sync is fdatasync, which still commits the file's
// size and flushes the device's cache, so a 2xx means what it meant. Until
// a clean Close truncates it, a file may end in up to one page of zeros
// past its last record, which RocksDB's log reader skips as padding and
// ReadWalBatches (wal_file.h) reads as the end. Where the directory's file
// system refuses O_DIRECT (tmpfs), the file is RocksDB's own.
#pragma once

#include <cstdint>
#include <memory>

namespace rocksdb {
class Env;
}

namespace trailkeep::store::rocksdb_store {

// A process-wide Env over rocksdb::Env::Default() (its thread pools, its
// file system for everything but WAL files) that writes WAL files as above.
rocksdb::Env* DirectWalEnv();

// WAL files opened by DirectWalEnv in this process, by how they are written.
struct DirectWalFiles {
  uint64_t direct = 0;    // with O_DIRECT
  uint64_t buffered = 0;  // O_DIRECT refused: RocksDB's own buffered file
};
DirectWalFiles DirectWalFilesOpened();

}  // namespace trailkeep::store::rocksdb_store
