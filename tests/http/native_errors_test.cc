// Every native error over HTTP: the JSON shape, the status, and that a
// rejected request stores nothing.
#include <gtest/gtest.h>

#include "http/json_util.h"
#include "http/native_error_util.h"
#include "http/raw_socket.h"
#include "http/server_process.h"

namespace trailkeep::testing {
namespace {

class NativeErrors : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    token_ = new std::string(CreateToken(dir_->path(), {"acme"}, {"events.write", "events.read"}));
    server_ = new ServerProcess(dir_->path());
  }
  static void TearDownTestSuite() {
    delete server_;
    delete token_;
    delete dir_;
  }
  void SetUp() override { client_ = std::make_unique<Client>(server_->url(), *token_); }

  // The tenant's exact total.
  uint64_t Total() {
    auto r = client_->Get("/v1/events?total=true&limit=1");
    EXPECT_EQ(r.status, 200) << r.body;
    return static_cast<uint64_t>(At(Json(r.body), "total").number);
  }

  // A POST /v1/events with `body` answered 400 invalid_argument whose
  // "field" and "index" are as given; nothing was stored.
  void ExpectBadBatch(const std::string& body, size_t index, const std::string& field,
                      const std::string& content_type = "application/json") {
    uint64_t before = Total();
    auto r = client_->Post("/v1/events", body, {{"Content-Type", content_type}});
    auto e = ExpectNativeError(r, 400, "invalid_argument");
    EXPECT_EQ(At(e, "index").number, static_cast<double>(index)) << r.body;
    EXPECT_EQ(At(e, "field").string, field) << r.body;
    EXPECT_EQ(Total(), before) << "a rejected batch stored events: " << body;
  }

  static TempDir* dir_;
  static std::string* token_;
  static ServerProcess* server_;
  std::unique_ptr<Client> client_;
};

TempDir* NativeErrors::dir_ = nullptr;
std::string* NativeErrors::token_ = nullptr;
ServerProcess* NativeErrors::server_ = nullptr;

std::string Events(size_t n) {
  std::string body = "[";
  for (size_t i = 0; i < n; ++i) {
    if (i) body += ",";
    body += R"({"kind":"k","action":"a"})";
  }
  return body + "]";
}

TEST_F(NativeErrors, MalformedJsonBody) {
  ExpectBadBatch(R"({"kind":"k","action":)", 0, "");
  ExpectBadBatch("{bad", 0, "");
  // Balanced brackets, so the error is found while reading element 1.
  ExpectBadBatch(R"([{"kind":"k","action":"a"},{"kind":"k" "action":"b"}])", 1, "");
  ExpectBadBatch("{\"kind\":\"k\",\"action\":\"a\"}\n{\"kind\":\"k\" \"action\":\"b\"}\n", 1, "",
                 "application/x-ndjson");
}

TEST_F(NativeErrors, WrongTopLevelType) {
  ExpectBadBatch(R"("a string")", 0, "");
  ExpectBadBatch("42", 0, "");
  ExpectBadBatch("true", 0, "");
  ExpectBadBatch(R"([{"kind":"k","action":"a"}, 7])", 1, "");
}

TEST_F(NativeErrors, EmptyBatches) {
  uint64_t before = Total();
  for (const char* body : {"[]", "", "  \n"}) {
    auto r = client_->Post("/v1/events", body);
    ExpectNativeError(r, 400, "invalid_argument", "no events");
  }
  auto nd = client_->Post("/v1/events", "\n\n", {{"Content-Type", "application/x-ndjson"}});
  ExpectNativeError(nd, 400, "invalid_argument", "no events");
  EXPECT_EQ(Total(), before);
}

