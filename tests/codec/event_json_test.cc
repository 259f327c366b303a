#include "codec/event_json.h"

#include <gtest/gtest.h>

namespace trailkeep::codec {
namespace {

constexpr int64_t kDefaultTime = 1'700'000'000'000;
constexpr std::string_view kMin = R"({"kind":"user.action","action":"login"})";

ParseOptions Options(InputFormat format = InputFormat::kAuto, size_t max_events = 10'000) {
  ParseOptions o;
  o.format = format;
  o.max_events = max_events;
  o.default_time = {kDefaultTime};
  return o;
}

std::vector<model::Event> MustParse(std::string_view body, const ParseOptions& o = Options()) {
  auto r = ParseEvents(body, o);
  EXPECT_TRUE(r.ok()) << r.status().ToString() << "\nbody: " << body;
  return r.ok() ? *std::move(r) : std::vector<model::Event>{};
}

// Parses `body` expecting failure; returns the filled EventError and checks
// that the status message agrees with it.
EventError MustFail(std::string_view body, const ParseOptions& o = Options()) {
  EventError err{99, "unset", "unset"};
  auto r = ParseEvents(body, o, &err);
  EXPECT_FALSE(r.ok()) << "body: " << body;
  if (r.ok()) return err;
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << r.status().ToString();
  std::string expected = "event " + std::to_string(err.index) + ": ";
  if (!err.field.empty()) expected += err.field + ": ";
  EXPECT_EQ(r.status().message(), expected + err.reason);
  return err;
}

// One event with `fields` (JSON members text) added to the minimal event.
std::string With(std::string_view fields) {
  return R"({"kind":"k","action":"a",)" + std::string(fields) + "}";
}

void ExpectFieldError(std::string_view fields, std::string_view field, std::string_view reason) {
  EventError err = MustFail(With(fields));
  EXPECT_EQ(err.index, 0u) << fields;
  EXPECT_EQ(err.field, field) << fields;
  EXPECT_EQ(err.reason, reason) << fields;
}

TEST(ParseEvents, MinimalEventGetsDefaults) {
  auto events = MustParse(kMin);
  ASSERT_EQ(events.size(), 1u);
  model::Event expected;
  expected.time = {kDefaultTime};
  expected.kind = "user.action";
  expected.action = "login";
  EXPECT_EQ(events[0], expected);
  EXPECT_TRUE(events[0].success);
}

TEST(ParseEvents, AllFields) {
  auto events = MustParse(R"({
    "time": "2026-11-23T19:04:05.123Z", "kind": "curation.package", "action": "blocked",
    "category": "npm", "success": false,
    "actor": {"id": "u1", "name": "Zo\u00eb", "email": "z@x.io", "type": "USER",
              "origin": "sso", "ip": "10.0.0.1", "user_agent": "curl/8"},
    "entity": {"id": "e1", "type": "package", "name": "left-pad", "version": "1.3.0"},
    "message": "line\nnext ☃", "reason": "policy", "uid": "req-1",
    "attributes": { "a" : [ 1 , 2.50 , "x y" ], "b": {"c": null} }
  })");
  ASSERT_EQ(events.size(), 1u);
  const model::Event& e = events[0];
  EXPECT_EQ(e.time.ms, 1795460645123);
  EXPECT_EQ(e.kind, "curation.package");
  EXPECT_EQ(e.action, "blocked");
  EXPECT_EQ(e.category, "npm");
  EXPECT_FALSE(e.success);
  EXPECT_EQ(e.actor, (model::Actor{"u1", "Zoë", "z@x.io", "USER", "sso", "10.0.0.1", "curl/8"}));
  EXPECT_EQ(e.entity, (model::Entity{"e1", "package", "left-pad", "1.3.0"}));
  EXPECT_EQ(e.message, "line\nnext ☃");
  EXPECT_EQ(e.reason, "policy");
  EXPECT_EQ(e.uid, "req-1");
  // Whitespace outside strings removed; numbers and strings kept as written.
  EXPECT_EQ(e.attributes, R"({"a":[1,2.50,"x y"],"b":{"c":null}})");
  EXPECT_EQ(e.id.value, 0u);
  EXPECT_TRUE(e.tenant.value.empty());
  EXPECT_EQ(e.received.ms, 0);
}

TEST(ParseEvents, NullMeansAbsent) {
  auto events = MustParse(With(R"("time":null,"category":null,"success":null,"actor":null,)"
                               R"("entity":{"id":null},"message":null,"reason":null,)"
                               R"("uid":null,"attributes":null)"));
  ASSERT_EQ(events.size(), 1u);
  model::Event expected;
  expected.time = {kDefaultTime};
  expected.kind = "k";
  expected.action = "a";
  EXPECT_EQ(events[0], expected);
}

TEST(ParseEvents, EmptyAttributesObjectIsNoAttributes) {
  EXPECT_EQ(MustParse(With(R"("attributes": { })"))[0].attributes, "");
}

TEST(ParseEvents, AttributesKeepEscapesAndUnicodeBytes) {
  auto events = MustParse(With(R"("attributes":{"s":"a \"q\" \u00e9 ☃","n":-0.0e+1})"));
  EXPECT_EQ(events[0].attributes, R"({"s":"a \"q\" \u00e9 ☃","n":-0.0e+1})");
}

