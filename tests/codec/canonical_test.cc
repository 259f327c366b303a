#include "codec/canonical.h"

#include <gtest/gtest.h>


#include "base/time_format.h"
#include "codec/event_json.h"
#include "codec/json_writer.h"
#include "codec/sample_events.h"

namespace trailkeep::codec {
namespace {

model::Event Minimal() { return testing::MinimalEvent(); }
model::Event Full() { return testing::FullEvent(); }

TEST(CanonicalJson, MinimalEventExactBytes) {
  EXPECT_EQ(CanonicalJson(Minimal()),
            R"({"id":7,"tenant":"acme","time":"2026-11-23T19:04:05.123Z",)"
            R"("received":"2026-11-23T19:04:06.000Z","kind":"user.action","action":"login",)"
            R"("success":true})");
}

TEST(CanonicalJson, FullEventExactBytes) {
  EXPECT_EQ(CanonicalJson(Full()),
            R"({"id":18446744073709551615,"tenant":"acme","time":"2026-11-23T19:04:05.123Z",)"
            R"("received":"2026-11-23T19:04:06.000Z","kind":"user.action","action":"login",)"
            R"("category":"AUTH","success":false,)"
            R"("actor":{"id":"u1","name":"Zoë \"Z\" Ng","email":"z@example.com","type":"USER",)"
            R"("origin":"sso","ip":"10.0.0.1","user_agent":"curl/8.0\tx"},)"
            R"("entity":{"id":"e1","type":"package","name":"left-pad","version":"1.3.0"},)"
            R"("message":"line1\nline2 \\ ☃ 😀","reason":"nul\u0000byte","uid":"abc-123",)"
            R"("attributes":{"a":{"b":[1,2.50,"x\"y"]},"n":null}})");
}

TEST(CanonicalJson, PartialActorAndEntityKeepOnlySetFields) {
  model::Event e = Minimal();
  e.actor.email = "a@b.c";
  e.entity.version = "";
  EXPECT_NE(CanonicalJson(e).find(R"("actor":{"email":"a@b.c"},"entity":{"version":""}})"),
            std::string::npos);
}

// The template's bound holds when every string byte is escaped as \u00XX
// and every field is set; the template with the id and received texts put
// in its holes is the event's canonical JSON.
TEST(CanonicalTemplate, FitsItsBoundWhenEveryByteIsEscaped) {
  const std::string worst(40, '\x01');
  model::Event e = Full();
  for (std::string* s : {&e.kind, &e.action}) *s = worst;
  for (std::optional<std::string>* o :
       {&e.category, &e.actor.id, &e.actor.name, &e.actor.email, &e.actor.type, &e.actor.origin,
        &e.actor.ip, &e.actor.user_agent, &e.entity.id, &e.entity.type, &e.entity.name,
        &e.entity.version, &e.message, &e.reason, &e.uid}) {
    *o = worst;
  }
  e.time.ms = kMinIsoMs;
  const size_t bound = CanonicalTemplateMaxBytes(e, worst);
  std::string buffer(bound + 16, '#');
  CanonicalHoles holes;
  const char* end = WriteCanonicalTemplate(e, worst, buffer.data(), &holes);
  ASSERT_LE(end - buffer.data(), static_cast<ptrdiff_t>(bound));
  EXPECT_EQ(buffer.substr(bound), std::string(16, '#'));

  const std::string_view t(buffer.data(), static_cast<size_t>(end - buffer.data()));
  e.id = model::EventId{18'446'744'073'709'551'615u};
  e.tenant = model::TenantId{worst};
  e.received = model::TimeMs{kMaxIsoMs};
  const std::string filled = std::string(t.substr(0, holes.id_at)) + std::to_string(e.id.value) +
                             std::string(t.substr(holes.id_at, holes.received_at - holes.id_at)) +
                             FormatIsoMs(e.received.ms) + std::string(t.substr(holes.received_at));
  EXPECT_EQ(filled, CanonicalJson(e));
  EXPECT_LE(filled.size(), bound);
}

TEST(CanonicalJson, AppendAddsToBuffer) {
  std::string out = "[";
  AppendCanonicalJson(Minimal(), &out);
  out += ",";
  AppendCanonicalJson(Minimal(), &out);
  out += "]";
  EXPECT_EQ(out, "[" + CanonicalJson(Minimal()) + "," + CanonicalJson(Minimal()) + "]");
}

TEST(ParseCanonical, RoundTripsMinimal) {
  auto parsed = ParseCanonical(CanonicalJson(Minimal()));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(*parsed, Minimal());
}

TEST(ParseCanonical, RoundTripsFull) {
  auto parsed = ParseCanonical(CanonicalJson(Full()));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(*parsed, Full());
}

TEST(ParseCanonical, RoundTripsEmptyOptionalStringsAndPreEpochTimes) {
  model::Event e = Minimal();
  e.time = {-62167219200000};  // 0000-01-01
  e.received = {-1};
  e.category = "";
  e.message = "";
  e.actor.id = "";
  auto parsed = ParseCanonical(CanonicalJson(e));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(*parsed, e);
}

TEST(ParseCanonical, RoundTripsEveryControlCharacter) {
  model::Event e = Minimal();
  std::string all;
  for (int c = 0; c < 0x80; ++c) all.push_back(static_cast<char>(c));
  e.message = all;
  e.actor.name = all;
  auto parsed = ParseCanonical(CanonicalJson(e));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(*parsed, e);
}

