#include "codec/csv.h"

#include <gtest/gtest.h>

namespace trailkeep::codec {
namespace {

std::string Csv(std::string_view s) {
  std::string out;
  AppendCsvField(s, &out);
  return out;
}

TEST(AppendCsvField, PlainFieldsAreBare) {
  EXPECT_EQ(Csv(""), "");
  EXPECT_EQ(Csv("abc"), "abc");
  EXPECT_EQ(Csv("a b"), "a b");
  EXPECT_EQ(Csv("héllo"), "héllo");
}

TEST(AppendCsvField, QuotesSpecialCharacters) {
  EXPECT_EQ(Csv("a,b"), "\"a,b\"");
  EXPECT_EQ(Csv("line1\nline2"), "\"line1\nline2\"");
  EXPECT_EQ(Csv("cr\r"), "\"cr\r\"");
  EXPECT_EQ(Csv("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(Csv("\""), "\"\"\"\"");
  EXPECT_EQ(Csv("\"\""), "\"\"\"\"\"\"");
}

TEST(AppendCsvField, QuotesLeadingOrTrailingSpace) {
  EXPECT_EQ(Csv(" a"), "\" a\"");
  EXPECT_EQ(Csv("a "), "\"a \"");
  EXPECT_EQ(Csv(" "), "\" \"");
}

TEST(AppendCsvField, Appends) {
  std::string row = "1,";
  AppendCsvField("x,y", &row);
  row += ',';
  AppendCsvField("z", &row);
  EXPECT_EQ(row, "1,\"x,y\",z");
}

}  // namespace
}  // namespace trailkeep::codec
