// Escaped strings in keys (keys.h): they round-trip, NUL bytes included,
// and their order is the strings' bytewise order (a value that is a prefix
// of another sorts first).
#include "store/rocksdb/keys.h"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace trailkeep::store::rocksdb_store {
namespace {

std::string Escaped(std::string_view s) {
  std::string out = "k";
  PutEscaped(&out, s);
  return out.substr(1);
}

TEST(KeysTest, EscapedStringsRoundTripAndKeepBytewiseOrder) {
  EXPECT_EQ(Escaped(""), std::string("\0\x01", 2));
  EXPECT_EQ(Escaped(std::string("a\0b\0", 4)), std::string("a\0\xff" "b\0\xff\0\x01", 8));
  EXPECT_EQ(Escaped(std::string("0123456789abc\0e", 15)),
            std::string("0123456789abc\0\xff" "e\0\x01", 18));
  std::mt19937_64 rng(9);
  const std::string alphabet("\0\x01\xff" "a", 4);
  std::vector<std::string> values;
  for (int i = 0; i < 600; ++i) {
    // Short values, and longer ones where a NUL (if any) sits past the
    // first words PutEscaped scans whole.
    std::string v;
    const size_t size = i % 2 == 0 ? rng() % 8 : rng() % 40;
    const unsigned nul_odds = i % 2 == 0 ? 4 : 24;
    for (size_t n = size; n > 0; --n) {
      v.push_back(rng() % nul_odds == 0 ? '\0' : alphabet[1 + rng() % 3]);
    }
    values.push_back(v);
    EXPECT_EQ(GetEscaped(Escaped(v)), v);
  }
  std::sort(values.begin(), values.end());
  for (size_t i = 1; i < values.size(); ++i) {
    EXPECT_LE(Escaped(values[i - 1]), Escaped(values[i])) << i;
  }
}

}  // namespace
}  // namespace trailkeep::store::rocksdb_store