TEST(ParseCanonical, ManyEventsReuseTheParser) {
  for (int i = 0; i < 100; ++i) {
    model::Event e = i % 2 ? Full() : Minimal();
    e.id = {static_cast<uint64_t>(i)};
    e.time = {i * 1000LL};
    auto parsed = ParseCanonical(CanonicalJson(e));
    ASSERT_TRUE(parsed.ok());
    ASSERT_EQ(*parsed, e);
  }
}

TEST(ParseCanonical, RoundTripsEmptyKindAndAction) {
  model::Event e = Minimal();
  e.kind.clear();
  e.action.clear();
  auto parsed = ParseCanonical(CanonicalJson(e));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(*parsed, e);
}

TEST(ParseCanonical, AcceptsKeysInAnyOrder) {
  auto parsed = ParseCanonical(
      R"({"action":"a","attributes":{"x":1},"kind":"k","id":3,"time":"1970-01-01T00:00:01.000Z"})");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->id.value, 3u);
  EXPECT_EQ(parsed->time.ms, 1000);
  EXPECT_EQ(parsed->attributes, R"({"x":1})");
}

std::optional<std::string_view> View(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  return std::string_view(*s);
}

// ParseCanonicalText's views hold the same values as `e`'s fields.
void ExpectTextOf(const model::Event& e, const std::string& json) {
  CanonicalText t;
  Status s = ParseCanonicalText(json, &t);
  ASSERT_TRUE(s.ok()) << s.ToString() << "\n" << json;
  EXPECT_EQ(t.id, e.id.value);
  EXPECT_EQ(t.tenant, e.tenant.value);
  EXPECT_EQ(t.time, FormatIsoMs(e.time.ms));
  EXPECT_EQ(t.received, FormatIsoMs(e.received.ms));
  EXPECT_EQ(t.kind, e.kind);
  EXPECT_EQ(t.action, e.action);
  EXPECT_EQ(t.success, e.success);
  EXPECT_EQ(t.category, View(e.category));
  EXPECT_EQ(t.message, View(e.message));
  EXPECT_EQ(t.reason, View(e.reason));
  EXPECT_EQ(t.uid, View(e.uid));
  const std::optional<std::string>* actor[] = {&e.actor.id,     &e.actor.name, &e.actor.email,
                                               &e.actor.type,   &e.actor.origin, &e.actor.ip,
                                               &e.actor.user_agent};
  for (size_t i = 0; i < std::size(actor); ++i) EXPECT_EQ(t.actor[i], View(*actor[i])) << i;
  const std::optional<std::string>* entity[] = {&e.entity.id, &e.entity.type, &e.entity.name,
                                                &e.entity.version};
  for (size_t i = 0; i < std::size(entity); ++i) EXPECT_EQ(t.entity[i], View(*entity[i])) << i;
  EXPECT_EQ(t.attributes, e.attributes);
}

// Random events (random presence, random valid-UTF-8 strings with escapes)
// survive the round trip, and read back as text the same.
TEST(ParseCanonical, RandomEventsRoundTrip) {
  testing::RandomEvents random(42, {"a", "Z", " ", "\"", "\\", "\n", "\t", "/", "é", "☃", "😀",
                                    "\x01", "\x1f", "{", "}", ",", ":"});
  for (int i = 0; i < 2000; ++i) {
    model::Event e = random.Next();
    if (random.Coin()) {
      std::string key;
      AppendJsonString(random.String(), &key);
      std::string value;
      AppendJsonString(random.String(), &value);
      e.attributes = "{" + key + ":[" + value + ",1.5e3,null],\"n\":{}}";
    }
    const std::string json = CanonicalJson(e);
    auto parsed = ParseCanonical(json);
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString() << "\n" << json;
    ASSERT_EQ(*parsed, e) << json;
    ExpectTextOf(e, json);
  }
}

TEST(ParseCanonical, RoundTripsIngestedEvents) {
  ParseOptions options;
  options.default_time = {123};
  auto events = ParseEvents(
      R"([{"kind":"k","action":"a"},
          {"kind":"k","action":"a","time":"2026-11-24T00:34:05.5+05:30","success":false,
           "actor":{"ip":"::1","email":null},"entity":{"name":"n\u0000m"},
           "attributes":{ "deep": {"list": [1, 2, {"x": "\u00e9"}]} },"uid":"u"}])",
      options);
  ASSERT_TRUE(events.ok()) << events.status().ToString();
  for (model::Event& e : *events) {
    e.id = {99};
    e.tenant = {"t"};
    e.received = {1795460645000};
    auto parsed = ParseCanonical(CanonicalJson(e));
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
    EXPECT_EQ(*parsed, e);
    ExpectTextOf(e, CanonicalJson(e));
  }
}

TEST(ParseCanonical, RejectsBadInput) {
  for (std::string_view bad : {
           "",
           "not json",
           "[]",
           "{",
           R"({"id":-1,"kind":"k","action":"a"})",
           R"({"kind":"k","action":"a","bogus":1})",
           R"({"kind":"k","action":"a","time":"x"})",
           R"({"kind":"k","action":"a","time":5})",
           R"({"kind":"k","action":"a"} {})",
           R"({"kind":"k","action":"a","actor":{"zip":"1"}})",
           R"({"kind":"k"})",
           R"({"kind":"k","action":"a","attributes":[1]})",
       }) {
    auto parsed = ParseCanonical(bad);
    EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument) << bad;
    // The text reader checks the same, but leaves time text unparsed.
    CanonicalText t;
    if (bad != R"({"kind":"k","action":"a","time":"x"})") {
      EXPECT_EQ(ParseCanonicalText(bad, &t).code(), StatusCode::kInvalidArgument) << bad;
    }
  }
}

}  // namespace
}  // namespace trailkeep::codec
