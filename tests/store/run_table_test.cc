#include "store/rocksdb/run_table.h"

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace trailkeep::store::rocksdb_store {
namespace {

using Runs = std::map<std::string, std::vector<TimeId>>;

Runs DrainAll(RunTable* table) {
  Runs out;
  table->Drain([&](std::string_view run, std::span<const TimeId> entries) {
    auto [it, inserted] = out.emplace(std::string(run), std::vector<TimeId>(entries.begin(), entries.end()));
    EXPECT_TRUE(inserted) << "run drained twice: " << run;
  });
  return out;
}

TEST(RunTableTest, GroupsEntriesByRunAndSortsEachRun) {
  RunTable table;
  table.Add("a", {20, 2});
  table.Add("b", {5, 9});
  table.Add("a", {10, 1});
  table.Add("a", {20, 1});
  // A run name that is a prefix of another is still another run.
  table.Add(std::string("a\0", 2), {1, 1});
  EXPECT_EQ(table.runs(), 3u);
  Runs want = {{"a", {{10, 1}, {20, 1}, {20, 2}}},
               {"b", {{5, 9}}},
               {std::string("a\0", 2), {{1, 1}}}};
  EXPECT_EQ(DrainAll(&table), want);
  EXPECT_EQ(table.runs(), 0u);
  EXPECT_TRUE(DrainAll(&table).empty());
}

TEST(RunTableTest, MatchesAMapOfVectorsOverManyGroups) {
  // Several thousand runs per group make the table grow past its first
  // size, and every group starts from the previous one's emptied table.
  std::mt19937_64 rng(7);
  RunTable table;
  for (int group = 0; group < 5; ++group) {
    Runs want;
    const int entries = 1000 + group * 2000;
    for (int i = 0; i < entries; ++i) {
      std::string run = "run-" + std::to_string(rng() % (entries / 2 + 1));
      TimeId e{static_cast<int64_t>(rng() % 100) - 50, rng()};
      table.Add(run, e);
      want[run].push_back(e);
    }
    for (auto& [run, v] : want) std::sort(v.begin(), v.end());
    EXPECT_EQ(table.runs(), want.size());
    EXPECT_EQ(DrainAll(&table), want) << "group " << group;
  }
}

}  // namespace
}  // namespace trailkeep::store::rocksdb_store