TEST(ParseEvents, IgnoresServerAssignedFields) {
  auto events =
      MustParse(With(R"("id":123,"tenant":"other","received":"2026-01-01T00:00:00.000Z")"));
  EXPECT_EQ(events[0].id.value, 0u);
  EXPECT_TRUE(events[0].tenant.value.empty());
  EXPECT_EQ(events[0].received.ms, 0);
}

TEST(ParseEvents, TimeForms) {
  EXPECT_EQ(MustParse(With(R"("time":1795460645123)"))[0].time.ms, 1795460645123);
  EXPECT_EQ(MustParse(With(R"("time":-1)"))[0].time.ms, -1);
  EXPECT_EQ(MustParse(With(R"("time":"2026-11-24T00:34:05+05:30")"))[0].time.ms, 1795460645000);
  EXPECT_EQ(MustParse(With(R"("time":"2026-11-23 19:04:05")"))[0].time.ms, 1795460645000);
  EXPECT_EQ(MustParse(With(R"("time":"1969-12-31T23:59:59.999Z")"))[0].time.ms, -1);
}

TEST(ParseEvents, TimeErrors) {
  ExpectFieldError(R"("time":"2026-11-23")", "time", "not an ISO 8601 time: 2026-11-23");
  ExpectFieldError(R"("time":"2026-02-30T00:00Z")", "time",
                   "not an ISO 8601 time: 2026-02-30T00:00Z");
  const char* kType = "must be an ISO 8601 string or integer epoch milliseconds";
  ExpectFieldError(R"("time":1.5)", "time", kType);
  ExpectFieldError(R"("time":true)", "time", kType);
  ExpectFieldError(R"("time":{})", "time", kType);
  ExpectFieldError(R"("time":99999999999999999999)", "time", kType);
  ExpectFieldError(R"("time":253402300800000)", "time", "out of range (years 0000..9999)");
  ExpectFieldError(R"("time":"0000-01-01T00:00+01:00")", "time", "out of range (years 0000..9999)");
}

TEST(ParseEvents, KindRules) {
  EXPECT_EQ(MustParse(R"({"kind":"A-z_0.9","action":"a"})")[0].kind, "A-z_0.9");
  EXPECT_EQ(MustParse(R"({"kind":")" + std::string(64, 'k') + R"(","action":"a"})").size(), 1u);
  const char* kRule = "must be 1..64 characters of [A-Za-z0-9._-]";
  for (std::string bad : {std::string(""), std::string(65, 'k'), std::string("a b"),
                          std::string("é"), std::string("a/b")}) {
    EventError err = MustFail(R"({"kind":")" + bad + R"(","action":"a"})");
    EXPECT_EQ(err.field, "kind");
    EXPECT_EQ(err.reason, kRule) << bad;
  }
  EventError err = MustFail(R"({"kind":5,"action":"a"})");
  EXPECT_EQ(err.field, "kind");
  EXPECT_EQ(err.reason, "must be a string");
}

