#include "export/csv_row.h"

#include <string>

#include <gtest/gtest.h>

#include "codec/canonical.h"

namespace trailkeep::exporter {
namespace {

std::string RowOf(const model::Event& e) {
  std::string row;
  Status s = AppendCsvRow(codec::CanonicalJson(e), &row);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return row;
}

TEST(CsvRow, EveryColumnInHeaderOrder) {
  model::Event e;
  e.id = {42};
  e.tenant = {"acme"};
  e.time = {1'795'460'645'123};
  e.received = {1'795'460'646'000};
  e.kind = "user.action";
  e.action = "token.create";
  e.category = "auth";
  e.success = false;
  e.actor = {"u-1", "Ann, \"A\"", "ann@x.io", "user", "web", "10.0.0.1", "curl/8"};
  e.entity = {"token-7", "token", "line1\nline2", "v2"};
  e.message = " padded ";
  e.reason = "denied";
  e.uid = "u7";
  e.attributes = R"({"a":[1,"x,y"]})";
  EXPECT_EQ(RowOf(e),
            "42,acme,2026-11-23T19:04:05.123Z,2026-11-23T19:04:06.000Z,user.action,token.create,"
            "auth,false,u-1,\"Ann, \"\"A\"\"\",ann@x.io,user,web,10.0.0.1,curl/8,token-7,token,"
            "\"line1\nline2\",v2,\" padded \",denied,u7,\"{\"\"a\"\":[1,\"\"x,y\"\"]}\"\r\n");
}

TEST(CsvRow, AbsentFieldsAreEmptyAndEscapesAreUnescaped) {
  model::Event e;
  e.id = {1};
  e.tenant = {"t"};
  e.time = {0};
  e.received = {-1};
  e.kind = "k\t\"q\"";
  e.action = "a\\b";
  e.entity.name = "é☃";
  EXPECT_EQ(RowOf(e),
            "1,t,1970-01-01T00:00:00.000Z,1969-12-31T23:59:59.999Z,\"k\t\"\"q\"\"\",a\\b,,true,"
            ",,,,,,,,,é☃,,,,,\r\n");
}

TEST(CsvRow, RejectsWhatIsNotCanonical) {
  std::string row;
  EXPECT_FALSE(AppendCsvRow(R"({"kind":"k"})", &row).ok());
  EXPECT_FALSE(AppendCsvRow("not json", &row).ok());
}

}  // namespace
}  // namespace trailkeep::exporter
