// Behaviour of ParseTimeExpr beyond the golden files: error codes and
// messages, the clock being consulted, option handling, randomized checks.
#include "query/time_expr.h"

#include <gtest/gtest.h>

#include <random>

#include "base/time_format.h"

namespace trailkeep::query {
namespace {

constexpr int64_t kDayMs = 86'400'000;

int64_t Iso(const char* s) { return *ParseIsoMs(s); }

TEST(TimeExprTest, NowReadsTheClock) {
  FakeClock clock(Iso("2026-11-23T19:04:05.123Z"));
  EXPECT_EQ(ParseTimeExpr("now", clock)->ms, clock.NowMs());
  clock.Advance(1234);
  EXPECT_EQ(ParseTimeExpr("now", clock)->ms, clock.NowMs());
  EXPECT_EQ(ParseTimeExpr("now-1d", clock)->ms, clock.NowMs() - kDayMs);
}

TEST(TimeExprTest, AbsoluteFormsIgnoreTheClock) {
  FakeClock a(0), b(Iso("2030-01-01T00:00Z"));
  for (const char* text : {"1576073388150", "2019-12-11T14:09:48Z", "2019-12-11 14:09"}) {
    EXPECT_EQ(ParseTimeExpr(text, a)->ms, ParseTimeExpr(text, b)->ms) << text;
  }
}

TEST(TimeExprTest, DateOnlyNeedsTheOption) {
  FakeClock clock(0);
  EXPECT_FALSE(ParseTimeExpr("2026-11-23", clock).ok());
  TimeExprOptions options;
  options.allow_date_only = true;
  EXPECT_EQ(ParseTimeExpr("2026-11-23", clock, options)->ms, Iso("2026-11-23T00:00Z"));
}

TEST(TimeExprTest, ErrorsAreInvalidArgumentAndQuoteTheInput) {
  FakeClock clock(Iso("2026-11-23T19:04:05.123Z"));
  for (const char* text : {"yesterday", "now-1x", "now-d", "now-1d/x", "now+1d", "", "x"}) {
    Result<model::TimeMs> t = ParseTimeExpr(text, clock);
    ASSERT_FALSE(t.ok()) << text;
    EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(t.status().message().find("'" + std::string(text) + "'"), std::string::npos)
        << t.status().message();
  }
}

TEST(TimeExprTest, LongInputIsCutInTheMessage) {
  FakeClock clock(0);
  std::string text(10'000, 'z');
  Result<model::TimeMs> t = ParseTimeExpr(text, clock);
  ASSERT_FALSE(t.ok());
  EXPECT_LT(t.status().message().size(), 400u);
}

TEST(TimeExprTest, MinuteAndMonthAreDifferentUnits) {
  FakeClock clock(Iso("2026-11-23T19:04:05.123Z"));
  EXPECT_EQ(ParseTimeExpr("now-1m", clock)->ms, Iso("2026-11-23T19:03:05.123Z"));
  EXPECT_EQ(ParseTimeExpr("now-1M", clock)->ms, Iso("2026-10-23T19:04:05.123Z"));
}

// Randomized: alignment floors (result <= t, idempotent, at the unit's
// start) and fixed offsets subtract exactly, for instants across 1900..2100.
TEST(TimeExprTest, RandomizedAlignmentProperties) {
  std::mt19937_64 rng(20261123);
  std::uniform_int_distribution<int64_t> when(Iso("1900-01-01T00:00Z"), Iso("2100-01-01T00:00Z"));
  FakeClock clock(0);
  for (int i = 0; i < 2000; ++i) {
    int64_t now = when(rng);
    clock.Set(now);
    for (char unit : std::string("mhdwMy")) {
      std::string aligned_text = std::string("now/") + unit;
      int64_t aligned = ParseTimeExpr(aligned_text, clock)->ms;
      ASSERT_LE(aligned, now) << aligned_text << " at " << FormatIsoMs(now);
      std::string iso = FormatIsoMs(aligned);
      // The aligned instant has zeros in every field below the unit.
      if (unit == 'm') {
        EXPECT_TRUE(iso.ends_with(":00.000Z")) << iso;
      }
      if (unit == 'h') {
        EXPECT_TRUE(iso.ends_with(":00:00.000Z")) << iso;
      }
      if (unit == 'd' || unit == 'w') {
        EXPECT_TRUE(iso.ends_with("T00:00:00.000Z")) << iso;
      }
      if (unit == 'M') {
        EXPECT_TRUE(iso.ends_with("-01T00:00:00.000Z")) << iso;
      }
      if (unit == 'y') {
        EXPECT_TRUE(iso.ends_with("-01-01T00:00:00.000Z")) << iso;
      }
      if (unit == 'w') {
        // Monday: a whole number of weeks after Monday 1970-01-05.
        int64_t days = aligned / kDayMs - 4;
        EXPECT_EQ(((days % 7) + 7) % 7, 0) << iso;
        EXPECT_LT(now - aligned, 7 * kDayMs);
      }
      // Idempotent.
      clock.Set(aligned);
      EXPECT_EQ(ParseTimeExpr(aligned_text, clock)->ms, aligned);
      clock.Set(now);
    }
    EXPECT_EQ(ParseTimeExpr("now-7d", clock)->ms, ParseTimeExpr("now-1w", clock)->ms);
    EXPECT_EQ(ParseTimeExpr("now-24h", clock)->ms, ParseTimeExpr("now-1d", clock)->ms);
    EXPECT_EQ(ParseTimeExpr("now-12M", clock)->ms, ParseTimeExpr("now-1y", clock)->ms);
    EXPECT_EQ(ParseTimeExpr("now-60m", clock)->ms, now - 3'600'000);
  }
}

TEST(DurationTest, Examples) {
  EXPECT_EQ(*ParseDurationMs("30s"), 30'000);
  EXPECT_EQ(*ParseDurationMs("30000ms"), 30'000);
  EXPECT_EQ(*ParseDurationMs("3d"), 3 * kDayMs);
  Result<int64_t> bad = ParseDurationMs("1M");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("'1M'"), std::string::npos) << bad.status().message();
}

}  // namespace
}  // namespace trailkeep::query
