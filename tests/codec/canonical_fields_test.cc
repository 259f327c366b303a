#include "codec/canonical_fields.h"

#include <gtest/gtest.h>

#include <random>

#include "codec/canonical.h"
#include "codec/json_writer.h"

namespace trailkeep::codec {
namespace {

using model::IndexedField;

model::Event Full() {
  model::Event e;
  e.id = {18446744073709551615u};
  e.tenant = {"acme"};
  e.time = {1795460645123};
  e.received = {1795460646000};
  e.kind = "user.action";
  e.action = "login";
  e.category = "AUTH";
  e.success = false;
  e.actor = {.id = "u1",
             .name = "Zoë \"Z\" Ng",
             .email = "z@example.com",
             .type = "USER",
             .origin = "sso",
             .ip = "10.0.0.1",
             .user_agent = "curl/8.0\tx"};
  e.entity = {.id = "e\\1", .type = "package", .name = "left-pad", .version = "1.3.0"};
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
  std::mt19937_64 rng(7);
  const std::string_view pieces[] = {"a", " ",    "\"",   "\\",        "\\\\", "\n", "/",
                                     "é", "😀", "\x01", "\"kind\":", "}",    ",",  "{"};
  auto random_string = [&] {
    std::string s;
    for (size_t n = rng() % 10; n > 0; --n) s += pieces[rng() % std::size(pieces)];
    return s;
  };
  auto maybe = [&]() -> std::optional<std::string> {
    if (rng() % 3 == 0) return std::nullopt;
    return random_string();
  };
  for (int i = 0; i < 3000; ++i) {
    model::Event e;
    e.id = {rng()};
    e.tenant = {random_string()};
    e.time = {static_cast<int64_t>(rng() % 4'000'000'000'000)};
    e.received = {static_cast<int64_t>(rng() % 4'000'000'000'000)};
    e.kind = random_string();
    e.action = random_string();
    e.category = maybe();
    e.success = rng() % 2;
    e.actor = {maybe(), maybe(), maybe(), maybe(), maybe(), maybe(), maybe()};
    e.entity = {maybe(), maybe(), maybe(), maybe()};
    e.message = maybe();
    if (rng() % 2) {
      std::string value;
      AppendJsonString(random_string(), &value);
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
