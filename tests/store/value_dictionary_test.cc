#include "store/rocksdb/value_dictionary.h"

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace trailkeep::store::rocksdb_store {
namespace {

using model::IndexedField;

// Values like the bench's entity ids, plus odd ones: short, with NUL bytes,
// long enough to fill a block alone.
std::vector<std::string> SomeValues(std::mt19937_64& rng, size_t n) {
  const char* types[] = {"token", "artifact", "session", "repo", "pkg"};
  std::vector<std::string> out;
  for (size_t i = 0; i < n; ++i) {
    switch (rng() % 20) {
      case 0:
        out.push_back(std::string(1 + rng() % 2, static_cast<char>('0' + rng() % 10)));
        break;
      case 1:
        out.push_back(std::string("a\0", 2).append(std::to_string(rng() % 1000)));
        break;
      case 2:
        out.push_back(std::string(1500, 'x').append(std::to_string(rng() % 1000)));
        break;
      default: {
        char digits[8];
        snprintf(digits, sizeof digits, "%06u", static_cast<unsigned>(rng() % 1'000'000));
        out.push_back(std::string(types[rng() % 5]).append("-").append(digits));
      }
    }
  }
  return out;
}

std::vector<std::string> BruteForce(const std::vector<std::string>& values, std::string_view needle) {
  std::vector<std::string> out;
  for (const std::string& v : values) {
    if (v.find(needle) != std::string::npos) out.push_back(v);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

TEST(ValueDictionaryTest, ContainingMatchesBruteForceAcrossManyBlocks) {
  std::mt19937_64 rng(5);
  ValueDictionary dict;
  std::vector<std::string> all;
  for (int batch = 0; batch < 20; ++batch) {
    std::vector<std::string> values = SomeValues(rng, 2'000);
    all.insert(all.end(), values.begin(), values.end());
    dict.Add(1, IndexedField::kEntityId, values);
  }
  std::vector<std::string> needles = {"0", "12", "046", "0466", "-00", "token-1", "xx1",
                                      std::string("a\0", 2), std::string("\0" "5", 2),
                                      "n-9", "sion-", "zzz", std::string(1201, 'x')};
  for (int i = 0; i < 200; ++i) {
    const std::string& v = all[rng() % all.size()];
    const size_t at = rng() % v.size();
    needles.push_back(v.substr(at, 1 + rng() % 8));
  }
  for (const std::string& needle : needles) {
    std::optional<std::vector<std::string>> got =
        dict.Containing(1, IndexedField::kEntityId, needle, 1'000'000);
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(*got, BruteForce(all, needle)) << "needle of " << needle.size() << " bytes";
  }
  // Another tenant's values are not searched.
  EXPECT_EQ(dict.Containing(2, IndexedField::kEntityId, "0", 10), std::vector<std::string>{});
}

// Contains answers from the dictionary's own hash table: every added value
// (also values with NUL bytes and the empty value) and nothing else, across
// many growths of the table; adding a value twice stores it once.
TEST(ValueDictionaryTest, ContainsExactlyTheAddedValues) {
  std::mt19937_64 rng(9);
  ValueDictionary dict;
  std::set<std::string> added;
  for (int batch = 0; batch < 30; ++batch) {
    std::vector<std::string> values = SomeValues(rng, 1'000);
    if (batch == 3) values.push_back("");
    added.insert(values.begin(), values.end());
    dict.Add(1, IndexedField::kEntityId, values);
    dict.Add(1, IndexedField::kEntityId, values);  // again: no duplicates
  }
  for (const std::string& v : added) {
    ASSERT_TRUE(dict.Contains(1, IndexedField::kEntityId, v)) << v;
    EXPECT_FALSE(dict.Contains(2, IndexedField::kEntityId, v));
    EXPECT_FALSE(dict.Contains(1, IndexedField::kActorId, v));
  }
  std::vector<std::string> absent = {"token-", "token-1234567", std::string("a\0", 2), "x"};
  for (int i = 0; i < 2'000; ++i) absent.push_back("other-" + std::to_string(rng()));
  for (const std::string& v : absent) {
    if (!added.contains(v)) {
      EXPECT_FALSE(dict.Contains(1, IndexedField::kEntityId, v)) << v;
    }
  }
  // Each distinct value is found once by a search that matches them all.
  std::optional<std::vector<std::string>> every =
      dict.Containing(1, IndexedField::kEntityId, "", 10'000'000);
  ASSERT_TRUE(every.has_value());
  EXPECT_EQ(std::set<std::string>(every->begin(), every->end()).size(), every->size());
}

// ContainsEach gives Contains' answer for every value of a mixed list:
// known and unknown values, a value twice, the empty value, values with NUL
// bytes; and all false for a (tenant, field) with no values.
TEST(ValueDictionaryTest, ContainsEachAnswersAsContainsForEveryValue) {
  std::mt19937_64 rng(13);
  ValueDictionary dict;
  std::vector<std::string> added = SomeValues(rng, 5'000);
  added.push_back("");
  dict.Add(1, IndexedField::kEntityId, added);
  std::vector<std::string> asked = SomeValues(rng, 3'000);  // mostly unknown
  for (int i = 0; i < 3'000; ++i) asked.push_back(added[rng() % added.size()]);
  asked.push_back(asked.front());
  std::shuffle(asked.begin(), asked.end(), rng);
  const std::vector<std::string_view> views(asked.begin(), asked.end());

  std::vector<bool> known = {true};
  dict.ContainsEach(1, IndexedField::kEntityId, views, &known);
  ASSERT_EQ(known.size(), asked.size());
  size_t known_count = 0;
  for (size_t i = 0; i < asked.size(); ++i) {
    EXPECT_EQ(known[i], dict.Contains(1, IndexedField::kEntityId, asked[i])) << asked[i];
    known_count += known[i];
  }
  EXPECT_GE(known_count, 3'000u);
  EXPECT_LT(known_count, asked.size());

  dict.ContainsEach(2, IndexedField::kEntityId, views, &known);
  EXPECT_EQ(known, std::vector<bool>(asked.size(), false));
  dict.ContainsEach(1, IndexedField::kEntityId, {}, &known);
  EXPECT_TRUE(known.empty());
}

TEST(ValueDictionaryTest, TooManyMatchesIsUnknown) {
  ValueDictionary dict;
  std::vector<std::string> values;
  for (int i = 0; i < 5'000; ++i) {
    std::string v = "pkg-";
    v.append(std::to_string(i));
    values.push_back(std::move(v));
  }
  dict.Add(1, IndexedField::kEntityId, values);
  EXPECT_FALSE(dict.Containing(1, IndexedField::kEntityId, "pkg", 4'999).has_value());
  EXPECT_EQ(dict.Containing(1, IndexedField::kEntityId, "pkg", 5'000)->size(), 5'000u);
}

}  // namespace
}  // namespace trailkeep::store::rocksdb_store
