#include "store/rocksdb/record.h"

#include <string>

#include <gtest/gtest.h>

namespace trailkeep::store::rocksdb_store {
namespace {

model::Event Sample() {
  model::Event e;
  e.time = model::TimeMs{-1'700'000'000'123};  // before 1970: the sign flip
  e.kind = "user.action";
  e.action = std::string(300, 'a');  // a two-byte varint length
  e.success = false;
  e.actor.id = "u-1";
  e.actor.name = "";  // present and empty: length 1, not absent
  e.entity.id = std::string(127, 'e');  // 128 = the first two-byte length
  return e;
}

TEST(RecordTest, HeaderRoundTripsShortLongEmptyAndAbsentFields) {
  const model::Event e = Sample();
  std::string bytes;
  AppendRecordHeader(e, &bytes);
  bytes.append("{\"canonical\":1}");
  RecordView r;
  ASSERT_TRUE(DecodeRecord(bytes, &r));
  EXPECT_EQ(r.time, e.time.ms);
  EXPECT_EQ(r.Field(model::IndexedField::kKind), "user.action");
  EXPECT_EQ(r.Field(model::IndexedField::kAction), e.action);
  EXPECT_FALSE(r.Field(model::IndexedField::kCategory).has_value());
  EXPECT_EQ(r.Field(model::IndexedField::kSuccess), "false");
  EXPECT_EQ(r.Field(model::IndexedField::kActorId), "u-1");
  EXPECT_EQ(r.Field(model::IndexedField::kActorName), "");
  EXPECT_FALSE(r.Field(model::IndexedField::kActorEmail).has_value());
  EXPECT_EQ(r.Field(model::IndexedField::kEntityId), *e.entity.id);
  EXPECT_EQ(r.canonical, "{\"canonical\":1}");
}

TEST(RecordTest, TruncatedHeadersAreRejected) {
  std::string bytes;
  AppendRecordHeader(Sample(), &bytes);
  RecordView r;
  // Every cut inside the header (the canonical part may be empty).
  for (size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_FALSE(DecodeRecord(std::string_view(bytes).substr(0, n), &r)) << n;
  }
  EXPECT_TRUE(DecodeRecord(bytes, &r));
}

}  // namespace
}  // namespace trailkeep::store::rocksdb_store