TEST(ParseEvents, RequiredFields) {
  EventError err = MustFail(R"({"action":"a"})");
  EXPECT_EQ(err.field, "kind");
  EXPECT_EQ(err.reason, "is required");
  err = MustFail(R"({"kind":"k"})");
  EXPECT_EQ(err.field, "action");
  EXPECT_EQ(err.reason, "is required");
  err = MustFail(R"({"kind":"k","action":null})");
  EXPECT_EQ(err.field, "action");
  EXPECT_EQ(err.reason, "is required");
}

TEST(ParseEvents, StringLimits) {
  auto str = [](size_t n) { return "\"" + std::string(n, 'x') + "\""; };
  EXPECT_EQ(MustParse(R"({"kind":"k","action":)" + str(256) + "}").size(), 1u);
  EventError err = MustFail(R"({"kind":"k","action":)" + str(257) + "}");
  EXPECT_EQ(err.field, "action");
  EXPECT_EQ(err.reason, "must be 1..256 bytes");
  err = MustFail(R"({"kind":"k","action":""})");
  EXPECT_EQ(err.reason, "must be 1..256 bytes");

  EXPECT_EQ(MustParse(With(R"("category":"")")).size(), 1u);
  ExpectFieldError(R"("category":)" + str(257), "category", "must be at most 256 bytes");
  EXPECT_EQ(MustParse(With(R"("message":)" + str(65536))).size(), 1u);
  ExpectFieldError(R"("message":)" + str(65537), "message", "must be at most 65536 bytes");
  ExpectFieldError(R"("reason":)" + str(65537), "reason", "must be at most 65536 bytes");
  ExpectFieldError(R"("uid":"")", "uid", "must be 1..256 bytes");
  ExpectFieldError(R"("uid":)" + str(257), "uid", "must be 1..256 bytes");
  EXPECT_EQ(MustParse(With(R"("actor":{"name":)" + str(1024) + "}")).size(), 1u);
  ExpectFieldError(R"("actor":{"name":)" + str(1025) + "}", "actor.name",
                   "must be at most 1024 bytes");
  ExpectFieldError(R"("entity":{"version":)" + str(1025) + "}", "entity.version",
                   "must be at most 1024 bytes");
}

TEST(ParseEvents, LimitsCountBytesAfterUnescaping) {
  // 128 two-byte characters written as \u escapes: 256 bytes, accepted.
  std::string action;
  for (int i = 0; i < 128; ++i) action += "\\u00e9";
  EXPECT_EQ(MustParse(R"({"kind":"k","action":")" + action + R"("})")[0].action.size(), 256u);
}

TEST(ParseEvents, TypeErrors) {
  ExpectFieldError(R"("category":1)", "category", "must be a string");
  ExpectFieldError(R"("success":"yes")", "success", "must be a boolean");
  ExpectFieldError(R"("actor":"bob")", "actor", "must be an object");
  ExpectFieldError(R"("actor":{"email":1})", "actor.email", "must be a string");
  ExpectFieldError(R"("entity":[])", "entity", "must be an object");
  ExpectFieldError(R"("message":["m"])", "message", "must be a string");
  ExpectFieldError(R"("attributes":"x")", "attributes", "must be a JSON object");
  ExpectFieldError(R"("attributes":[1])", "attributes", "must be a JSON object");
}

