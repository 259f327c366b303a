#include "codec/json_path.h"

#include <gtest/gtest.h>

namespace trailkeep::codec {
namespace {

constexpr std::string_view kAttrs =
    R"({"pkg":{"name":"left-pad","ver":"1.3.0","meta":{"score":-1.50e2,"ok":true}},)"
    R"("n":42,"f":false,"z":null,"arr":[1,2],"esc":"a\"b\u00e9\n","we\"ird":"k",)"
    R"("dup":1,"dup":2,"empty":{}})";

TEST(AttributeValue, Scalars) {
  EXPECT_EQ(AttributeValue(kAttrs, "n"), "42");
  EXPECT_EQ(AttributeValue(kAttrs, "f"), "false");
  EXPECT_EQ(AttributeValue(kAttrs, "z"), "null");
  EXPECT_EQ(AttributeValue(kAttrs, "pkg.name"), "left-pad");
  EXPECT_EQ(AttributeValue(kAttrs, "pkg.meta.ok"), "true");
}

TEST(AttributeValue, NumbersAsWritten) {
  EXPECT_EQ(AttributeValue(kAttrs, "pkg.meta.score"), "-1.50e2");
  EXPECT_EQ(AttributeValue(R"({"a" : 7 , "b":1})", "a"), "7");
}

TEST(AttributeValue, StringsAreUnescaped) {
  EXPECT_EQ(AttributeValue(kAttrs, "esc"), "a\"bé\n");
  EXPECT_EQ(AttributeValue(kAttrs, "we\"ird"), "k");  // keys compared unescaped
}

TEST(AttributeValue, FirstDuplicateWins) { EXPECT_EQ(AttributeValue(kAttrs, "dup"), "1"); }

TEST(AttributeValue, AbsentOrNonScalarIsNullopt) {
  EXPECT_EQ(AttributeValue(kAttrs, "missing"), std::nullopt);
  EXPECT_EQ(AttributeValue(kAttrs, "pkg.missing"), std::nullopt);
  EXPECT_EQ(AttributeValue(kAttrs, "pkg"), std::nullopt);  // ends on an object
  EXPECT_EQ(AttributeValue(kAttrs, "arr"), std::nullopt);  // ends on an array
  EXPECT_EQ(AttributeValue(kAttrs, "empty"), std::nullopt);
  EXPECT_EQ(AttributeValue(kAttrs, "n.x"), std::nullopt);         // through a number
  EXPECT_EQ(AttributeValue(kAttrs, "pkg.name.x"), std::nullopt);  // through a string
  EXPECT_EQ(AttributeValue(kAttrs, "arr.0"), std::nullopt);       // through an array
  EXPECT_EQ(AttributeValue(kAttrs, ""), std::nullopt);
  EXPECT_EQ(AttributeValue(kAttrs, "pkg."), std::nullopt);
}

TEST(AttributeValue, NotAnObjectIsNullopt) {
  EXPECT_EQ(AttributeValue("", "a"), std::nullopt);
  EXPECT_EQ(AttributeValue("[1]", "a"), std::nullopt);
  EXPECT_EQ(AttributeValue("\"a\"", "a"), std::nullopt);
  EXPECT_EQ(AttributeValue("{not json", "a"), std::nullopt);
}

}  // namespace
}  // namespace trailkeep::codec
