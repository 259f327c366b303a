// Retries store nothing twice: Idempotency-Key replays and per-event `uid`.
#include <gtest/gtest.h>

#include "http/json_util.h"
#include "http/native_error_util.h"
#include "http/server_process.h"

namespace trailkeep::testing {
namespace {

std::vector<uint64_t> IngestIds(const api::ClientResponse& r) {
  std::vector<uint64_t> out;
  auto v = Json(r.body);
  for (const auto& i : At(v, "ids").items) out.push_back(static_cast<uint64_t>(i.number));
  return out;
}

class Idempotency : public ::testing::Test {
 protected:
  void SetUp() override {
    token_ = CreateToken(dir_.path(), {"acme", "globex"}, {"events.write", "events.read"});
    server_ = std::make_unique<ServerProcess>(dir_.path());
    client_ = std::make_unique<Client>(server_->url(), token_);
  }

  api::ClientResponse Post(const std::string& tenant, const std::string& body,
                           const std::string& key = "") {
    api::HeaderList h;
    if (!key.empty()) h.emplace_back("Idempotency-Key", key);
    return client_->Post("/v1/events?tenant=" + tenant, body, h);
  }
  uint64_t Total(const std::string& tenant) {
    auto r = client_->Get("/v1/events?total=true&limit=1&tenant=" + tenant);
    EXPECT_EQ(r.status, 200) << r.body;
    return static_cast<uint64_t>(At(Json(r.body), "total").number);
  }
  uint64_t LastId() {
    return static_cast<uint64_t>(At(Json(client_->Get("/healthz").body), "last_id").number);
  }

  TempDir dir_;
  std::string token_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<Client> client_;
};

constexpr char kBody[] = R"([{"kind":"k","action":"a"},{"kind":"k","action":"b"}])";

TEST_F(Idempotency, SameKeySameBodyReplaysTheIds) {
  auto first = Post("acme", kBody, "key-1");
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(HeaderOf(first, "Idempotent-Replayed"), "");
  auto ids = IngestIds(first);
  ASSERT_EQ(ids.size(), 2u);

  for (int i = 0; i < 3; ++i) {
    auto again = Post("acme", kBody, "key-1");
    EXPECT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(HeaderOf(again, "Idempotent-Replayed"), "true");
    EXPECT_EQ(IngestIds(again), ids);
  }
  EXPECT_EQ(Total("acme"), 2u);
  EXPECT_EQ(LastId(), ids.back());
  auto m = client_->Get("/metrics");
  EXPECT_NE(m.body.find("trailkeep_events_ingested_total 2\n"), std::string::npos) << m.body;

  // A different key with the same body is a new request.
  auto other = Post("acme", kBody, "key-2");
  EXPECT_EQ(other.status, 201);
  EXPECT_NE(IngestIds(other), ids);
  EXPECT_EQ(Total("acme"), 4u);
}

TEST_F(Idempotency, ReplaySurvivesRestart) {
  auto first = Post("acme", kBody, "durable-key");
  ASSERT_EQ(first.status, 201);
  server_.reset();
  server_ = std::make_unique<ServerProcess>(dir_.path());
  client_ = std::make_unique<Client>(server_->url(), token_);
  auto again = Post("acme", kBody, "durable-key");
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(HeaderOf(again, "Idempotent-Replayed"), "true");
  EXPECT_EQ(IngestIds(again), IngestIds(first));
  EXPECT_EQ(Total("acme"), 2u);
}

TEST_F(Idempotency, SameKeyDifferentBodyIs409) {
  auto first = Post("acme", kBody, "key-x");
  ASSERT_EQ(first.status, 201);
  auto conflict = Post("acme", R"([{"kind":"k","action":"DIFFERENT"}])", "key-x");
  ExpectNativeError(conflict, 409, "conflict", "Idempotency-Key");
  EXPECT_EQ(HeaderOf(conflict, "Idempotent-Replayed"), "");
  EXPECT_EQ(Total("acme"), 2u);
  // A bad body with a used key is still a validation error, and stores nothing.
  ExpectNativeError(Post("acme", R"({"kind":"k"})", "key-x"), 400, "invalid_argument");
  // The original still replays.
  EXPECT_EQ(Post("acme", kBody, "key-x").status, 200);
  EXPECT_EQ(Total("acme"), 2u);
}

TEST_F(Idempotency, KeyIsPerTenant) {
  auto a = Post("acme", kBody, "shared-key");
  ASSERT_EQ(a.status, 201);
  auto g = Post("globex", kBody, "shared-key");
  EXPECT_EQ(g.status, 201) << g.body;
  EXPECT_EQ(HeaderOf(g, "Idempotent-Replayed"), "");
  auto gids = IngestIds(g);
  ASSERT_EQ(gids.size(), 2u);
  EXPECT_GT(gids.front(), IngestIds(a).back());
  // Another body under the same key in a third context is not a conflict.
  auto g2 = Post("globex", R"({"kind":"k","action":"z"})", "other-shared");
  EXPECT_EQ(g2.status, 201);
  EXPECT_EQ(Post("acme", kBody, "other-shared").status, 201);
  EXPECT_EQ(Total("acme"), 4u);
  EXPECT_EQ(Total("globex"), 3u);
  // Each tenant replays its own.
  EXPECT_EQ(IngestIds(Post("globex", kBody, "shared-key")), gids);
  EXPECT_EQ(IngestIds(Post("acme", kBody, "shared-key")), IngestIds(a));
}

TEST_F(Idempotency, KnownUidsReturnTheOriginalIds) {
  auto first = Post("acme", R"([{"uid":"u1","kind":"k","action":"a"},
                                {"uid":"u2","kind":"k","action":"b"}])");
  ASSERT_EQ(first.status, 201) << first.body;
  auto ids = IngestIds(first);
  ASSERT_EQ(ids.size(), 2u);
  uint64_t last = LastId();