TEST(ParseEvents, UnknownAndDuplicateFields) {
  ExpectFieldError(R"("bogus":1)", "bogus", "unknown field");
  ExpectFieldError(R"("Kind":"k")", "Kind", "unknown field");
  ExpectFieldError(R"("actor":{"id":"u","zip":"1"})", "actor.zip", "unknown field");
  ExpectFieldError(R"("entity":{"owner":"x"})", "entity.owner", "unknown field");
  ExpectFieldError(R"("kind":"k2")", "kind", "duplicate field");
  ExpectFieldError(R"("actor":{"id":"a","id":"b"})", "actor.id", "duplicate field");
}

TEST(ParseEvents, AttributesLimitAndValidity) {
  // {"a":"xxx…"} minified is 8 + n bytes.
  const std::string fits = R"("attributes":{"a":")" + std::string(65536 - 8, 'x') + "\"}";
  EXPECT_EQ(MustParse(With(fits)).size(), 1u);
  const std::string over = R"("attributes":{"a":")" + std::string(65536 - 7, 'x') + "\"}";
  ExpectFieldError(over, "attributes", "must be at most 65536 bytes");
  // Whitespace does not count against the limit.
  const std::string spaced =
      R"("attributes":{   "a"  :  ")" + std::string(65536 - 8, 'x') + "\"  }";
  EXPECT_EQ(MustParse(With(spaced)).size(), 1u);

  EventError err = MustFail(With(R"("attributes":{"a":tru})"));
  EXPECT_EQ(err.field, "attributes");
  EXPECT_EQ(err.reason.rfind("invalid JSON", 0), 0u) << err.reason;
}

TEST(ParseEvents, MalformedIgnoredFieldIsStillAnError) {
  EventError err = MustFail(With(R"("id":tru)"));
  EXPECT_EQ(err.field, "id");
  EXPECT_EQ(err.reason.rfind("invalid JSON", 0), 0u) << err.reason;
  err = MustFail(With(R"("tenant":{"a":[1,nul]})"));
  EXPECT_EQ(err.field, "tenant");
}

TEST(ParseEvents, ArrayOfEvents) {
  auto events = MustParse(R"([{"kind":"a","action":"1"}, {"kind":"b","action":"2"}])");
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].kind, "a");
  EXPECT_EQ(events[1].kind, "b");
}

TEST(ParseEvents, ErrorIndexInArray) {
  EventError err = MustFail(R"([)" + std::string(kMin) + "," + std::string(kMin) + "," +
                            R"({"kind":"k","action":"a","actor":{"email":true}}])");
  EXPECT_EQ(err.index, 2u);
  EXPECT_EQ(err.field, "actor.email");
  EXPECT_EQ(err.reason, "must be a string");

  auto r = ParseEvents(
      R"([{"kind":"k","action":"a"},{"kind":"k","action":"a","actor":{"email":1}}])", Options());
  EXPECT_EQ(r.status(), InvalidArgument("event 1: actor.email: must be a string"));

  err = MustFail(R"([)" + std::string(kMin) + ",42]");
  EXPECT_EQ(err.index, 1u);
  EXPECT_EQ(err.field, "");
  EXPECT_EQ(err.reason, "must be a JSON object");
}

TEST(ParseEvents, Ndjson) {
  const std::string body =
      "\n" + std::string(kMin) + "\r\n\n   \n" + R"({"kind":"b","action":"2"})" + "\n\n";
  auto events = MustParse(body);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].kind, "b");
  EXPECT_EQ(MustParse(body, Options(InputFormat::kNdjson)).size(), 2u);
  // Without a trailing newline, and with only one line.
  EXPECT_EQ(MustParse(std::string(kMin) + "\n" + std::string(kMin)).size(), 2u);
  EXPECT_EQ(MustParse(kMin, Options(InputFormat::kNdjson)).size(), 1u);
}

TEST(ParseEvents, NdjsonErrorIndexCountsEventsNotLines) {
  const std::string body = std::string(kMin) + "\n\n\n" + std::string(kMin) + "\n\n" +
                           R"({"kind":"k","action":"a","bogus":1})" + "\n";
  EventError err = MustFail(body);
  EXPECT_EQ(err.index, 2u);
  EXPECT_EQ(err.field, "bogus");
  EXPECT_EQ(err.reason, "unknown field");
}

