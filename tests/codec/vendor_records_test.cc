// Vendor record framing for dialect imports, the JSON re-serialisation the
// CLI uses to forward records, and CheckEvent on events built in code.
#include "codec/vendor_records.h"

#include <gtest/gtest.h>

namespace trailkeep::codec {
namespace {

const std::vector<DocumentPath> kPaths = {{"auditLogs"}, {"result", "auditInfoList"}};

std::vector<std::string> Split(std::string_view body, size_t max = 100) {
  EventError error;
  auto records = SplitVendorRecords(body, kPaths, max, &error);
  EXPECT_TRUE(records.ok()) << records.status().message();
  std::vector<std::string> out;
  if (records.ok()) {
    for (const auto& r : *records) out.push_back(ToJson(r));
  }
  return out;
}

TEST(VendorRecords, ArrayNdjsonOneObjectAndSavedDocuments) {
  EXPECT_EQ(Split(R"([{"a":1},{"b":"x"}])"), (std::vector<std::string>{R"({"a":1})", R"({"b":"x"})"}));
  EXPECT_EQ(Split("{\"a\":1}\n\n{\"a\":2}\n"), (std::vector<std::string>{R"({"a":1})", R"({"a":2})"}));
  EXPECT_EQ(Split(R"({"a":1})"), (std::vector<std::string>{R"({"a":1})"}));
  EXPECT_EQ(Split(R"({"totalCount":2,"auditLogs":[{"logId":"1"},{"logId":"2"}],"nextPageKey":null})"),
            (std::vector<std::string>{R"({"logId":"1"})", R"({"logId":"2"})"}));
  EXPECT_EQ(Split(R"({"status":"success","result":{"auditInfoList":[{"id":"x"}],"total":1}})"),
            (std::vector<std::string>{R"({"id":"x"})"}));
  // NDJSON lines may each be a saved page.
  EXPECT_EQ(Split("{\"auditLogs\":[{\"n\":1}]}\n{\"auditLogs\":[{\"n\":2}]}\n"),
            (std::vector<std::string>{R"({"n":1})", R"({"n":2})"}));
}

TEST(VendorRecords, ReserialisationKeepsNumbersOrderAndEscapes) {
  auto v = ParseJsonValue(R"({"z":1.50,"a":[true,null,-0,1e3],"s":"q\"\\\u00e9\n"})");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(ToJson(*v), "{\"z\":1.50,\"a\":[true,null,-0,1e3],\"s\":\"q\\\"\\\\\u00e9\\n\"}");
}

TEST(VendorRecords, ErrorsNameTheRecord) {
  EventError error;
  auto bad = SplitVendorRecords("[{\"a\":1}, 7]", kPaths, 100, &error);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(error.index, 1u);
  EXPECT_NE(bad.status().message().find("record 1"), std::string::npos);

  auto broken = SplitVendorRecords("{\"a\":1}\n{\"a\":\n", kPaths, 100, &error);
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(error.index, 1u);

  EXPECT_FALSE(SplitVendorRecords("[]", kPaths, 100, &error).ok());
  EXPECT_FALSE(SplitVendorRecords("  \n", kPaths, 100, &error).ok());

  auto many = SplitVendorRecords("[{},{},{}]", kPaths, 2, &error);
  ASSERT_FALSE(many.ok());
  EXPECT_EQ(many.status().code(), StatusCode::kResourceExhausted);
}

TEST(CheckEvent, AppliesTheNativeFieldRules) {
  model::Event e;
  e.kind = "user.action";
  e.action = "login";
  e.time = model::TimeMs{1'700'000'000'000};
  EventError error;
  EXPECT_TRUE(CheckEvent(e, &error).ok());

  model::Event bad_kind = e;
  bad_kind.kind = "has space";
  EXPECT_FALSE(CheckEvent(bad_kind, &error).ok());
  EXPECT_EQ(error.field, "kind");

  model::Event no_action = e;
  no_action.action.clear();
  EXPECT_FALSE(CheckEvent(no_action, &error).ok());
  EXPECT_EQ(error.field, "action");

  model::Event long_actor = e;
  long_actor.actor.email = std::string(2000, 'a');
  EXPECT_FALSE(CheckEvent(long_actor, &error).ok());
  EXPECT_EQ(error.field, "actor.email");

  model::Event bad_attributes = e;
  bad_attributes.attributes = "[1,2]";
  EXPECT_FALSE(CheckEvent(bad_attributes, &error).ok());
  EXPECT_EQ(error.field, "attributes");
}

}  // namespace
}  // namespace trailkeep::codec