  // Same uids again (no Idempotency-Key): the original ids, nothing stored.
  auto again = Post("acme", R"([{"uid":"u1","kind":"k","action":"a"},
                                {"uid":"u2","kind":"k","action":"b"}])");
  EXPECT_EQ(again.status / 100, 2) << again.body;
  EXPECT_EQ(IngestIds(again), ids);
  EXPECT_EQ(Total("acme"), 2u);
  EXPECT_EQ(LastId(), last);

  // Reversed order and NDJSON: ids follow the input order.
  auto reversed = client_->Post("/v1/events?tenant=acme",
                                "{\"uid\":\"u2\",\"kind\":\"k\",\"action\":\"b\"}\n"
                                "{\"uid\":\"u1\",\"kind\":\"k\",\"action\":\"a\"}\n",
                                {{"Content-Type", "application/x-ndjson"}});
  EXPECT_EQ(IngestIds(reversed), (std::vector<uint64_t>{ids[1], ids[0]}));
  EXPECT_EQ(Total("acme"), 2u);
}

TEST_F(Idempotency, BatchMixingNewAndKnownUids) {
  auto first = Post(
      "acme", R"([{"uid":"m1","kind":"k","action":"a"},{"uid":"m2","kind":"k","action":"b"}])");
  ASSERT_EQ(first.status, 201);
  auto ids = IngestIds(first);
  auto mixed = Post("acme", R"([{"uid":"m3","kind":"k","action":"c"},
                                {"uid":"m1","kind":"k","action":"a"},
                                {"kind":"k","action":"no-uid"},
                                {"uid":"m4","kind":"k","action":"d"}])");
  ASSERT_EQ(mixed.status / 100, 2) << mixed.body;
  auto m = IngestIds(mixed);
  ASSERT_EQ(m.size(), 4u);
  EXPECT_EQ(m[1], ids[0]);
  EXPECT_GT(m[0], ids[1]);
  EXPECT_GT(m[2], m[0]);
  EXPECT_GT(m[3], m[2]);
  EXPECT_EQ(Total("acme"), 5u);
  // The list holds each uid once.
  auto list = client_->Get("/v1/events?tenant=acme&limit=100&order=asc");
  auto events = At(Json(list.body), "events");
  ASSERT_EQ(events.items.size(), 5u);
  std::vector<uint64_t> listed = Ids(events);
  EXPECT_EQ(listed, (std::vector<uint64_t>{ids[0], ids[1], m[0], m[2], m[3]}));
}

TEST_F(Idempotency, DuplicateUidsInOneBatchGetOneId) {
  auto r = Post("acme", R"([{"uid":"d1","kind":"k","action":"a"},
                            {"uid":"d1","kind":"k","action":"a"},
                            {"uid":"d2","kind":"k","action":"b"},
                            {"uid":"d1","kind":"k","action":"a"}])");
  ASSERT_EQ(r.status, 201) << r.body;
  auto ids = IngestIds(r);
  ASSERT_EQ(ids.size(), 4u);
  EXPECT_EQ(ids[0], ids[1]);
  EXPECT_EQ(ids[0], ids[3]);
  EXPECT_NE(ids[0], ids[2]);
  EXPECT_EQ(Total("acme"), 2u);
  EXPECT_EQ(LastId(), std::max(ids[0], ids[2]));
  // Ids stay gap-free: the next event gets the next id.
  auto next = Post("acme", R"({"kind":"k","action":"next"})");
  EXPECT_EQ(IngestIds(next), (std::vector<uint64_t>{std::max(ids[0], ids[2]) + 1}));
}

TEST_F(Idempotency, UidIsPerTenant) {
  auto a = Post("acme", R"({"uid":"same","kind":"k","action":"a"})");
  auto g = Post("globex", R"({"uid":"same","kind":"k","action":"a"})");
  ASSERT_EQ(a.status, 201);
  ASSERT_EQ(g.status, 201) << g.body;
  EXPECT_NE(IngestIds(a), IngestIds(g));
  EXPECT_EQ(Total("globex"), 1u);
  // And the globex copy is globex's.
  auto one = client_->Get("/v1/events/" + std::to_string(IngestIds(g)[0]) + "?tenant=globex");
  EXPECT_EQ(one.status, 200);
  EXPECT_EQ(client_->Get("/v1/events/" + std::to_string(IngestIds(g)[0]) + "?tenant=acme").status,
            404);
}

}  // namespace
}  // namespace trailkeep::testing
