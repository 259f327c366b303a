// FieldRef resolution and Selection planning (no store needed).
#include "query/selection.h"

#include <gtest/gtest.h>

#include "query/field_ref.h"
#include "query/filter.h"

namespace trailkeep::query {
namespace {

using model::IndexedField;
using Op = Condition::Op;

FieldRef Field(std::string_view path) { return FieldRef::Parse(path).value(); }

model::Event SampleEvent() {
  model::Event e;
  e.id = model::EventId{42};
  e.kind = "user.action";
  e.action = "LOGIN";
  e.category = "WEB_UI";
  e.success = false;
  e.actor.email = "a@example.com";
  e.actor.ip = "10.0.0.1";
  e.entity.id = "MOBILE_RUM: MOBILE_APPLICATION-752C";
  e.message = "hello";
  e.attributes = R"({"a":{"b":"x~\"y","n":3},"dt":{"settings":{"key":"k1"}},"t":true})";
  return e;
}

TEST(FieldRefTest, ParsesEveryEnvelopePath) {
  for (const char* path :
       {"id", "kind", "action", "category", "success", "actor.id", "actor.name", "actor.email",
        "actor.type", "actor.origin", "actor.ip", "actor.user_agent", "entity.id", "entity.type",
        "entity.name", "entity.version", "message", "reason", "uid", "attributes.a",
        "attributes.a.b", "attributes.dt.settings.key"}) {
    Result<FieldRef> ref = FieldRef::Parse(path);
    ASSERT_TRUE(ref.ok()) << path << ": " << ref.status().ToString();
    EXPECT_EQ(ref->path(), path);
  }
}

