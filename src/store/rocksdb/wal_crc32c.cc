#include "store/rocksdb/wal_crc32c.h"

#include <atomic>
#include <cstring>

#if defined(__x86_64__)
#include <nmmintrin.h>
#endif

namespace trailkeep::store::rocksdb_store {

// The linker's names for rocksdb::crc32c::Extend under
// `--wrap=_ZN7rocksdb6crc32c6ExtendEjPKcm`: RocksDB's references to it
// resolve to the __wrap_ symbol, and the __real_ one to RocksDB's own.
uint32_t RealExtend(uint32_t crc, const char* data, size_t n)
    __asm__("__real__ZN7rocksdb6crc32c6ExtendEjPKcm");
uint32_t WrappedExtend(uint32_t crc, const char* data, size_t n)
    __asm__("__wrap__ZN7rocksdb6crc32c6ExtendEjPKcm");

namespace {

std::atomic<bool> wrap_reached{false};

#if defined(__x86_64__)
// One dependent chain of crc32 instructions, 8 bytes each.
__attribute__((target("sse4.2"))) uint32_t HardwareExtend(uint32_t crc, const char* data,
                                                          size_t n) {
  uint64_t c = ~crc;
  for (; n >= 8; data += 8, n -= 8) {
    uint64_t word;
    std::memcpy(&word, data, sizeof word);
    c = _mm_crc32_u64(c, word);
  }
  auto c32 = static_cast<uint32_t>(c);
  for (; n > 0; ++data, --n) c32 = _mm_crc32_u8(c32, static_cast<uint8_t>(*data));
  return ~c32;
}

bool HasSse42() {
  static const bool has = __builtin_cpu_supports("sse4.2");
  return has;
}
#else
uint32_t HardwareExtend(uint32_t crc, const char* data, size_t n) {
  return RealExtend(crc, data, n);
}
bool HasSse42() { return false; }
#endif

}  // namespace

uint32_t Crc32cExtend(uint32_t crc, const char* data, size_t n) {
  return HasSse42() ? HardwareExtend(crc, data, n) : RealExtend(crc, data, n);
}

uint32_t LibraryCrc32cExtend(uint32_t crc, const char* data, size_t n) {
  return RealExtend(crc, data, n);
}

WalCrc32c ActiveWalCrc32c() {
  if (!wrap_reached.load(std::memory_order_relaxed)) return WalCrc32c::kNotYetCalled;
  return HasSse42() ? WalCrc32c::kHardware : WalCrc32c::kLibrary;
}

const char* WalCrc32cName(WalCrc32c which) {
  switch (which) {
    case WalCrc32c::kHardware: return "SSE4.2";
    case WalCrc32c::kLibrary: return "RocksDB's own";
    case WalCrc32c::kNotYetCalled: break;
  }
  return "not yet called";
}

// What RocksDB calls in place of rocksdb::crc32c::Extend.
uint32_t WrappedExtend(uint32_t crc, const char* data, size_t n) {
  if (!wrap_reached.load(std::memory_order_relaxed)) {
    wrap_reached.store(true, std::memory_order_relaxed);
  }
  return Crc32cExtend(crc, data, n);
}

}  // namespace trailkeep::store::rocksdb_store
