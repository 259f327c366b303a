// Ingest and read back through the real binary over HTTP.
#include <gtest/gtest.h>

#include "http/json_util.h"
#include "http/server_process.h"

namespace trailkeep::testing {
namespace {

class NativeRoundTrip : public ::testing::Test {
 protected:
  void SetUp() override {
    token_ = CreateToken(dir_.path(), {"acme"}, {"events.write", "events.read"});
    server_ = std::make_unique<ServerProcess>(dir_.path());
    client_ = std::make_unique<Client>(server_->url(), token_);
  }
  TempDir dir_;
  std::string token_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<Client> client_;
};

TEST_F(NativeRoundTrip, ArrayObjectAndNdjsonGetConsecutiveIds) {
  auto r1 = client_->Post("/v1/events",
                          R"([{"kind":"user.action","action":"login","actor":{"name":"alice"}},
                              {"kind":"user.action","action":"logout","time":"2026-01-02T03:04:05.678Z"}])");
  ASSERT_EQ(r1.status, 201) << r1.body;
  EXPECT_EQ(r1.body, R"({"ids":[1,2]})");
  auto r2 = client_->Post("/v1/events", R"({"kind":"config.change","action":"UPDATE"})");
  ASSERT_EQ(r2.status, 201) << r2.body;
  EXPECT_EQ(r2.body, R"({"ids":[3]})");
  auto r3 = client_->Post("/v1/events",
                          "{\"kind\":\"a.b\",\"action\":\"x\"}\n\n{\"kind\":\"a.b\",\"action\":\"y\"}\n",
                          {{"Content-Type", "application/x-ndjson"}});
  ASSERT_EQ(r3.status, 201) << r3.body;
  EXPECT_EQ(r3.body, R"({"ids":[4,5]})");

  auto list = client_->Get("/v1/events?order=asc&total=true");
  ASSERT_EQ(list.status, 200) << list.body;
  auto v = Json(list.body);
  EXPECT_EQ(Ids(At(v, "events")), (std::vector<uint64_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(At(v, "total").number, 5);
  EXPECT_EQ(At(v, "next_after").type, codec::JsonValue::Type::kNull);
  const auto& second = At(v, "events").items[1];
  EXPECT_EQ(At(second, "time").string, "2026-01-02T03:04:05.678Z");
  EXPECT_EQ(At(second, "tenant").string, "acme");
  EXPECT_EQ(At(At(At(v, "events").items[0], "actor"), "name").string, "alice");
}

TEST_F(NativeRoundTrip, GetByIdReturnsTheCommittedBytes) {
  ASSERT_EQ(client_->Post("/v1/events", R"({"kind":"k","action":"a","attributes":{"z":1,"a":[true,null]}})").status, 201);
  auto listed = Json(client_->Get("/v1/events").body);
  auto one = client_->Get("/v1/events/1");
  ASSERT_EQ(one.status, 200);
  auto e = Json(one.body);
  EXPECT_EQ(At(e, "id").number, 1);
  EXPECT_EQ(At(At(e, "attributes"), "z").number, 1);
  // The list embeds exactly the same canonical bytes.
  EXPECT_NE(client_->Get("/v1/events").body.find(one.body), std::string::npos);
  EXPECT_EQ(client_->Get("/v1/events/2").status, 404);
  EXPECT_EQ(client_->Get("/v1/events/abc").status, 400);
  (void)listed;
}

TEST_F(NativeRoundTrip, WindowFilterOrderLimitAndCursor) {
  std::string body = "[";
  for (int i = 0; i < 30; ++i) {
    if (i) body += ",";
    body += R"({"kind":"user.action","action":")" + std::string(i % 3 == 0 ? "login" : "logout") +
            R"(","time":")" + "2026-03-" + (i + 1 < 10 ? "0" : "") + std::to_string(i + 1) +
            R"(T12:00:00Z","actor":{"name":"u)" + std::to_string(i % 5) + R"("}})";
  }
  body += "]";
  ASSERT_EQ(client_->Post("/v1/events", body).status, 201);

