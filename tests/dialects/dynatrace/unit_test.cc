// Socket-free pieces of the Dynatrace dialect: the page key, the nextPageKey
// parameter rule, filter planning (the store's index and count paths), the
// importer and the entry renderer.
#include <gtest/gtest.h>

#include "api/dialects/dialects.h"
#include "api/dialects/dynatrace/audit_filter.h"
#include "api/dialects/dynatrace/entry_json.h"
#include "api/dialects/dynatrace/list_params.h"
#include "api/dialects/dynatrace/page_key.h"
#include "codec/json_value.h"
#include "crypto/base64.h"

namespace trailkeep::api::dialects::dynatrace {
namespace {

PageKey SampleKey() {
  PageKey k;
  k.tenant = "envA";
  k.max_id = 123456789;
  k.from_ms = 1575468631050;
  k.to_ms = 1576073431050;
  k.page_size = 1000;
  k.oldest_first = true;
  k.filter_text = R"(eventType(LOGIN),user("a~"b"))";
  k.total = 5820;
  k.last_time_ms = 1576073415531;
  k.last_id = 157607341;
  k.user_by_id = true;
  return k;
}

TEST(PageKeyTest, RoundTripsAndIsUrlSafe) {
  PageKeyCodec codec("secret-1");
  std::string text = codec.Encode(SampleKey());
  EXPECT_EQ(text.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
  auto back = codec.Decode(text);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, SampleKey());
}

TEST(PageKeyTest, EveryAlteredByteAndForeignSecretIsRejected) {
  PageKeyCodec codec("secret-1");
  std::string bytes = *crypto::Base64UrlDecode(codec.Encode(SampleKey()));
  for (size_t i = 0; i < bytes.size(); ++i) {
    std::string altered = bytes;
    altered[i] = static_cast<char>(altered[i] ^ 0x01);
    EXPECT_FALSE(codec.Decode(crypto::Base64UrlEncode(altered)).ok()) << "byte " << i;
  }
  EXPECT_FALSE(codec.Decode(crypto::Base64UrlEncode(bytes.substr(0, bytes.size() - 1))).ok());
  EXPECT_FALSE(codec.Decode("").ok());
  EXPECT_FALSE(codec.Decode("!!").ok());
  EXPECT_FALSE(PageKeyCodec("secret-2").Decode(codec.Encode(SampleKey())).ok());
  // The environment is covered by the tag: a key for envB differs.
  PageKey other = SampleKey();
  other.tenant = "envB";
  EXPECT_NE(codec.Encode(other), codec.Encode(SampleKey()));
}

TEST(ListParamsTest, NextPageKeyMustComeAlone) {
  Request r;
  r.query = ParseQuery("pageSize=2&nextPageKey=k&from=now&pageSize=3&Api-Token=t&x=1");
  auto v = ExtraParamsWithPageKey(r);
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[0].path, "pageSize");
  EXPECT_EQ(v[1].path, "from");
  EXPECT_EQ(v[2].path, "x");
  EXPECT_EQ(v[0].message, "must not be used in combination with nextPageKey query parameter.");
  r.query = ParseQuery("pageSize=2");
  EXPECT_TRUE(ExtraParamsWithPageKey(r).empty());
}

// The speed requirement rests on these: the common first pages use the
// store's index (pushed equality) and its per-bucket counts.
TEST(AuditFilterTest, IndexedCriteriaArePushedAndCountedCheaply) {
  for (const char* text : {"", "eventType(LOGIN)", "category(WEB_UI)", "eventType(LOGIN,LOGOUT)",
                           "eventType(LOGIN),eventType(LOGIN,LOGOUT)"}) {
    auto f = ParseAuditFilter(text);
    ASSERT_TRUE(f.ok()) << text;
    EXPECT_TRUE(f->has_cheap_count()) << text;
  }
  auto one = *ParseAuditFilter("eventType(LOGIN)");
  ASSERT_EQ(one.selection.pushed().size(), 1u);
  EXPECT_EQ(one.selection.pushed()[0].field, model::IndexedField::kAction);
  auto two = *ParseAuditFilter("eventType(LOGIN),category(WEB_UI)");
  EXPECT_EQ(two.selection.pushed().size(), 2u);  // both used as store matches
  EXPECT_FALSE(ParseAuditFilter("user(a)")->has_cheap_count());
  EXPECT_FALSE(ParseAuditFilter("entityId(a)")->has_cheap_count());
  EXPECT_TRUE(ParseAuditFilter("eventType(LOGIN),category(WEB_UI)")->needs_event() == false);
}

