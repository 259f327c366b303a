// Micro-benchmark of the WAL's CRC-32C (wal_crc32c.h): RocksDB checksums
// every WAL record in fragments of up to 32 KiB, so a bench load's commit
// thread runs ~550 bytes per event through it. Ours against RocksDB's own
// (Debian's portable, table-driven build).
#include <benchmark/benchmark.h>

#include <random>
#include <string>

#include "store/rocksdb/wal_crc32c.h"

namespace trailkeep::store::rocksdb_store {
namespace {

template <uint32_t (*kExtend)(uint32_t, const char*, size_t)>
void BM_Crc32c(benchmark::State& state) {
  const auto n = static_cast<size_t>(state.range(0));
  std::string bytes(n, '\0');
  std::mt19937_64 rng(1);
  for (char& c : bytes) c = static_cast<char>(rng());
  uint32_t crc = 0;
  for (auto _ : state) {
    crc = kExtend(crc, bytes.data(), bytes.size());
    benchmark::DoNotOptimize(crc);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(n));
}
BENCHMARK(BM_Crc32c<Crc32cExtend>)->Arg(100)->Arg(1'000)->Arg(32'768);
BENCHMARK(BM_Crc32c<LibraryCrc32cExtend>)->Arg(32'768);

}  // namespace
}  // namespace trailkeep::store::rocksdb_store

BENCHMARK_MAIN();