  auto v = Json(client_->Get("/v1/events?from=2026-03-05&to=2026-03-10T00:00:00Z&order=asc&total=true").body);
  EXPECT_EQ(Ids(At(v, "events")), (std::vector<uint64_t>{5, 6, 7, 8, 9}));
  EXPECT_EQ(At(v, "total").number, 5);

  v = Json(client_->Get("/v1/events?filter=action(%22login%22),actor.name(u0,u3)&total=true").body);
  // login: i%3==0; name u0 or u3: i%5 in {0,3}. i in {0,3,15,18} -> ids 1,4,16,19, newest first.
  EXPECT_EQ(Ids(At(v, "events")), (std::vector<uint64_t>{19, 16, 4, 1}));
  EXPECT_EQ(At(v, "total").number, 4);

  // Page through newest first, 7 at a time.
  std::vector<uint64_t> all;
  std::string after;
  for (int pages = 0; pages < 10; ++pages) {
    auto p = Json(client_->Get("/v1/events?limit=7" + (after.empty() ? "" : "&after=" + after)).body);
    for (auto id : Ids(At(p, "events"))) all.push_back(id);
    if (At(p, "next_after").type == codec::JsonValue::Type::kNull) break;
    after = At(p, "next_after").string;
  }
  ASSERT_EQ(all.size(), 30u);
  for (size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i], 30 - i);
}

TEST_F(NativeRoundTrip, HealthAndMetrics) {
  ASSERT_EQ(client_->Post("/v1/events", R"([{"kind":"k","action":"a","actor":{"name":"ann"}},{"kind":"k","action":"b"}])").status, 201);
  auto h = client_->Get("/healthz");
  EXPECT_EQ(h.status, 200);
  EXPECT_EQ(At(Json(h.body), "last_id").number, 2);
  auto m = client_->Get("/metrics");
  EXPECT_EQ(m.status, 200);
  EXPECT_NE(m.body.find("trailkeep_events_ingested_total 2"), std::string::npos) << m.body;
  EXPECT_NE(m.body.find("trailkeep_http_requests_total{method=\"POST\",route=\"/v1/events\",status=\"201\"} 1"),
            std::string::npos) << m.body;
  EXPECT_NE(m.body.find("trailkeep_last_event_id 2"), std::string::npos);
  EXPECT_NE(m.body.find("trailkeep_http_request_duration_seconds_bucket"), std::string::npos);
  // What the two events cost the storage engine: two records and their
  // index and count entries, each record holding its canonical JSON.
  auto counter = [&](const std::string& name) -> uint64_t {
    const size_t at = m.body.find("\n" + name + " ");
    EXPECT_NE(at, std::string::npos) << name << " in " << m.body;
    if (at == std::string::npos) return 0;
    return std::stoull(m.body.substr(at + name.size() + 2));
  };
  EXPECT_GT(counter("trailkeep_store_written_entries_total"), 4u);
  EXPECT_GT(counter("trailkeep_store_written_bytes_total"), 2u * 60);
  // ann's posting waits in the buffer until its epoch is complete.
  EXPECT_GT(counter("trailkeep_store_index_buffer_bytes"), 0u);
  // And both records, in the WAL and the record buffer until then.
  EXPECT_GT(counter("trailkeep_store_record_buffer_bytes"), 2u * 60);
  // The store's pending flushes and compactions: a count, 0 once it settles.
  const std::string gauge = "\ntrailkeep_store_background_work ";
  const size_t at = m.body.find(gauge);
  ASSERT_NE(at, std::string::npos) << m.body;
  const size_t end = m.body.find('\n', at + gauge.size());
  const std::string value = m.body.substr(at + gauge.size(), end - at - gauge.size());
  ASSERT_FALSE(value.empty());
  EXPECT_EQ(value.find_first_not_of("0123456789"), std::string::npos) << value;
}

}  // namespace
}  // namespace trailkeep::testing
