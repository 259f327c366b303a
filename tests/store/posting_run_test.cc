#include "store/rocksdb/posting_run.h"

#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "store/rocksdb/keys.h"

namespace trailkeep::store::rocksdb_store {
namespace {

std::vector<TimeId> RoundTrip(const std::vector<TimeId>& entries) {
  std::string value;
  EncodeRun(entries, &value);
  std::vector<TimeId> out;
  EXPECT_TRUE(DecodeRun(entries[0], value, &out));
  return out;
}

TEST(PostingRunTest, RoundTripsSortedEntriesWhoseIdsGoBothWays) {
  // Late events: a later time can carry a smaller id than the entry before.
  std::vector<TimeId> entries = {{-3'600'000, 90}, {-3'599'999, 7}, {-3'599'999, 8},
                                 {-3'000'000, UINT64_MAX}, {-2, 1}};
  EXPECT_EQ(RoundTrip(entries), entries);
  std::vector<TimeId> one = {{std::numeric_limits<int64_t>::min(), 0}};
  std::string value;
  EncodeRun(one, &value);
  EXPECT_EQ(value, "\x01");  // its size; the key holds the only entry
  EXPECT_EQ(RunSize(value), 1u);
  EXPECT_EQ(RoundTrip(one), one);
}

TEST(PostingRunTest, RandomRunsRoundTrip) {
  std::mt19937_64 rng(11);
  for (int round = 0; round < 200; ++round) {
    const int64_t start = static_cast<int64_t>(rng() % 2'000'000'000'000) - 1'000'000'000'000;
    std::vector<TimeId> entries;
    for (size_t i = 0, n = 1 + rng() % 300; i < n; ++i) {
      entries.push_back(TimeId{start + static_cast<int64_t>(rng() % kHourMs), rng() % 1'000'000});
    }
    std::sort(entries.begin(), entries.end());
    entries.erase(std::unique(entries.begin(), entries.end()), entries.end());
    ASSERT_EQ(RoundTrip(entries), entries);
    std::string value;
    EncodeRun(entries, &value);
    ASSERT_EQ(RunSize(value), entries.size());
  }
}

TEST(PostingRunTest, RejectsTruncatedAndNonIncreasingRuns) {
  std::vector<TimeId> entries = {{10, 1}, {20, 2}, {30, 3}};
  std::string value;
  EncodeRun(entries, &value);
  std::vector<TimeId> out;
  EXPECT_FALSE(DecodeRun(entries[0], value.substr(0, value.size() - 1), &out));
  // Bytes past the stated size.
  out.clear();
  EXPECT_FALSE(DecodeRun(entries[0], value + std::string("\x01\x01"), &out));
  // Size 0, or more entries than bytes to hold them.
  out.clear();
  EXPECT_FALSE(DecodeRun(entries[0], std::string("\x00", 1), &out));
  EXPECT_FALSE(RunSize(std::string("\x00", 1)).has_value());
  out.clear();
  EXPECT_FALSE(DecodeRun(entries[0], std::string("\x05\x01\x01"), &out));
  // dt = 0 and id delta 0: the same entry twice.
  out.clear();
  EXPECT_FALSE(DecodeRun(entries[0], std::string("\x02\x00\x00", 3), &out));
  // A varint that never ends.
  out.clear();
  EXPECT_FALSE(DecodeRun(entries[0], std::string(11, '\xff'), &out));
}

TEST(PostingRunTest, BucketsAreMinutesForTheTimeIndexAndHoursForPostings) {
  std::string time_prefix, posting_prefix;
  AppendTimePrefix(&time_prefix, 1);
  AppendPostingPrefix(&posting_prefix, 1, model::IndexedField::kAction, "a");
  EXPECT_EQ(RunWidthMs(time_prefix), kMinuteMs);
  EXPECT_EQ(RunWidthMs(posting_prefix), kHourMs);
  EXPECT_EQ(RunBucketStart(7'199'999, kHourMs), 3'600'000);
  EXPECT_EQ(RunBucketStart(-1, kHourMs), -3'600'000);
  // The bucket of INT64_MIN starts before it: clamped.
  EXPECT_EQ(RunBucketStart(std::numeric_limits<int64_t>::min(), kHourMs),
            std::numeric_limits<int64_t>::min());
}

}  // namespace
}  // namespace trailkeep::store::rocksdb_store
