#include "base/lifo_pool.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace trailkeep {
namespace {

size_t Capacity(const std::string& s) { return s.capacity(); }
size_t Size(const std::vector<int>& v) { return v.size(); }

TEST(LifoPoolTest, EmptyPoolGivesADefaultObject) {
  LifoPool<std::string> pool(4, 1000, Capacity);
  EXPECT_EQ(pool.Take(), "");
}

TEST(LifoPoolTest, TakesTheObjectGivenLastFirst) {
  LifoPool<std::string> pool(4, 1000, Capacity);
  pool.Give("first");
  pool.Give("second");
  EXPECT_EQ(pool.Take(), "second");
  EXPECT_EQ(pool.Take(), "first");
  EXPECT_EQ(pool.Take(), "");
}

TEST(LifoPoolTest, KeepsTheMemoryOfWhatItIsGiven) {
  LifoPool<std::vector<int>> pool(4, 1000, Size);
  std::vector<int> v(1000, 7);
  const int* data = v.data();
  pool.Give(std::move(v));
  std::vector<int> back = pool.Take();
  EXPECT_EQ(back.data(), data);
  EXPECT_EQ(back.size(), 1000u);
}

TEST(LifoPoolTest, KeepsAtMostItsNumberOfObjects) {
  LifoPool<std::string> pool(2, 1000, Capacity);
  pool.Give("a");
  pool.Give("b");
  pool.Give("c");  // destroyed: the pool is full
  EXPECT_EQ(pool.Take(), "b");
  EXPECT_EQ(pool.Take(), "a");
  EXPECT_EQ(pool.Take(), "");
}

TEST(LifoPoolTest, KeepsNoObjectAboveItsBound) {
  LifoPool<std::vector<int>> pool(4, 10, Size);
  pool.Give(std::vector<int>(10, 1));
  pool.Give(std::vector<int>(11, 2));  // destroyed: larger than the bound
  std::vector<int> back = pool.Take();
  ASSERT_EQ(back.size(), 10u);
  EXPECT_EQ(back[0], 1);
  EXPECT_TRUE(pool.Take().empty());
}

TEST(LifoPoolTest, ThreadsTakingAndGivingLoseNothing) {
  LifoPool<std::vector<int>> pool(64, 1, Size);
  for (int i = 0; i < 64; ++i) pool.Give(std::vector<int>{i});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&pool] {
      for (int i = 0; i < 10000; ++i) {
        std::vector<int> v = pool.Take();
        if (!v.empty()) pool.Give(std::move(v));
      }
    });
  }
  for (std::thread& t : threads) t.join();
  std::vector<bool> seen(64, false);
  for (int i = 0; i < 64; ++i) {
    std::vector<int> v = pool.Take();
    ASSERT_EQ(v.size(), 1u);
    seen[static_cast<size_t>(v[0])] = true;
  }
  for (int i = 0; i < 64; ++i) EXPECT_TRUE(seen[static_cast<size_t>(i)]) << i;
  EXPECT_TRUE(pool.Take().empty());
}

}  // namespace
}  // namespace trailkeep