TEST_F(NativeErrors, UnknownFieldsAnywhere) {
  ExpectBadBatch(R"({"kind":"k","action":"a","colour":"red"})", 0, "colour");
  ExpectBadBatch(R"({"kind":"k","action":"a","actor":{"name":"x","shoe":1}})", 0, "actor.shoe");
  ExpectBadBatch(R"({"kind":"k","action":"a","entity":{"idd":"x"}})", 0, "entity.idd");
}

TEST_F(NativeErrors, BadTime) {
  ExpectBadBatch(R"({"kind":"k","action":"a","time":"yesterday"})", 0, "time");
  ExpectBadBatch(R"({"kind":"k","action":"a","time":"2026-13-01T00:00:00Z"})", 0, "time");
  ExpectBadBatch(R"({"kind":"k","action":"a","time":true})", 0, "time");
  ExpectBadBatch(R"({"kind":"k","action":"a","time":1.5})", 0, "time");
  // Date-only is not accepted for event times.
  ExpectBadBatch(R"({"kind":"k","action":"a","time":"2026-01-01"})", 0, "time");
}

TEST_F(NativeErrors, MissingOrInvalidKindAndAction) {
  ExpectBadBatch(R"({"action":"a"})", 0, "kind");
  ExpectBadBatch(R"({"kind":"k"})", 0, "action");
  ExpectBadBatch(R"({"kind":"","action":"a"})", 0, "kind");
  ExpectBadBatch(R"({"kind":"has space","action":"a"})", 0, "kind");
  ExpectBadBatch(R"({"kind":"k","action":""})", 0, "action");
  ExpectBadBatch(R"({"kind":null,"action":"a"})", 0, "kind");
}

TEST_F(NativeErrors, BatchErrorNamesTheFirstBadEventAndStoresNothing) {
  ExpectBadBatch(R"([{"kind":"k","action":"ok0"},
                     {"kind":"k","action":"ok1"},
                     {"kind":"k","action":"a","actor":{"email":5}},
                     {"kind":"k"},
                     {"action":"x"}])",
                 2, "actor.email");
  // The same in NDJSON: line positions count events, blank lines do not.
  ExpectBadBatch(
      "{\"kind\":\"k\",\"action\":\"a\"}\n\n{\"kind\":\"k\",\"action\":\"b\"}\n"
      "{\"kind\":\"k\",\"action\":\"c\",\"time\":\"never\"}\n{\"kind\":\"k\"}\n",
      2, "time", "application/x-ndjson");
  // The message names the event and the field.
  auto r = client_->Post("/v1/events", R"([{"kind":"k","action":"a"},{"kind":"k"}])");
  ExpectNativeError(r, 400, "invalid_argument", "event 1");
  EXPECT_NE(r.body.find("action"), std::string::npos) << r.body;
}

