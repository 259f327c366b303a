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
  std::mt19937_64 rng(9);
  const std::string alphabet("\0\x01\xff" "a", 4);
  std::vector<std::string> values;
  for (int i = 0; i < 300; ++i) {
    std::string v;
    for (size_t n = rng() % 8; n > 0; --n) v.push_back(alphabet[rng() % alphabet.size()]);
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
