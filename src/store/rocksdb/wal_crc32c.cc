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
// Three independent chains of crc32 instructions: one instruction's result
// is ready three cycles after it starts, but a new one can start every
// cycle, so a single dependent chain ran at a third of the instruction's
// throughput. A buffer of 3 x kLane bytes is checksummed as three lanes at
// once, and the lanes' CRCs are joined by shifting the first two past the
// bytes after them (appending zeros to a CRC is linear: four table
// lookups). The method of Mark Adler's crc32c.c (zlib licence), written
// anew here.
constexpr uint32_t kPoly = 0x82f63b78;  // CRC-32C, reflected

// A 32x32 matrix over GF(2), as 32 columns: Times(m, v) = m * v.
uint32_t Times(const uint32_t* m, uint32_t v) {
  uint32_t sum = 0;
  for (; v != 0; v >>= 1, ++m) {
    if (v & 1) sum ^= *m;
  }
  return sum;
}

void Square(uint32_t* out, const uint32_t* m) {
  for (int i = 0; i < 32; ++i) out[i] = Times(m, m[i]);
}

// Appending `bytes` zero bytes (a power of two) to a CRC's state, as four
// tables of one byte's contribution each.
struct ZerosShift {
  uint32_t table[4][256];

  explicit ZerosShift(size_t bytes) {
    uint32_t odd[32], even[32];
    odd[0] = kPoly;  // one zero bit
    for (int i = 1; i < 32; ++i) odd[i] = uint32_t{1} << (i - 1);
    Square(even, odd);  // two zero bits
    Square(odd, even);  // four
    // Squaring from four bits: one zero byte, two, four, ... `bytes`.
    uint32_t* result = even;
    for (size_t n = bytes;;) {
      Square(even, odd);
      result = even;
      if ((n >>= 1) == 0) break;
      Square(odd, even);
      result = odd;
      if ((n >>= 1) == 0) break;
    }
    for (uint32_t b = 0; b < 256; ++b) {
      for (int k = 0; k < 4; ++k) table[k][b] = Times(result, b << (8 * k));
    }
  }

  uint32_t operator()(uint32_t crc) const {
    return table[0][crc & 0xff] ^ table[1][(crc >> 8) & 0xff] ^ table[2][(crc >> 16) & 0xff] ^
           table[3][crc >> 24];
  }
};

// Checksums [data, data + 3 * lane) as three lanes from state `c`, while at
// least 3 * lane bytes remain.
template <size_t kLane>
__attribute__((target("sse4.2"))) inline void ThreeLanes(uint64_t* c, const char** data,
                                                         size_t* n, const ZerosShift& shift) {
  for (; *n >= 3 * kLane; *data += 3 * kLane, *n -= 3 * kLane) {
    uint64_t c0 = *c, c1 = 0, c2 = 0;
    for (const char* p = *data; p < *data + kLane; p += 8) {
      uint64_t w0, w1, w2;
      std::memcpy(&w0, p, 8);
      std::memcpy(&w1, p + kLane, 8);
      std::memcpy(&w2, p + 2 * kLane, 8);
      c0 = _mm_crc32_u64(c0, w0);
      c1 = _mm_crc32_u64(c1, w1);
      c2 = _mm_crc32_u64(c2, w2);
    }
    uint32_t joined = shift(static_cast<uint32_t>(c0)) ^ static_cast<uint32_t>(c1);
    joined = shift(joined) ^ static_cast<uint32_t>(c2);
    *c = joined;
  }
}

__attribute__((target("sse4.2"))) uint32_t HardwareExtend(uint32_t crc, const char* data,
                                                          size_t n) {
  // RocksDB checksums a WAL record in fragments of up to 32 KiB.
  constexpr size_t kLong = 4096, kShort = 256;
  static const ZerosShift long_shift(kLong), short_shift(kShort);
  uint64_t c = ~crc;
  ThreeLanes<kLong>(&c, &data, &n, long_shift);
  ThreeLanes<kShort>(&c, &data, &n, short_shift);
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
