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
  RunTable::Hint h;  // one site: its hint keeps pointing at another run
  table.Add("a", {20, 2}, &h);
  table.Add("b", {5, 9}, &h);
  table.Add("a", {10, 1}, &h);
  table.Add("a", {20, 1}, &h);
  // A run name that is a prefix of another is still another run, also
  // when the hint points at the shorter one.
  table.Add(std::string("a\0", 2), {1, 1}, &h);
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
  // Hints are drawn at random among a few sites, one of them scribbled
  // over, and kept across groups: a stale or wrong hint only costs time.
  std::mt19937_64 rng(7);
  RunTable table;
  std::vector<RunTable::Hint> hints(4);
  for (int group = 0; group < 5; ++group) {
    Runs want;
    const int entries = 1000 + group * 2000;
    for (int i = 0; i < entries; ++i) {
      // Runs repeat in streaks, as a tenant's minute does in a group.
      std::string run = "run-" + std::to_string(rng() % 4 == 0 ? rng() % (entries / 2 + 1) : i / 7);
      TimeId e{static_cast<int64_t>(rng() % 100) - 50, rng()};
      RunTable::Hint& h = hints[rng() % hints.size()];
      if (rng() % 50 == 0) h.run = static_cast<uint32_t>(rng() % 5000);
      table.Add(run, e, &h);
      want[run].push_back(e);
    }
    for (auto& [run, v] : want) std::sort(v.begin(), v.end());
    EXPECT_EQ(table.runs(), want.size());
    EXPECT_EQ(DrainAll(&table), want) << "group " << group;
  }
}

}  // namespace
}  // namespace trailkeep::store::rocksdb_store
