// The CRC-32C that RocksDB's WAL checksums run on (wal_crc32c.h): the
// standard's values, RocksDB's own results on the same bytes, and a store
// whose WAL and MANIFEST are written and read back through it.
#include "store/rocksdb/wal_crc32c.h"

#include <random>
#include <string>

#include <gtest/gtest.h>

#include "store/store_test_util.h"

namespace trailkeep::store {
namespace {

using rocksdb_store::Crc32cExtend;
using rocksdb_store::LibraryCrc32cExtend;

uint32_t Crc(const std::string& s) { return Crc32cExtend(0, s.data(), s.size()); }

TEST(WalCrc32cTest, MatchesTheStandardCheckValues) {
  // RFC 3720, B.4, and the check value of the CRC catalogue.
  EXPECT_EQ(Crc("123456789"), 0xE3069283u);
  EXPECT_EQ(Crc(std::string(32, '\0')), 0x8A9136AAu);
  EXPECT_EQ(Crc(std::string(32, '\xFF')), 0x62A8AB43u);
  std::string ascending, descending;
  for (int i = 0; i < 32; ++i) {
    ascending.push_back(static_cast<char>(i));
    descending.push_back(static_cast<char>(31 - i));
  }
  EXPECT_EQ(Crc(ascending), 0x46DD794Eu);
  EXPECT_EQ(Crc(descending), 0x113FDB5Cu);
  EXPECT_EQ(Crc(""), 0u);
}

// `n` random bytes, and a generator for the splits.
struct RandomBytes {
  std::mt19937_64 rng;
  std::string bytes;
  RandomBytes(uint64_t seed, size_t n) : rng(seed), bytes(n, '\0') {
    for (char& c : bytes) c = static_cast<char>(rng());
  }

  // Ours equals RocksDB's own on bytes [offset, offset + n), whole and
  // extended across a random split.
  void ExpectMatch(size_t offset, size_t n) {
    const char* p = bytes.data() + offset;
    const uint32_t want = LibraryCrc32cExtend(0, p, n);
    ASSERT_EQ(Crc32cExtend(0, p, n), want) << offset << " " << n;
    const size_t split = rng() % (n + 1);
    ASSERT_EQ(Crc32cExtend(Crc32cExtend(0, p, split), p + split, n - split), want)
        << offset << " " << n << " " << split;
  }
};

TEST(WalCrc32cTest, EqualsRocksDbsOwnAtEveryLengthAlignmentAndSplit) {
  RandomBytes r(7, 1100);
  for (size_t offset = 0; offset < 9; ++offset) {
    for (size_t n = 0; n + offset <= r.bytes.size(); n += 1 + n / 16) {
      ASSERT_NO_FATAL_FAILURE(r.ExpectMatch(offset, n));
    }
  }
}

// Past 3 x 256 and 3 x 4,096 bytes the checksum runs as three lanes whose
// CRCs are joined: lengths around those bounds and a WAL fragment's 32 KiB,
// at every alignment to a word, split anywhere.
TEST(WalCrc32cTest, EqualsRocksDbsOwnAcrossTheThreeLaneBounds) {
  RandomBytes r(9, 40'000);
  for (size_t offset = 0; offset < 8; ++offset) {
    for (size_t n : {767, 768, 769, 1536, 12'287, 12'288, 12'289, 13'063, 24'576, 32'768,
                     32'768 + 7 * 256 + 5, 39'990}) {
      ASSERT_NO_FATAL_FAILURE(r.ExpectMatch(offset, n));
    }
  }
}

TEST(WalCrc32cTest, RocksDbChecksumsThroughItAndReadsItsStoreBack) {
  testing::TempDir dir;
  StoreOptions o;
  o.backend = Backend::kRocksDb;
  o.path = dir.path();
  {
    auto store = OpenEventStore(o);
    ASSERT_TRUE(store.ok()) << store.status().message();
    // The MANIFEST and the WAL were written at open: RocksDB called the wrap.
    EXPECT_EQ(rocksdb_store::ActiveWalCrc32c(), __builtin_cpu_supports("sse4.2")
                                                    ? rocksdb_store::WalCrc32c::kHardware
                                                    : rocksdb_store::WalCrc32c::kLibrary);
    AppendBatch batch;
    batch.tenant = TenantId{"acme"};
    for (int i = 0; i < 50; ++i) batch.events.push_back(testing::MakeEvent(testing::kNow - i));
    auto appended = (*store)->Append(std::move(batch));
    ASSERT_TRUE(appended.ok()) << appended.status().message();
  }
  // Reopening reads the MANIFEST, whose records RocksDB verifies.
  auto store = OpenEventStore(o);
  ASSERT_TRUE(store.ok()) << store.status().message();
  auto count = (*store)->Count(testing::CountFor("acme"));
  ASSERT_TRUE(count.ok()) << count.status().message();
  EXPECT_EQ(*count, 50u);
}

}  // namespace
}  // namespace trailkeep::store