TEST(ParseEvents, NdjsonRejectsNonObjectLinesAndMalformedLines) {
  EventError err = MustFail(std::string(kMin) + "\n[1]\n", Options(InputFormat::kNdjson));
  EXPECT_EQ(err.index, 1u);
  EXPECT_EQ(err.reason, "must be a JSON object");
  err = MustFail(std::string(kMin) + "\n{\"kind\":\n\"k\"}\n");
  EXPECT_EQ(err.index, 1u);
  EXPECT_EQ(err.field, "");
  EXPECT_EQ(err.reason.rfind("invalid JSON", 0), 0u) << err.reason;
  err = MustFail(std::string(kMin) + " " + std::string(kMin));  // two on one line
  EXPECT_EQ(err.index, 1u);
}

TEST(ParseEvents, ExplicitJsonFormatRejectsNdjson) {
  EventError err =
      MustFail(std::string(kMin) + "\n" + std::string(kMin), Options(InputFormat::kJson));
  EXPECT_EQ(err.field, "");
  EXPECT_EQ(err.reason, "invalid JSON: unexpected content after the value");
}

TEST(ParseEvents, PrettyPrintedSingleObjectIsNotNdjson) {
  EXPECT_EQ(MustParse("{\n  \"kind\": \"k\",\n  \"action\": \"a{}\"\n}\n").size(), 1u);
}

TEST(ParseEvents, BracesAndQuotesInsideStringsDoNotSplitTheBody) {
  auto events = MustParse(R"({"kind":"k","action":"a \"} {\" ]","message":"\\"})");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].action, R"(a "} {" ])");
  EXPECT_EQ(events[0].message, "\\");
}

TEST(ParseEvents, BodyErrors) {
  for (std::string_view bad :
       {"{", "nope", "[1,", "{\"kind\":\"k\",\"action\":\"a\"", "\"\xff\""}) {
    EventError err = MustFail(bad);
    EXPECT_EQ(err.index, 0u) << bad;
    EXPECT_EQ(err.field, "") << bad;
    EXPECT_EQ(err.reason.rfind("invalid JSON", 0), 0u) << err.reason;
  }
  for (std::string_view bad : {"42", "\"event\"", "true", "null"}) {
    EventError err = MustFail(bad);
    EXPECT_EQ(err.index, 0u) << bad;
    EXPECT_EQ(err.field, "") << bad;
    EXPECT_EQ(err.reason, "body must be a JSON object or an array of objects") << bad;
  }
  EventError err = MustFail(std::string(kMin) + "]");
  EXPECT_EQ(err.index, 0u);
}

TEST(ParseEvents, NoEvents) {
  for (std::string_view empty : {"", "  \n\t ", "[]", " [ ] ", "\n\n"}) {
    EventError err;
    auto r = ParseEvents(empty, Options(), &err);
    EXPECT_EQ(r.status(), InvalidArgument("no events")) << "body: '" << empty << "'";
    EXPECT_EQ(err.index, 0u);
    EXPECT_EQ(err.field, "");
    EXPECT_EQ(err.reason, "no events");
  }
  EXPECT_EQ(ParseEvents("", Options(InputFormat::kNdjson)).status(), InvalidArgument("no events"));
}

TEST(ParseEvents, MaxEvents) {
  const std::string two = "[" + std::string(kMin) + "," + std::string(kMin) + "]";
  const std::string three =
      "[" + std::string(kMin) + "," + std::string(kMin) + "," + std::string(kMin) + "]";
  EXPECT_EQ(MustParse(two, Options(InputFormat::kAuto, 2)).size(), 2u);
  EventError err;
  auto r = ParseEvents(three, Options(InputFormat::kAuto, 2), &err);
  EXPECT_EQ(r.status(), ResourceExhausted("too many events: max 2 per request"));
  EXPECT_EQ(err.reason, "too many events: max 2 per request");

  const std::string ndjson = std::string(kMin) + "\n" + std::string(kMin) + "\n";
  EXPECT_EQ(ParseEvents(ndjson, Options(InputFormat::kAuto, 1)).status(),
            ResourceExhausted("too many events: max 1 per request"));
}