TEST(FieldRefTest, RejectsUnknownFields) {
  for (const char* path : {"user", "eventType", "Kind", "actor", "actor.phone", "entity",
                           "attributes", "attributes.", "attributes..a", "attributes.a.", "time",
                           "tenant", ""}) {
    Result<FieldRef> ref = FieldRef::Parse(path);
    ASSERT_FALSE(ref.ok()) << path;
    EXPECT_EQ(ref.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(ref.status().message().find("'" + std::string(path) + "'"), std::string::npos)
        << ref.status().message();
  }
  EXPECT_EQ(FieldRef::Parse("user").status().message(), "unknown filter field 'user'");
}

TEST(FieldRefTest, IndexedFieldsRoundTrip) {
  for (IndexedField f : model::kAllIndexedFields) {
    EXPECT_EQ(FieldRef::Of(f).indexed(), f);
    EXPECT_EQ(FieldRef::Of(f).path(), model::IndexedFieldName(f));
  }
  EXPECT_FALSE(Field("actor.ip").indexed().has_value());
  EXPECT_FALSE(Field("attributes.a").indexed().has_value());
  EXPECT_FALSE(Field("id").indexed().has_value());
}

TEST(FieldRefTest, ValueOf) {
  model::Event e = SampleEvent();
  EXPECT_EQ(Field("id").ValueOf(e), "42");
  EXPECT_EQ(Field("kind").ValueOf(e), "user.action");
  EXPECT_EQ(Field("success").ValueOf(e), "false");
  EXPECT_EQ(Field("actor.ip").ValueOf(e), "10.0.0.1");
  EXPECT_EQ(Field("actor.name").ValueOf(e), std::nullopt);
  EXPECT_EQ(Field("reason").ValueOf(e), std::nullopt);
  EXPECT_EQ(Field("attributes.a.b").ValueOf(e), "x~\"y");
  EXPECT_EQ(Field("attributes.a.n").ValueOf(e), "3");
  EXPECT_EQ(Field("attributes.t").ValueOf(e), "true");
  EXPECT_EQ(Field("attributes.a").ValueOf(e), std::nullopt);  // an object
  EXPECT_EQ(Field("attributes.zz").ValueOf(e), std::nullopt);
  EXPECT_EQ(Field("attributes.dt.settings.key").ValueOf(e), "k1");  // dots nest
  e.attributes = R"({"dt.settings.key":"k1"})";
  EXPECT_EQ(Field("attributes.dt.settings.key").ValueOf(e), std::nullopt);  // not a literal key
  e.attributes.clear();
  EXPECT_EQ(Field("attributes.a.b").ValueOf(e), std::nullopt);
}

TEST(SelectionTest, EmptyMatchesEverything) {
  Selection s;
  EXPECT_TRUE(s.pushed().empty());
  EXPECT_TRUE(s.residual().empty());
  EXPECT_FALSE(s.matches_nothing());
  EXPECT_TRUE(s.has_cheap_count());
  EXPECT_TRUE(s.Matches(SampleEvent()));
}

TEST(SelectionTest, PlansIndexedEqualityIntoTheStore) {
  Selection s({{Field("kind"), Op::kEquals, {"user.action"}},
               {Field("actor.email"), Op::kEquals, {"a@example.com", "b@example.com"}}});
  ASSERT_EQ(s.pushed().size(), 2u);
  EXPECT_EQ(s.pushed()[0].field, IndexedField::kKind);
  EXPECT_EQ(s.pushed()[1].field, IndexedField::kActorEmail);
  EXPECT_EQ(s.pushed()[1].values, (std::vector<std::string>{"a@example.com", "b@example.com"}));
  EXPECT_TRUE(s.residual().empty());
  EXPECT_FALSE(s.has_cheap_count());  // two matches: Count takes at most one
  EXPECT_TRUE(s.Matches(SampleEvent()));
}

TEST(SelectionTest, ContainsNonIndexedAndAttributesAreResidual) {
  Selection s({{Field("entity.id"), Op::kContains, {"MOBILE_APPLICATION"}},
               {Field("actor.ip"), Op::kEquals, {"10.0.0.1"}},
               {Field("attributes.dt.settings.key"), Op::kEquals, {"k1"}},
               {Field("category"), Op::kEquals, {"WEB_UI"}}});
  ASSERT_EQ(s.pushed().size(), 1u);
  EXPECT_EQ(s.pushed()[0].field, IndexedField::kCategory);
  EXPECT_EQ(s.residual().size(), 3u);
  EXPECT_FALSE(s.has_cheap_count());
  EXPECT_TRUE(s.Matches(SampleEvent()));
  EXPECT_TRUE(s.ResidualMatches(SampleEvent()));
}

TEST(SelectionTest, SameIndexedFieldIsIntersected) {
  Selection s({{Field("kind"), Op::kEquals, {"user.action", "token.use", "user.action"}}});
  s.Add({Field("kind"), Op::kEquals, {"config.change", "token.use"}});
  ASSERT_EQ(s.pushed().size(), 1u);
  EXPECT_EQ(s.pushed()[0].values, std::vector<std::string>{"token.use"});
  EXPECT_TRUE(s.has_cheap_count());
  EXPECT_FALSE(s.matches_nothing());
  s.Add({Field("kind"), Op::kEquals, {"user.action"}});
  EXPECT_TRUE(s.matches_nothing());
  EXPECT_FALSE(s.Matches(SampleEvent()));
}

TEST(SelectionTest, EmptyValueListMatchesNothing) {
  Selection s({{Field("message"), Op::kEquals, {}}});
  EXPECT_TRUE(s.matches_nothing());
  EXPECT_FALSE(s.Matches(SampleEvent()));
}

TEST(SelectionTest, Semantics) {
  model::Event e = SampleEvent();
  auto holds = [&](std::string_view path, Op op, std::vector<std::string> values) {
    return ConditionMatches({Field(path), op, std::move(values)}, e);
  };
  EXPECT_TRUE(holds("action", Op::kEquals, {"LOGOUT", "LOGIN"}));
  EXPECT_FALSE(holds("action", Op::kEquals, {"login"}));  // case-sensitive
  EXPECT_TRUE(holds("entity.id", Op::kContains, {"MOBILE_APPLICATION"}));
  EXPECT_FALSE(holds("entity.id", Op::kEquals, {"MOBILE_APPLICATION"}));
  EXPECT_TRUE(holds("message", Op::kContains, {""}));    // any set value
  EXPECT_FALSE(holds("reason", Op::kContains, {""}));    // unset never matches
  EXPECT_FALSE(holds("actor.name", Op::kEquals, {""}));  // unset is not ""
  EXPECT_TRUE(holds("success", Op::kEquals, {"false"}));
  EXPECT_TRUE(holds("id", Op::kEquals, {"42"}));
}

TEST(NativeSelectionTest, FromFilter) {
  Result<std::vector<Criterion>> criteria =
      ParseFilter(R"(kind("user.action"),entity.id(HOST-1,HOST-2),attributes.a.b("x~~~"y"))");
  ASSERT_TRUE(criteria.ok()) << criteria.status().ToString();
  Result<Selection> s = NativeSelection(*criteria);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->conditions().size(), 3u);
  for (const Condition& c : s->conditions()) EXPECT_EQ(c.op, Op::kEquals);
  EXPECT_EQ(s->pushed().size(), 2u);
  ASSERT_EQ(s->residual().size(), 1u);
  EXPECT_EQ(s->residual()[0].values, std::vector<std::string>{"x~\"y"});
}

TEST(NativeSelectionTest, UnknownField) {
  Result<Selection> s = NativeSelection({{"kind", {"a"}}, {"eventType", {"LOGIN"}}});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.status().message(), "unknown filter field 'eventType'");
}

}  // namespace
}  // namespace trailkeep::query