TEST_F(NativeErrors, TooManyEventsIs413AndStoresNothing) {
  uint64_t before = Total();
  auto r = client_->Post("/v1/events", Events(10'001));
  ExpectNativeError(r, 413, "too_large", "10000");
  EXPECT_EQ(Total(), before);
  // Exactly the limit is fine.
  auto ok = client_->Post("/v1/events", Events(10'000));
  ASSERT_EQ(ok.status, 201) << ok.body.substr(0, 300);
  EXPECT_EQ(Total(), before + 10'000);
}

TEST_F(NativeErrors, BodyOver16MiBIs413ThenClosed) {
  uint64_t before = Total();
  const size_t size = (16u << 20) + 1;
  // A real oversized body with Content-Length.
  std::string body(size, ' ');
  body.front() = '[';
  body.back() = ']';
  std::string request =
      "POST /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + *token_ +
      "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(size) + "\r\n\r\n" +
      body;
  auto answer = SendReadingConcurrently(server_->port(), request);
  EXPECT_TRUE(answer.closed) << "connection not closed after 413";
  auto raw = ParseRaw(answer.received);
  EXPECT_EQ(raw.status, 413) << answer.received.substr(0, 500);
  EXPECT_NE(raw.head.find("application/json"), std::string::npos) << raw.head;
  auto v = Json(raw.body);
  EXPECT_EQ(At(At(v, "error"), "code").string, "too_large") << raw.body;

  // The same body sent chunked (no length known up front).
  std::string chunked = "POST /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + *token_ +
                        "\r\nTransfer-Encoding: chunked\r\n\r\n";
  const size_t piece = 1u << 20;
  for (size_t off = 0; off < body.size(); off += piece) {
    size_t n = std::min(piece, body.size() - off);
    char hex[32];
    std::snprintf(hex, sizeof(hex), "%zx\r\n", n);
    chunked += hex + body.substr(off, n) + "\r\n";
  }
  chunked += "0\r\n\r\n";
  auto answer2 = SendReadingConcurrently(server_->port(), chunked);
  EXPECT_TRUE(answer2.closed);
  auto raw2 = ParseRaw(answer2.received);
  EXPECT_EQ(raw2.status, 413) << answer2.received.substr(0, 500);
  EXPECT_EQ(At(At(Json(raw2.body), "error"), "code").string, "too_large");
  EXPECT_EQ(Total(), before);
}

TEST_F(NativeErrors, HeaderBlockOver16KiBIs431) {
  std::string request = "GET /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + *token_ +
                        "\r\nX-Padding: " + std::string(17 * 1024, 'p') + "\r\n\r\n";
  auto answer = SendReadingConcurrently(server_->port(), request);
  auto raw = ParseRaw(answer.received);
  EXPECT_EQ(raw.status, 431) << answer.received.substr(0, 500);
  EXPECT_EQ(At(At(Json(raw.body), "error"), "code").string, "header_too_large") << raw.body;
  EXPECT_TRUE(answer.closed);
  // Just under the limit is served.
  std::string fine =
      "GET /v1/events?limit=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
      "Authorization: Bearer " +
      *token_ + "\r\nX-Padding: " + std::string(8 * 1024, 'p') + "\r\n\r\n";
  EXPECT_EQ(ParseRaw(RawExchange(server_->port(), fine)).status, 200);
}

TEST_F(NativeErrors, MalformedHttpIs400) {
  for (const std::string& req :
       {std::string("BLAH BLAH BLAH\r\n\r\n"),
        std::string("GET /v1/events HTTP/1.1\r\nHost x\r\n\r\n"),
        std::string("GET /v1/events HTTP/1.1\r\nContent-Length: -5\r\n\r\n")}) {
    auto raw = ParseRaw(RawExchange(server_->port(), req));
    EXPECT_EQ(raw.status, 400) << req;
    auto v = Json(raw.body);
    EXPECT_EQ(At(At(v, "error"), "code").string, "bad_request") << raw.body;
  }
}

TEST_F(NativeErrors, BadQueryParametersName400TheParameter) {
  struct Case {
    std::string target, param;
  };
  const Case cases[] = {
      {"/v1/events?limit=0", "limit"},
      {"/v1/events?limit=10001", "limit"},
      {"/v1/events?limit=-1", "limit"},
      {"/v1/events?limit=ten", "limit"},
      {"/v1/events?order=sideways", "order"},
      {"/v1/events?from=yesterday", "from"},
      {"/v1/events?to=tomorrowish", "to"},
      {"/v1/events?from=2026-03-02&to=2026-03-01", "from"},
      {"/v1/events?from=2026-03-01&to=2026-03-01", "from"},
      {"/v1/events?after=abc", "after"},
      {"/v1/events?after=-1", "after"},
      {"/v1/events?filter=action(", "filter"},
      {"/v1/events?filter=nofield(x)", "filter"},
      {"/v1/events?total=maybe", "total"},
      {"/v1/events/tail?wait=1y", "wait"},
      {"/v1/events/tail?wait=301s", "wait"},
      {"/v1/events/tail?wait=soon", "wait"},
      {"/v1/events/tail?order=desc", "order"},
      {"/v1/events/tail?format=xml", "format"},
      {"/v1/events/tail?limit=0", "limit"},
      {"/v1/events/export?format=xml", "format"},
      {"/v1/events/export?from=yesterday", "from"},
      {"/v1/events/export?filter=action(", "filter"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.target);
    auto r = client_->Get(c.target);
    ExpectNativeError(r, 400, "invalid_argument", c.param + ":");
  }
  // A bad format on ingest, before anything is read.
  uint64_t before = Total();
  ExpectNativeError(client_->Post("/v1/events?format=xml", R"({"kind":"k","action":"a"})"), 400,
                    "invalid_argument", "format");
  ExpectNativeError(client_->Post("/v1/events", R"({"kind":"k","action":"a"})",
                                  {{"Idempotency-Key", std::string(257, 'k')}}),
                    400, "invalid_argument", "Idempotency-Key");
  EXPECT_EQ(Total(), before);
}

TEST_F(NativeErrors, UnknownPathAndWrongMethod) {
  auto nf = client_->Get("/v1/nothing-here");
  ExpectNativeError(nf, 404, "not_found");
  ExpectNativeError(client_->Get("/"), 404, "not_found");

  auto put = client_->Send("PUT", "/v1/events", R"({"kind":"k","action":"a"})");
  ExpectNativeError(put, 405, "method_not_allowed");
  std::string allow = HeaderOf(put, "Allow");
  EXPECT_NE(allow.find("GET"), std::string::npos) << allow;
  EXPECT_NE(allow.find("POST"), std::string::npos) << allow;
  EXPECT_EQ(allow.find("PUT"), std::string::npos) << allow;

  auto del = client_->Send("DELETE", "/v1/events/1", "");
  ExpectNativeError(del, 405, "method_not_allowed");
  EXPECT_EQ(HeaderOf(del, "Allow"), "GET");
  auto post_export = client_->Post("/v1/events/export", "");
  ExpectNativeError(post_export, 405, "method_not_allowed");
  EXPECT_EQ(HeaderOf(post_export, "Allow"), "GET");
}

TEST_F(NativeErrors, GetByIdOutOfRange) {
  ExpectNativeError(client_->Get("/v1/events/0"), 400, "invalid_argument", "id");
  ExpectNativeError(client_->Get("/v1/events/-3"), 400, "invalid_argument", "id");
  ExpectNativeError(client_->Get("/v1/events/1e3"), 400, "invalid_argument", "id");
  ExpectNativeError(client_->Get("/v1/events/18446744073709551616"), 400, "invalid_argument", "id");
  ExpectNativeError(client_->Get("/v1/events/99999999"), 404, "not_found");
  ExpectNativeError(client_->Get("/v1/events/18446744073709551615"), 404, "not_found");
}

TEST_F(NativeErrors, Expect100ContinueIsHonoured) {
  uint64_t before = Total();
  std::string body = R"({"kind":"k","action":"continued"})";
  RawSocket s(server_->port());
  ASSERT_TRUE(s.connected());
  ASSERT_TRUE(s.Send("POST /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + *token_ +
                     "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n"
                     "Connection: close\r\nContent-Length: " +
                     std::to_string(body.size()) + "\r\n\r\n"));
  // The interim answer comes before we send a single body byte.
  ASSERT_TRUE(s.ReadUntil("\r\n\r\n")) << s.received();
  EXPECT_EQ(s.received().rfind("HTTP/1.1 100 Continue\r\n", 0), 0u) << s.received();
  ASSERT_TRUE(s.Send(body));
  s.ReadToClose();
  auto raw = ParseRaw(s.received());
  EXPECT_EQ(raw.status, 201) << s.received();
  EXPECT_NE(raw.body.find("\"ids\":["), std::string::npos) << raw.body;
  EXPECT_EQ(Total(), before + 1);
}

}  // namespace
}  // namespace trailkeep::testing
