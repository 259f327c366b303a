// Socket-free checks of the Opsera dialect's pieces: parameter grammars,
// ObjectIds, shape detection and the importer's mapping.
#include <gtest/gtest.h>

#include "api/dialects/dialects.h"
#include "api/dialects/opsera/param_values.h"
#include "api/dialects/opsera/record_shape.h"
#include "api/dialects/opsera/render.h"

namespace trailkeep::api::dialects::opsera {
namespace {

TEST(OpseraParams, Day) {
  EXPECT_EQ(ParseDay("1970-01-02"), kDayMs);
  EXPECT_EQ(ParseDay("2021-07-30"), 1627603200000);
  for (const char* bad : {"2021-7-30", "2021-07-30T00:00", "2021-02-29", "2021-13-01", "",
                          "abcd-ef-gh", "2021/07/30"}) {
    EXPECT_FALSE(ParseDay(bad)) << bad;
  }
}

TEST(OpseraParams, Clock) {
  EXPECT_EQ(ParseClock("09:00"), 9 * 3'600'000);
  EXPECT_EQ(ParseClock("9:05"), 9 * 3'600'000 + 5 * 60'000);
  EXPECT_EQ(ParseClock("23:59:59"), 86'399'000);
  for (const char* bad : {"24:00", "12:60", "12:00:60", "9", "123:00", "09:00:0", ":00", "09-00"}) {
    EXPECT_FALSE(ParseClock(bad)) << bad;
  }
}

TEST(OpseraParams, RangeAndDigits) {
  EXPECT_EQ(ParseRange("30s"), 30'000);
  EXPECT_EQ(ParseRange("13m"), 13 * 60'000);
  EXPECT_EQ(ParseRange("1h"), 3'600'000);
  EXPECT_EQ(ParseRange("3d"), 3 * kDayMs);
  EXPECT_EQ(ParseRange("2w"), 14 * kDayMs);
  EXPECT_EQ(ParseRange("99999999999999999999w"), INT64_MAX);
  for (const char* bad : {"3x", "d", "3", "-3d", "3D", " 3d"}) EXPECT_FALSE(ParseRange(bad)) << bad;
  EXPECT_EQ(ParseDigits("18446744073709551616"), UINT64_MAX);
  EXPECT_FALSE(ParseDigits("+1"));
  EXPECT_EQ(SaturatingSub(INT64_MIN + 5, 10), INT64_MIN);
  EXPECT_TRUE(IsObjectId("5e1cbf251c26d68f7ce6361E"));
  EXPECT_FALSE(IsObjectId("5e1cbf251c26d68f7ce6361g"));
}

TEST(OpseraRender, ObjectIdIsTimeSecondsThenEventId) {
  EXPECT_EQ(ObjectIdFor(model::EventId{1}, model::TimeMs{1627661632109}),
            "6104254000000000" "00000001");
  EXPECT_EQ(ObjectIdFor(model::EventId{0xabc}, model::TimeMs{-1}), "ffffffff0000000000000abc");
}

codec::JsonValue Parse(const std::string& s) { return codec::ParseJsonValue(s).value(); }

TEST(OpseraImporter, DetectsTheKindByShape) {
  EXPECT_EQ(DetectShape(Parse(R"({"action":"x","type":"pipeline"})")).kind, kKindUserAction);
  EXPECT_EQ(DetectShape(Parse(R"({"scope":"api"})")).kind, kKindTokenUse);
  EXPECT_EQ(DetectShape(Parse(R"({"token_id":"1","user_id":"2"})")).kind, kKindTokenUse);
  EXPECT_EQ(DetectShape(Parse(R"({"action":"x","step_index":1})")).kind, kKindPipelineActivity);
  EXPECT_EQ(DetectShape(Parse(R"({"scope":"api","pipeline_id":"1"})")).kind, kKindPipelineActivity);
}

TEST(OpseraImporter, MapsTheEnvelopeAndKeepsTheRest) {
  codec::EventError error;
  auto e = OpseraImporter().to_event(
      Parse(R"({"_id":"61042540e1d666c9ded178c4","user_id":"u","user_email":"e","type":"t","action":"a","target_id":"x","account":"acc","createdAt":"2021-07-30T16:13:52.109Z","updatedAt":"2021-07-30T16:13:52.109Z","__v":0,"more":[1]})"),
      &error);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->kind, "user.action");
  EXPECT_EQ(e->action, "a");
  EXPECT_EQ(e->category, "t");
  EXPECT_EQ(e->actor.id, "u");
  EXPECT_EQ(e->actor.email, "e");
  EXPECT_EQ(e->entity.id, "x");
  EXPECT_EQ(e->time.ms, 1627661632109);
  EXPECT_EQ(e->uid, "opsera:61042540e1d666c9ded178c4");
  EXPECT_EQ(e->attributes, R"({"account":"acc","more":[1]})");

  auto t = OpseraImporter().to_event(Parse(R"({"token_id":"k","scope":"api","target":"/v1/x","createdAt":1000})"), &error);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->kind, "token.use");
  EXPECT_EQ(t->action, "use");
  EXPECT_EQ(t->entity.id, "k");
  EXPECT_EQ(t->entity.name, "/v1/x");
  EXPECT_EQ(t->attributes, R"({"createdAt":1000})");

  auto bad = OpseraImporter().to_event(Parse(R"({"type":"t"})"), &error);
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(error.field, "action");
}

}  // namespace
}  // namespace trailkeep::api::dialects::opsera
