// Window decomposition: every instant of a window is covered exactly once.
#include <gtest/gtest.h>

#include <random>

#include "store/rocksdb/keys.h"
#include "store/rocksdb/window_plan.h"

namespace trailkeep::store::rocksdb_store {
namespace {

int64_t BucketMs(char gran) {
  return gran == kDay ? kDayMs : gran == kHour ? kHourMs : kMinuteMs;
}

// True when `t` is inside exactly one piece of the plan.
int Covering(const WindowPlan& p, int64_t t) {
  int n = 0;
  for (const BucketRun& r : p.runs) {
    int64_t b = FloorDiv(t, BucketMs(r.gran));
    if (b >= r.first && b < r.end) ++n;
  }
  for (const TimeRange& r : p.partial) {
    if (t >= r.from && t < r.to) ++n;
  }
  return n;
}

TEST(WindowPlanTest, ExactPlanCoversEachInstantOnce) {
  std::mt19937_64 rng(1);
  for (int i = 0; i < 2000; ++i) {
    int64_t a = static_cast<int64_t>(rng() % (20 * kDayMs)) - 10 * kDayMs;
    int64_t b = a + static_cast<int64_t>(rng() % (3 * kDayMs));
    if (i % 5 == 0) a -= a % kMinuteMs;
    WindowPlan p = PlanExactWindow(a, b);
    for (int64_t t : {a - 1, a, a + 1, b - 1, b, (a + b) / 2, a + kMinuteMs, b - kDayMs}) {
      EXPECT_EQ(Covering(p, t), (t >= a && t < b) ? 1 : 0) << a << " " << b << " " << t;
    }
    int64_t partial = 0;
    for (const TimeRange& r : p.partial) partial += r.to - r.from;
    EXPECT_LT(partial, 2 * kMinuteMs);
  }
}

TEST(WindowPlanTest, HourPlanCoversEachInstantOnce) {
  std::mt19937_64 rng(2);
  for (int i = 0; i < 2000; ++i) {
    int64_t a = static_cast<int64_t>(rng() % (20 * kDayMs)) - 10 * kDayMs;
    int64_t b = a + static_cast<int64_t>(rng() % (3 * kDayMs));
    if (i % 5 == 0) a -= a % kHourMs;
    if (i % 7 == 0) b -= b % kDayMs;
    WindowPlan p = PlanExactWindow(a, b, kHourChain);
    for (int64_t t : {a - 1, a, a + 1, b - 1, b, (a + b) / 2, a + kHourMs, b - kDayMs}) {
      EXPECT_EQ(Covering(p, t), (t >= a && t < b) ? 1 : 0) << a << " " << b << " " << t;
    }
    int64_t partial = 0;
    for (const TimeRange& r : p.partial) partial += r.to - r.from;
    EXPECT_LT(partial, 2 * kHourMs);
    for (const BucketRun& r : p.runs) EXPECT_NE(r.gran, kMinute);
  }
  WindowPlan unbounded = PlanExactWindow(INT64_MIN, INT64_MAX, kHourChain);
  EXPECT_EQ(Covering(unbounded, INT64_MIN), 1);
  EXPECT_EQ(Covering(unbounded, INT64_MAX - 1), 1);
}

TEST(WindowPlanTest, UnboundedWindowsDoNotOverflow) {
  WindowPlan p = PlanExactWindow(INT64_MIN, INT64_MAX);
  EXPECT_EQ(Covering(p, 0), 1);
  EXPECT_EQ(Covering(p, INT64_MIN), 1);
  EXPECT_EQ(Covering(p, INT64_MAX - 1), 1);
  auto runs = PlanCoveringBuckets(INT64_MIN, INT64_MAX);
  EXPECT_FALSE(runs.empty());
  EXPECT_TRUE(PlanExactWindow(5, 5).partial.empty());
}

// Covering runs hold every instant of the window once, and nothing outside
// the window's edge minutes.
TEST(WindowPlanTest, CoveringBucketsStayWithinEdgeMinutes) {
  std::mt19937_64 rng(4);
  for (int i = 0; i < 2000; ++i) {
    int64_t a = static_cast<int64_t>(rng() % (20 * kDayMs)) - 10 * kDayMs;
    int64_t b = a + 1 + static_cast<int64_t>(rng() % (3 * kDayMs));
    WindowPlan p{PlanCoveringBuckets(a, b), {}};
    const int64_t lo = FloorDiv(a, kMinuteMs) * kMinuteMs;
    const int64_t hi = (FloorDiv(b - 1, kMinuteMs) + 1) * kMinuteMs;
    for (int64_t t : {lo - 1, lo, a, (a + b) / 2, b - 1, hi - 1, hi, a + kHourMs, b - kDayMs}) {
      EXPECT_EQ(Covering(p, t), (t >= lo && t < hi) ? 1 : 0) << a << " " << b << " " << t;
    }
    int64_t keys = 0;
    for (const BucketRun& r : p.runs) keys += r.end - r.first;
    EXPECT_LT(keys, 2 * 59 + 2 * 23 + 3 + 2);
  }
}

TEST(WindowPlanTest, SevenDayWindowUsesDays) {
  const int64_t day = 19'000 * kDayMs;
  WindowPlan p = PlanExactWindow(day + 1234, day + 7 * kDayMs + 5678);
  ASSERT_EQ(p.partial.size(), 2u);
  bool has_days = false;
  for (const BucketRun& r : p.runs) {
    if (r.gran == kDay) {
      has_days = true;
      EXPECT_EQ(r.end - r.first, 6);
    } else {
      EXPECT_LT(r.end - r.first, kMinutesPerDay);
    }
  }
  EXPECT_TRUE(has_days);
}

// With minutes and hours, a 7-day window not aligned to anything reads at
// most 59 + 59 minute buckets, 23 + 23 hour buckets and 7 days.
TEST(WindowPlanTest, MinuteHourChainReadsFewBuckets) {
  const int64_t day = 19'000 * kDayMs;
  const int64_t from = day + 5 * kHourMs + 17 * kMinuteMs + 1234;
  WindowPlan p = PlanExactWindow(from, from + 7 * kDayMs, kMinuteHourDayChain);
  int64_t minutes = 0, hours = 0, days = 0;
  for (const BucketRun& r : p.runs) {
    (r.gran == kMinute ? minutes : r.gran == kHour ? hours : days) += r.end - r.first;
  }
  EXPECT_EQ(minutes, 42 + 17);
  EXPECT_EQ(hours, 18 + 5);
  EXPECT_EQ(days, 6);
  for (int64_t t : {from - 1, from, from + kHourMs, from + 7 * kDayMs - 1, from + 7 * kDayMs}) {
    EXPECT_EQ(Covering(p, t), (t >= from && t < from + 7 * kDayMs) ? 1 : 0) << t;
  }
}

TEST(WindowPlanTest, MinuteHourChainCoversEachInstantOnce) {
  std::mt19937_64 rng(3);
  for (int i = 0; i < 2000; ++i) {
    int64_t a = static_cast<int64_t>(rng() % (20 * kDayMs)) - 10 * kDayMs;
    int64_t b = a + static_cast<int64_t>(rng() % (3 * kDayMs));
    if (i % 5 == 0) a -= a % kHourMs;
    if (i % 7 == 0) b -= b % kMinuteMs;
    WindowPlan p = PlanExactWindow(a, b, kMinuteHourDayChain);
    for (int64_t t : {a - 1, a, a + 1, b - 1, b, (a + b) / 2, a + kHourMs, b - kHourMs,
                      a + kDayMs, b - kDayMs}) {
      EXPECT_EQ(Covering(p, t), (t >= a && t < b) ? 1 : 0) << a << " " << b << " " << t;
    }
    for (const BucketRun& r : p.runs) {
      if (r.gran == kMinute) {
        EXPECT_LT(r.end - r.first, 2 * 60);
      }
      if (r.gran == kHour) {
        EXPECT_LT(r.end - r.first, 2 * 24);
      }
    }
  }
}

}  // namespace
}  // namespace trailkeep::store::rocksdb_store
