// CRC-32C for RocksDB's write-ahead log, computed with SSE4.2.
//
// Debian's RocksDB is a portable build: its crc32c::Extend is the
// table-driven fallback (~1.8 GB/s), and the WAL runs every committed byte
// through it, ~5% of a bench load's CPU. Every target that links
// tk_store_rocksdb links with `--wrap` for that symbol, so RocksDB's calls
// to it reach WrappedExtend below instead, which uses the CPU's crc32
// instruction (three lanes at once on buffers of 768 bytes or more) and
// falls back to RocksDB's own definition without SSE4.2.
// The checksums are the same either way: CRC-32C (Castagnoli), which is what
// RocksDB writes and verifies.
#pragma once

#include <cstddef>
#include <cstdint>

namespace trailkeep::store::rocksdb_store {

// Extends `crc`, the CRC-32C of some bytes, by `data[0, n)`: Crc32cExtend(0,
// d, n) is the CRC-32C of d. The contract of rocksdb::crc32c::Extend.
uint32_t Crc32cExtend(uint32_t crc, const char* data, size_t n);

// The same, through RocksDB's own definition (for tests).
uint32_t LibraryCrc32cExtend(uint32_t crc, const char* data, size_t n);

enum class WalCrc32c {
  kNotYetCalled,  // RocksDB has not checksummed anything through the wrap
  kHardware,      // RocksDB's checksums reach this module, which uses SSE4.2
  kLibrary,       // they reach this module, which forwards (no SSE4.2)
};

// Which implementation RocksDB's checksums have run on in this process.
// After a DB::Open (which writes the MANIFEST and a WAL), kNotYetCalled
// means the link lacks the `--wrap`.
WalCrc32c ActiveWalCrc32c();

// "SSE4.2", "RocksDB's own" or "not yet called", for logs.
const char* WalCrc32cName(WalCrc32c which);

}  // namespace trailkeep::store::rocksdb_store
