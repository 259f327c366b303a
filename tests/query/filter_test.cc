// Behaviour of ParseFilter / FormatFilter beyond the golden files.
#include "query/filter.h"

#include <gtest/gtest.h>

#include <random>

namespace trailkeep::query {
namespace {

TEST(FilterTest, FormatQuotesAndEscapes) {
  std::vector<Criterion> criteria = {{"user", {"a\"b", "c~d"}}, {"category", {"WEB_UI"}}};
  EXPECT_EQ(FormatFilter(criteria), R"(user("a~"b","c~~d"),category("WEB_UI"))");
  EXPECT_EQ(FormatFilter({}), "");
}

TEST(FilterTest, ErrorsAreInvalidArgument) {
  for (const char* text : {"user(", "user()", "user(\"~x\")", "user(\"x\")x", "(x)"}) {
    Result<std::vector<Criterion>> r = ParseFilter(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << text;
    EXPECT_NE(r.status().message().find("at position "), std::string::npos);
  }
}

// Randomized round trip: any criteria (valid names, any bytes in values)
// survive FormatFilter then ParseFilter.
TEST(FilterTest, RandomizedRoundTrip) {
  std::mt19937 rng(7);
  const std::string name_chars = "abcXYZ019_.:-";
  const std::string value_chars = "ab ~\"(),\\\t\x01\xc3\xa9";
  auto pick = [&](const std::string& from, size_t max_len, size_t min_len) {
    std::string s(min_len + rng() % (max_len - min_len + 1), ' ');
    for (char& c : s) c = from[rng() % from.size()];
    return s;
  };
  for (int i = 0; i < 3000; ++i) {
    std::vector<Criterion> criteria(rng() % 4);
    for (Criterion& c : criteria) {
      c.name = pick(name_chars, 8, 1);
      c.values.resize(1 + rng() % 3);
      for (std::string& v : c.values) v = pick(value_chars, 6, 0);
    }
    std::string text = FormatFilter(criteria);
    Result<std::vector<Criterion>> parsed = ParseFilter(text);
    ASSERT_TRUE(parsed.ok()) << text << ": " << parsed.status().ToString();
    EXPECT_EQ(*parsed, criteria) << text;
  }
}

// Randomized robustness: arbitrary short strings over the grammar's
// alphabet either parse or fail with a position inside the input.
TEST(FilterTest, RandomizedGarbageNeverCrashes) {
  std::mt19937 rng(11);
  const std::string alphabet = "ab(),\"~ .";
  for (int i = 0; i < 20000; ++i) {
    std::string text(rng() % 12, ' ');
    for (char& c : text) c = alphabet[rng() % alphabet.size()];
    Result<std::vector<Criterion>> parsed = ParseFilter(text);
    if (parsed.ok()) {
      for (const Criterion& c : *parsed) EXPECT_FALSE(c.values.empty()) << text;
      continue;
    }
    const std::string m = parsed.status().message();
    size_t at = m.find("at position ");
    ASSERT_NE(at, std::string::npos) << m;
    EXPECT_LE(std::stoul(m.substr(at + 12)), text.size()) << text << ": " << m;
  }
}

}  // namespace
}  // namespace trailkeep::query
