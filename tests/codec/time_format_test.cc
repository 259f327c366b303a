#include "base/time_format.h"

#include <random>

#include <gtest/gtest.h>

namespace trailkeep {
namespace {

constexpr int64_t kDay = 86'400'000;

TEST(FormatIsoMs, Epoch) { EXPECT_EQ(FormatIsoMs(0), "1970-01-01T00:00:00.000Z"); }

TEST(FormatIsoMs, KnownInstant) {
  // 2026-11-23T19:04:05.123Z
  EXPECT_EQ(FormatIsoMs(1795460645123), "2026-11-23T19:04:05.123Z");
}

TEST(FormatIsoMs, PreEpochUsesFloorDivision) {
  EXPECT_EQ(FormatIsoMs(-1), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(FormatIsoMs(-kDay), "1969-12-31T00:00:00.000Z");
  EXPECT_EQ(FormatIsoMs(-kDay - 1), "1969-12-30T23:59:59.999Z");
}

TEST(FormatIsoMs, RangeEndsAndClamping) {
  EXPECT_EQ(FormatIsoMs(kMinIsoMs), "0000-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatIsoMs(kMaxIsoMs), "9999-12-31T23:59:59.999Z");
  EXPECT_EQ(FormatIsoMs(kMinIsoMs - 1), "0000-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatIsoMs(INT64_MAX), "9999-12-31T23:59:59.999Z");
  EXPECT_EQ(FormatIsoMs(INT64_MIN), "0000-01-01T00:00:00.000Z");
}

TEST(AppendIsoMs, Appends) {
  std::string s = "t=";
  AppendIsoMs(1000, &s);
  EXPECT_EQ(s, "t=1970-01-01T00:00:01.000Z");
}

// Times on many days, in an order that keeps changing day (the formatter
// keeps the last day's date per thread), each formatted as its parts say.
TEST(AppendIsoMs, EveryTimeGetsItsOwnDate) {
  std::mt19937_64 rng(3);
  std::string s;
  for (int i = 0; i < 20'000; ++i) {
    const int64_t ms = kMinIsoMs + static_cast<int64_t>(rng() % static_cast<uint64_t>(kMaxIsoMs - kMinIsoMs));
    for (int64_t t : {ms, ms + 1, ms - kDay, ms}) {
      if (t < kMinIsoMs || t > kMaxIsoMs) continue;
      s.clear();
      AppendIsoMs(t, &s);
      ASSERT_EQ(s.size(), 24u);
      ASSERT_EQ(ParseIsoMs(s), t) << s;
    }
  }
}

TEST(ParseIsoMs, RoundTripsFormattedValues) {
  for (int64_t ms : {int64_t{0}, int64_t{-1}, int64_t{1795460645123}, int64_t{-30610224000001},
                     int64_t{951782400000} /* 2000-02-29 */, kMinIsoMs, kMaxIsoMs}) {
    auto parsed = ParseIsoMs(FormatIsoMs(ms));
    ASSERT_TRUE(parsed.has_value()) << FormatIsoMs(ms);
    EXPECT_EQ(*parsed, ms);
  }
}

TEST(ParseIsoMs, ZonesAndOffsets) {
  const int64_t utc = 1795460645000;  // 2026-11-23T19:04:05Z
  EXPECT_EQ(ParseIsoMs("2026-11-23T19:04:05Z"), utc);
  EXPECT_EQ(ParseIsoMs("2026-11-23T19:04:05z"), utc);
  EXPECT_EQ(ParseIsoMs("2026-11-23T19:04:05"), utc);  // no zone: UTC
  EXPECT_EQ(ParseIsoMs("2026-11-24T00:34:05+05:30"), utc);
  EXPECT_EQ(ParseIsoMs("2026-11-24T00:34:05+0530"), utc);
  EXPECT_EQ(ParseIsoMs("2026-11-23T14:04:05-05:00"), utc);
  EXPECT_EQ(ParseIsoMs("2026-11-23T19:04:05+00:00"), utc);
  EXPECT_EQ(ParseIsoMs("2026-11-23T19:04:05-00:00"), utc);
}

TEST(ParseIsoMs, OptionalSecondsAndFractions) {
  const int64_t minute = 1795460640000;  // 2026-11-23T19:04Z
  EXPECT_EQ(ParseIsoMs("2026-11-23T19:04"), minute);
  EXPECT_EQ(ParseIsoMs("2026-11-23T19:04Z"), minute);
  EXPECT_EQ(ParseIsoMs("2026-11-23T19:04:05.1Z"), minute + 5100);
  EXPECT_EQ(ParseIsoMs("2026-11-23T19:04:05.12Z"), minute + 5120);
  EXPECT_EQ(ParseIsoMs("2026-11-23T19:04:05.123Z"), minute + 5123);
  EXPECT_EQ(ParseIsoMs("2026-11-23T19:04:05.123999999Z"), minute + 5123);  // truncated
  EXPECT_EQ(ParseIsoMs("2026-11-23T19:04:05.9999+01:00"), minute + 5999 - 3'600'000);
  EXPECT_EQ(ParseIsoMs("2026-11-23T19:04:05.1234567890Z"), std::nullopt);  // 10 digits
  EXPECT_EQ(ParseIsoMs("2026-11-23T19:04:05.Z"), std::nullopt);
}

TEST(ParseIsoMs, PreEpochWithFraction) {
  EXPECT_EQ(ParseIsoMs("1969-12-31T23:59:59.999Z"), -1);
  EXPECT_EQ(ParseIsoMs("1900-01-01T00:00:00Z"), -2208988800000);
  EXPECT_EQ(ParseIsoMs("0000-01-01T00:00:00Z"), kMinIsoMs);
}

TEST(ParseIsoMs, SpaceSeparatorIsAnOption) {
  EXPECT_EQ(ParseIsoMs("2026-11-23 19:04"), 1795460640000);
  EXPECT_EQ(ParseIsoMs("2026-11-23 19:04", {.allow_space_separator = false}), std::nullopt);
  EXPECT_EQ(ParseIsoMs("2026-11-23t19:04"), 1795460640000);
}

TEST(ParseIsoMs, DateOnlyIsAnOption) {
  EXPECT_EQ(ParseIsoMs("2026-11-23"), std::nullopt);
  EXPECT_EQ(ParseIsoMs("2026-11-23", {.allow_date_only = true}), 1795392000000);
  EXPECT_EQ(ParseIsoMs("1969-12-31", {.allow_date_only = true}), -kDay);
}

TEST(ParseIsoMs, RejectsInvalidDatesAndTimes) {
  for (const char* s : {
           "2026-02-30T00:00Z",
           "2026-02-29T00:00Z",
           "2100-02-29T00:00Z",
           "2026-13-01T00:00Z",
           "2026-00-10T00:00Z",
           "2026-04-31T00:00Z",
           "2026-01-00T00:00Z",
           "2026-01-01T25:00Z",
           "2026-01-01T24:00Z",
           "2026-01-01T12:60Z",
           "2026-01-01T12:00:60Z",
           "2026-01-01T12:00+24:00",
           "2026-01-01T12:00+05:60",
           "2026-01-01T12:00+5",
           "2026-01-01T12:00+05:3",
           "2026-01-01T12Z",
           "2026-1-01T12:00Z",
           "26-01-01T12:00Z",
           "2026-01-01X12:00",
           "2026-01-01T12:00ZZ",
           "2026-01-01T12:00 ",
           " 2026-01-01T12:00",
           "",
           "now",
           "2026-01-01T1a:00",
           "2026/01/01T12:00",
       }) {
    EXPECT_EQ(ParseIsoMs(s), std::nullopt) << s;
  }
  EXPECT_EQ(ParseIsoMs("2024-02-29T00:00Z"), 1709164800000);  // leap year
  EXPECT_EQ(ParseIsoMs("2000-02-29T00:00Z"), 951782400000);
}

TEST(Civil, DaysRoundTrip) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
  EXPECT_EQ(DaysFromCivil(1969, 12, 31), -1);
  for (int64_t days = -800000; days <= 3000000; days += 997) {
    int64_t y;
    unsigned m, d;
    CivilFromDays(days, &y, &m, &d);
    ASSERT_EQ(DaysFromCivil(y, m, d), days);
  }
}

}  // namespace
}  // namespace trailkeep