TEST(AuditFilterTest, UserByIdPushesActorId) {
  auto f = *ParseAuditFilter("user(alice,bob),eventType(LOGIN)");
  EXPECT_EQ(f.user_criteria().size(), 1u);
  EXPECT_FALSE(f.has_cheap_count());
  auto by_id = f.WithUserById();
  EXPECT_FALSE(by_id.needs_event());
  ASSERT_EQ(by_id.selection.pushed().size(), 2u);
  EXPECT_EQ(by_id.selection.pushed()[1].field, model::IndexedField::kActorId);
  EXPECT_EQ(by_id.selection.pushed()[1].values, (std::vector<std::string>{"alice", "bob"}));
  EXPECT_TRUE(ParseAuditFilter("user(alice)")->WithUserById().has_cheap_count());
}

TEST(ImporterTest, RecordToEventAndBackIsIdentical) {
  const char* record =
      R"({"logId":"197425568800060000","eventType":"UPDATE","category":"CONFIG",)"
      R"("entityId":"MOBILE_RUM: MOBILE_APPLICATION-752C223D59734CD2","environmentId":"prod-env-13",)"
      R"x("user":"test.user@company.com","userType":"USER_NAME","userOrigin":"webui (192.168.0.2)",)x"
      R"("timestamp":1974255688445,"success":true,)"
      R"("patch":[{"op":"replace","path":"/refreshTimeIntervalMillis","value":30000,"oldValue":20000}]})";
  auto value = codec::ParseJsonValue(record);
  ASSERT_TRUE(value.ok());
  codec::EventError error;
  auto event = DynatraceImporter().to_event(*value, &error);
  ASSERT_TRUE(event.ok()) << event.status().message();
  EXPECT_EQ(event->kind, "config.change");
  EXPECT_EQ(event->action, "UPDATE");
  EXPECT_EQ(event->actor.id, "test.user@company.com");
  EXPECT_EQ(event->uid, "dynatrace:prod-env-13:197425568800060000");
  EXPECT_EQ(event->attributes,
            R"({"dynatrace":{"patch":[{"op":"replace","path":"/refreshTimeIntervalMillis","value":30000,"oldValue":20000}]}})");
  event->id = model::EventId{197425568800060000};
  event->tenant = model::TenantId{"prod-env-13"};
  EXPECT_EQ(EntryJson(*event), record);
}

TEST(ImporterTest, BadRecordsNameTheField) {
  auto check = [](const char* record, const char* field) {
    codec::EventError error;
    auto event = DynatraceImporter().to_event(*codec::ParseJsonValue(record), &error);
    EXPECT_FALSE(event.ok()) << record;
    EXPECT_EQ(error.field, field) << record;
  };
  check(R"({"timestamp":1})", "eventType");
  check(R"({"eventType":"LOGIN"})", "timestamp");
  check(R"({"eventType":"LOGIN","timestamp":1.5})", "timestamp");
  check(R"({"eventType":"LOGIN","timestamp":1,"success":"yes"})", "success");
  check(R"({"eventType":"LOGIN","timestamp":1,"user":7})", "user");
  EXPECT_EQ(DynatraceImporter().document_paths.size(), 1u);
}

}  // namespace
}  // namespace trailkeep::api::dialects::dynatrace