// Parsing into an earlier batch's events (`reuse`) gives exactly the
// events a fresh parse gives: whatever the new events leave out, set null
// or make shorter, and what the store had assigned, is gone; more or fewer
// events than were recycled.
TEST(ParseEvents, RecycledEventsGiveWhatAFreshParseGives) {
  const std::string full = R"({"time":"2026-11-23T19:04:05.123Z","kind":"curation.package",)"
                           R"("action":"blocked-by-a-policy-with-a-long-name","category":"npm",)"
                           R"("success":false,"actor":{"id":"u1","name":"Zoe","email":)"
                           R"("zoe.long.address@example.com","type":"USER","origin":"sso",)"
                           R"("ip":"10.0.0.1","user_agent":"Mozilla/5.0 X11 Linux x86_64 agent"},)"
                           R"("entity":{"id":"package-0000123456","type":"package","name":)"
                           R"("left-pad-with-a-long-name","version":"1.3.0"},"message":)"
                           R"("a message long enough to allocate","reason":"policy","uid":)"
                           R"("req-1-with-a-long-unique-id","attributes":{"a":[1,2,"x y"]}})";
  std::string first;
  for (int i = 0; i < 5; ++i) first += full + "\n";
  const std::string second = std::string(R"({"kind":"k","action":"a"})") + "\n" +
                             R"({"kind":"k2","action":"b","actor":{"email":"e@x.io"},)"
                             R"("entity":null,"message":null,"success":null,"attributes":{}})" +
                             "\n" + full + "\n" +
                             R"({"kind":"k3","action":"c","entity":{"id":"x","name":null}})";
  const std::vector<model::Event> fresh = MustParse(second);
  ASSERT_EQ(fresh.size(), 4u);

  std::vector<model::Event> recycled = MustParse(first);
  for (model::Event& e : recycled) {  // as the store leaves them
    e.id = model::EventId{77};
    e.tenant = model::TenantId{"acme"};
    e.received = model::TimeMs{123};
  }
  auto fewer = ParseEvents(second, Options(), nullptr, std::move(recycled));
  ASSERT_TRUE(fewer.ok()) << fewer.status().ToString();
  EXPECT_EQ(*fewer, fresh);

  // More events than were recycled, into the four of the batch before.
  const std::vector<model::Event> fresh_first = MustParse(first);
  auto more = ParseEvents(first, Options(), nullptr, *std::move(fewer));
  ASSERT_TRUE(more.ok()) << more.status().ToString();
  EXPECT_EQ(*more, fresh_first);

  // A failing batch reports the index a fresh parse reports.
  EventError err;
  auto failed = ParseEvents(std::string(kMin) + "\n" + R"({"kind":"k"})", Options(), &err,
                            *std::move(more));
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(err.index, 1u);
  EXPECT_EQ(err.field, "action");
}

TEST(ParseEvents, NullErrorPointerIsAllowed) {
  auto r = ParseEvents("[1]", Options(), nullptr);
  EXPECT_EQ(r.status(), InvalidArgument("event 0: must be a JSON object"));
}

TEST(ParseEvents, UnicodeAndEscapesInStrings) {
  auto events = MustParse(
      With(R"("message":"tab\t nl\n quote\" slash\/ \ud83d\ude00 raw😀","actor":{"name":"李"})"));
  EXPECT_EQ(events[0].message, "tab\t nl\n quote\" slash/ 😀 raw😀");
  EXPECT_EQ(events[0].actor.name, "李");
}

}  // namespace
}  // namespace trailkeep::codec
