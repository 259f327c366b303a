#include "codec/canonical_fields.h"

#include <gtest/gtest.h>


#include "codec/canonical.h"
#include "codec/json_writer.h"
#include "codec/sample_events.h"

namespace trailkeep::codec {
namespace {

using model::IndexedField;

// The full sample with decoys: an escaped entity id, and indexed keys'
// names inside fields the walk must not read.
model::Event Full() {
  model::Event e = testing::FullEvent();
  e.entity.id = "e\\1";
  e.message = R"("kind":"not this")";
  e.attributes = R"({"action":"nor this","actor":{"id":"x"}})";
  return e;
}

// Every indexed field located in the canonical JSON of `e` equals the
// event's own value.
void ExpectFieldsOf(const model::Event& e) {
  const std::string json = CanonicalJson(e);
  CanonicalFields fields;
  ASSERT_TRUE(fields.Parse(json)) << json;
  for (IndexedField f : model::kAllIndexedFields) {
    EXPECT_EQ(fields.Get(f), model::IndexedValue(e, f)) << model::IndexedFieldName(f) << "\n" << json;
  }
}

TEST(CanonicalFields, FindsEveryFieldAndIgnoresLookalikesInLaterFields) {
  ExpectFieldsOf(Full());
  const std::string json = CanonicalJson(Full());  // the views point into it
  CanonicalFields fields;
  ASSERT_TRUE(fields.Parse(json));
  EXPECT_EQ(fields.Get(IndexedField::kActorName), "Zoë \"Z\" Ng");
  EXPECT_EQ(fields.Get(IndexedField::kEntityId), "e\\1");
  EXPECT_EQ(fields.Get(IndexedField::kKind), "user.action");
  EXPECT_EQ(fields.Get(IndexedField::kSuccess), "false");
}

TEST(CanonicalFields, AbsentOptionalFieldsAndObjectsReadAsAbsent) {
  model::Event e = Full();
  e.category.reset();
  e.actor = {};
  e.entity = {};
  e.entity.name = "only a name";
  ExpectFieldsOf(e);
  const std::string json = CanonicalJson(e);
  CanonicalFields fields;
  ASSERT_TRUE(fields.Parse(json));
  EXPECT_FALSE(fields.Get(IndexedField::kCategory).has_value());
  EXPECT_FALSE(fields.Get(IndexedField::kActorId).has_value());
  EXPECT_FALSE(fields.Get(IndexedField::kEntityId).has_value());
  EXPECT_EQ(fields.Get(IndexedField::kSuccess), "false");
}

TEST(CanonicalFields, ParseForgetsThePreviousEvent) {
  const std::string first = CanonicalJson(Full());
  CanonicalFields fields;
  ASSERT_TRUE(fields.Parse(first));
  model::Event e = Full();
  e.actor.id.reset();
  e.actor.name = "plain";
  const std::string second = CanonicalJson(e);
  ASSERT_TRUE(fields.Parse(second));
  EXPECT_FALSE(fields.Get(IndexedField::kActorId).has_value());
  EXPECT_EQ(fields.Get(IndexedField::kActorName), "plain");
}

// Random events, with values full of quotes, backslash runs of every parity,
// control characters and non-ASCII text.
TEST(CanonicalFields, RandomEventsMatchTheirIndexedValues) {
  testing::RandomEvents random(7, {"a", " ", "\"", "\\", "\\\\", "\n", "/", "é", "😀", "\x01",
                                   "\"kind\":", "}", ",", "{"});
  for (int i = 0; i < 3000; ++i) {
    model::Event e = random.Next();
    if (random.Coin()) {
      std::string value;
      AppendJsonString(random.String(), &value);
      e.attributes = "{\"kind\":" + value + "}";
    }
    ExpectFieldsOf(e);
    if (HasFailure()) return;
  }
}

TEST(CanonicalFields, TextCutBeforeTheLastIndexedKeyIsRejected) {
  const std::string json = CanonicalJson(Full());
  const size_t message = json.find(",\"message\":");
  ASSERT_NE(message, std::string::npos);
  CanonicalFields fields;
  for (size_t n = 0; n <= message; ++n) {
    EXPECT_FALSE(fields.Parse(std::string_view(json).substr(0, n))) << n;
  }
}

TEST(CanonicalFields, MalformedEscapesAreRejected) {
  const std::string prefix = R"({"id":1,"tenant":"t","kind":"k","action":")";
  CanonicalFields fields;
  const std::string good = prefix + R"(a\u00e9\ud83d\ude00\n"})";
  ASSERT_TRUE(fields.Parse(good));
  EXPECT_EQ(fields.Get(IndexedField::kAction), "aé😀\n");
  for (std::string_view bad : {R"(\x")", R"(\u12")", R"(\ud83d")", R"(\ude00")", R"(\ud83d\u0041")"}) {
    EXPECT_FALSE(fields.Parse(prefix + std::string(bad) + "}")) << bad;
  }
}

TEST(CanonicalFields, ObjectsWhereCanonicalEventsHoldScalarsAreRejected) {
  CanonicalFields fields;
  for (std::string_view bad : {R"({"id":{"x":1},"kind":"k","action":"a"})",
                               R"({"id":1,"kind":"k","action":"a","success":[true]})",
                               R"({"id":1,"kind":"k","action":"a","actor":{"id":{}}})",
                               R"({"id":1,"kind":"k","action":"a","actor":"u1"})"}) {
    EXPECT_FALSE(fields.Parse(bad)) << bad;
  }
}

}  // namespace
}  // namespace trailkeep::codec
