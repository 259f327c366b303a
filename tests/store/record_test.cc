#include "store/rocksdb/record.h"

#include <string>

#include <gtest/gtest.h>

#include "codec/canonical.h"

namespace trailkeep::store::rocksdb_store {
namespace {

using model::IndexedField;

model::Event Sample() {
  model::Event e;
  e.id = {42};
  e.tenant = {"acme"};
  e.time = model::TimeMs{-1'700'000'000'123};  // before 1970: the sign flip
  e.kind = "user.action";
  e.action = "login";
  e.success = false;
  e.actor.id = "u-1";
  e.actor.name = "";  // present and empty, not absent
  e.entity.id = "e\"1";
  return e;
}

std::string RecordOf(const model::Event& e) {
  std::string bytes(kRecordTimeBytes, '\0');
  WriteRecordTime(e, bytes.data());
  codec::AppendCanonicalJson(e, &bytes);
  return bytes;
}

TEST(RecordTest, TimeAndCanonicalJsonRoundTrip) {
  const model::Event e = Sample();
  const std::string bytes = RecordOf(e);
  RecordView r;
  ASSERT_TRUE(DecodeRecord(bytes, &r));
  EXPECT_EQ(r.time, e.time.ms);
  EXPECT_EQ(r.canonical, codec::CanonicalJson(e));
}

TEST(RecordTest, RecordsShorterThanTheTimeAreRejected) {
  const std::string bytes = RecordOf(Sample());
  RecordView r;
  for (size_t n = 0; n < 8; ++n) {
    EXPECT_FALSE(DecodeRecord(std::string_view(bytes).substr(0, n), &r)) << n;
  }
  EXPECT_TRUE(DecodeRecord(std::string_view(bytes).substr(0, 8), &r));
  EXPECT_EQ(r.canonical, "");
}

TEST(RecordTest, MatchesAreAndOverFieldsAndOrOverValues) {
  const std::string bytes = RecordOf(Sample());
  RecordView r;
  ASSERT_TRUE(DecodeRecord(bytes, &r));
  auto matches = [&](std::vector<FieldMatch> m) {
    RecordMatcher matcher(m);
    Result<bool> result = matcher.Matches(r);
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    return result.ok() && *result;
  };
  EXPECT_TRUE(matches({}));
  EXPECT_TRUE(matches({{IndexedField::kActorId, {"u-2", "u-1"}}}));
  EXPECT_TRUE(matches({{IndexedField::kActorName, {""}}, {IndexedField::kSuccess, {"false"}}}));
  EXPECT_TRUE(matches({{IndexedField::kEntityId, {"e\"1"}}}));
  EXPECT_FALSE(matches({{IndexedField::kActorId, {"u-1"}}, {IndexedField::kAction, {"logout"}}}));
  EXPECT_FALSE(matches({{IndexedField::kCategory, {""}}}));  // absent is not empty
  EXPECT_FALSE(matches({{IndexedField::kActorEmail, {"u-1"}}}));
}

TEST(RecordTest, MatchingARecordThatIsNotCanonicalJsonIsAnError) {
  std::string bytes = RecordOf(Sample()).substr(0, 8) + "{\"id\":1,\"kind\":\"k";
  RecordView r;
  ASSERT_TRUE(DecodeRecord(bytes, &r));
  std::vector<FieldMatch> none;
  EXPECT_TRUE(*RecordMatcher(none).Matches(r));  // nothing to read
  std::vector<FieldMatch> one = {{IndexedField::kKind, {"k"}}};
  RecordMatcher matcher(one);
  Result<bool> result = matcher.Matches(r);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace trailkeep::store::rocksdb_store
