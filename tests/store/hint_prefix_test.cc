// Insert-hint run prefixes: each key shape of keys.h maps to the part that
// stays fixed along its run, and keys outside any run map to 0.
#include <gtest/gtest.h>

#include "store/rocksdb/hint_prefix.h"
#include "store/rocksdb/keys.h"

namespace trailkeep::store::rocksdb_store {
namespace {

using model::IndexedField;

TEST(HintPrefixTest, EventKeysRunPerEpochAndTenant) {
  std::string a = EventKey(7, 1), b = EventKey(7, 99), c = EventKey(8, 1);
  std::string d = EventKey(7, EpochFirstId(1));
  EXPECT_EQ(EventsHintPrefix(a), 12u);
  EXPECT_EQ(a.substr(0, 12), b.substr(0, 12));
  EXPECT_NE(a.substr(0, 12), c.substr(0, 12));
  EXPECT_NE(a.substr(0, 12), d.substr(0, 12));
  EXPECT_EQ(EventsHintPrefix("short"), 0u);
}

TEST(HintPrefixTest, TimeKeysAndPostingsRunPerValue) {
  std::string time_key;
  AppendTimePrefix(&time_key, 3);
  AppendTimeId(&time_key, -5, 10);
  EXPECT_EQ(IndexHintPrefix(time_key), 5u);

  std::string prefix, posting;
  AppendPostingPrefix(&prefix, 3, IndexedField::kAction, "user.login");
  posting = prefix;
  AppendTimeId(&posting, 1'700'000'000'000, 42);
  EXPECT_EQ(IndexHintPrefix(posting), prefix.size());

  // A value whose escaped bytes end like a (time, id) suffix still maps to
  // its own prefix: the suffix length is fixed.
  std::string odd_prefix, odd;
  AppendPostingPrefix(&odd_prefix, 3, IndexedField::kCategory, std::string("\0\0x", 3));
  odd = odd_prefix;
  AppendTimeId(&odd, 0, 0);
  EXPECT_EQ(IndexHintPrefix(odd), odd_prefix.size());
}

TEST(HintPrefixTest, EntityPostingsUidsAndKeysHaveNoRun) {
  std::string entity;
  AppendPostingPrefix(&entity, 3, IndexedField::kEntityId, "pkg-000001");
  AppendTimeId(&entity, 1, 1);
  EXPECT_EQ(IndexHintPrefix(entity), 0u);
  EXPECT_EQ(IndexHintPrefix(UidKey(3, "a-uid-long-enough-to-pass-sizes")), 0u);
  EXPECT_EQ(IndexHintPrefix(IdempotencyKey(3, "an-idempotency-key-long-enough")), 0u);
}

TEST(HintPrefixTest, CountKeysRunPerFieldValueAndGrain) {
  std::string prefix, key;
  AppendCountPrefix(&prefix, 2, static_cast<uint8_t>(IndexedField::kAction), "read", kHour);
  key = prefix;
  PutI64(&key, 123);
  EXPECT_EQ(CountsHintPrefix(key), prefix.size());

  std::string range_prefix, range;
  AppendIdRangePrefix(&range_prefix, 2, kMinute);
  range = range_prefix;
  PutI64(&range, -1);
  EXPECT_EQ(CountsHintPrefix(range), range_prefix.size());

  std::string entity;
  AppendCountPrefix(&entity, 2, static_cast<uint8_t>(IndexedField::kEntityId), "x", kDay);
  PutI64(&entity, 1);
  EXPECT_EQ(CountsHintPrefix(entity), 0u);
}

}  // namespace
}  // namespace trailkeep::store::rocksdb_store
