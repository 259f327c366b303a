// The radix sort by 16-byte heads, with equal-head runs sorted by the whole
// value, against std::sort on the values; and SortedWrites, which uses it,
// putting a group's writes into the batch in bytewise key order.
#include "store/rocksdb/head_sort.h"

#include <rocksdb/write_batch.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "store/rocksdb/sorted_writes.h"

namespace trailkeep::store::rocksdb_store {
namespace {

// Values where the heads' zero padding could hide an order: NUL and 0xFF
// bytes, prefixes of one another, ties past 16 bytes, repeats.
std::vector<std::string> Values(uint64_t seed, size_t n) {
  std::mt19937_64 rng(seed);
  const std::string alphabet("\0\x01a\xff", 4);
  std::vector<std::string> values;
  for (size_t i = 0; i < n; ++i) {
    std::string v = rng() % 3 == 0 ? "0123456789abcdef" : "";
    for (size_t k = rng() % 22; k > 0; --k) v.push_back(alphabet[rng() % alphabet.size()]);
    values.push_back(rng() % 5 == 0 && !values.empty() ? values[rng() % values.size()] : v);
  }
  return values;
}

// Every length up to 24 and both words, against a plain zero-padded copy,
// with bytes that make every lane's position show.
TEST(HeadSortTest, HeadWordIsTheZeroPaddedBigEndianWord) {
  std::string all;
  for (int i = 0; i < 24; ++i) all.push_back(static_cast<char>(0xf1 - 7 * i));
  for (size_t n = 0; n <= all.size(); ++n) {
    const std::string_view v(all.data(), n);
    for (size_t from : {size_t{0}, size_t{8}}) {
      uint64_t want = 0;
      for (size_t i = 0; i < 8; ++i) {
        const uint8_t b = from + i < n ? static_cast<uint8_t>(v[from + i]) : 0;
        want = want << 8 | b;
      }
      EXPECT_EQ(HeadWord(v, from), want) << n << " from " << from;
    }
  }
}

TEST(HeadSortTest, SortsAsTheValuesBytesSort) {
  for (uint64_t seed : {1, 2, 3}) {
    const std::vector<std::string> values = Values(seed, 1500);
    std::vector<HeadKey> keys(2 * values.size());
    for (size_t i = 0; i < values.size(); ++i) {
      keys[i] = HeadKey{HeadWord(values[i], 0), HeadWord(values[i], 8), static_cast<uint32_t>(i)};
    }
    // Stable: equal values keep their index order.
    SortByHeads(keys.data(), keys.data() + values.size(), values.size(),
                [&](const HeadKey& a, const HeadKey& b) {
      const int c = values[a.index].compare(values[b.index]);
      return c != 0 ? c < 0 : a.index < b.index;
    });
    std::vector<size_t> want(values.size());
    for (size_t i = 0; i < want.size(); ++i) want[i] = i;
    std::stable_sort(want.begin(), want.end(),
                     [&](size_t a, size_t b) { return values[a] < values[b]; });
    for (size_t i = 0; i < want.size(); ++i) ASSERT_EQ(keys[i].index, want[i]) << seed << " " << i;
  }
}

TEST(HeadSortTest, KeepsTheOrderWhenEveryHeadIsEqual) {
  std::vector<HeadKey> keys(8);
  for (uint32_t i = 0; i < 4; ++i) keys[i] = HeadKey{7, 9, 3 - i};
  RadixSortByHeads(keys.data(), keys.data() + 4, 4);
  for (uint32_t i = 0; i < 4; ++i) EXPECT_EQ(keys[i].index, 3 - i);
}

class KeysOf : public rocksdb::WriteBatch::Handler {
 public:
  std::vector<std::string> keys;
  rocksdb::Status PutCF(uint32_t, const rocksdb::Slice& key, const rocksdb::Slice&) override {
    keys.push_back(key.ToString());
    return rocksdb::Status::OK();
  }
  rocksdb::Status MergeCF(uint32_t, const rocksdb::Slice& key, const rocksdb::Slice&) override {
    keys.push_back("merge:" + key.ToString());
    return rocksdb::Status::OK();
  }
};

TEST(SortedWritesTest, PutsWritesInKeyOrderWithTheirOps) {
  std::vector<std::string> values = Values(4, 1000);
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());  // no key twice
  std::vector<std::string> shuffled = values;
  std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937_64(5));
  SortedWrites w;
  for (const std::string& k : shuffled) {
    w.Add(k.size() % 2 == 0 ? SortedWrites::Op::kPut : SortedWrites::Op::kMerge, k, "v");
  }
  rocksdb::WriteBatch batch;
  w.FlushTo(&batch, nullptr);
  KeysOf got;
  ASSERT_TRUE(batch.Iterate(&got).ok());
  std::vector<std::string> want;
  for (const std::string& k : values) want.push_back(k.size() % 2 == 0 ? k : "merge:" + k);
  EXPECT_EQ(got.keys, want);
}

}  // namespace
}  // namespace trailkeep::store::rocksdb_store
