// GET /v1/events?offset=N through the real binary: offset pages are the
// same slices as `after` cursor paging gives, for located selections (no
// filter, one indexed equality) and scanned ones (two equalities, a
// non-indexed field); errors for bad offsets.
#include <gtest/gtest.h>

#include <random>

#include "http/json_util.h"
#include "http/native_error_util.h"
#include "http/server_process.h"

namespace trailkeep::testing {
namespace {

class NativeOffset : public ::testing::Test {
 protected:
  void SetUp() override {
    token_ = CreateToken(dir_.path(), {"acme"}, {"events.write", "events.read"});
    server_ = std::make_unique<ServerProcess>(dir_.path());
    client_ = std::make_unique<Client>(server_->url(), token_);
  }

  // 2,400 events over three days, ids following time except one in eight
  // up to two hours late; one in three with action "login".
  void Load() {
    std::mt19937 rng(4);
    int64_t t = 1'795'000'000'000;  // 2026-11-18
    for (int batch = 0; batch < 4; ++batch) {
      std::string body = "[";
      for (int i = 0; i < 600; ++i) {
        t += 1000 * static_cast<int64_t>(rng() % 200);
        int64_t late = rng() % 8 == 0 ? 1000 * static_cast<int64_t>(rng() % 7200) : 0;
        if (i) body += ",";
        body += R"({"kind":"user.action","action":")" +
                std::string(rng() % 3 == 0 ? "login" : "logout") + R"(","time":)" +
                std::to_string(t - late) + R"(,"actor":{"name":"u)" + std::to_string(rng() % 4) +
                R"(","type":")" + (rng() % 2 ? "HUMAN" : "SERVICE") + R"("}})";
      }
      body += "]";
      auto r = client_->Post("/v1/events", body);
      ASSERT_EQ(r.status, 201) << r.body;
    }
  }

  // Every id of `query` (no offset/after/limit in it), by after paging.
  std::vector<uint64_t> AllByCursor(const std::string& query) {
    std::vector<uint64_t> ids;
    std::string after;
    for (int guard = 0; guard < 1000; ++guard) {
      auto r = client_->Get("/v1/events?" + query + "&limit=97" + after);
      EXPECT_EQ(r.status, 200) << r.body;
      auto v = Json(r.body);
      for (uint64_t id : Ids(At(v, "events"))) ids.push_back(id);
      const auto& next = At(v, "next_after");
      if (next.type == codec::JsonValue::Type::kNull) break;
      after = "&after=" + std::to_string(static_cast<uint64_t>(next.number));
    }
    return ids;
  }

  // Pages at several offsets equal the cursor slices; next_after continues
  // the same sequence.
  void CheckOffsets(const std::string& query) {
    std::vector<uint64_t> all = AllByCursor(query);
    ASSERT_GT(all.size(), 50u) << query;
    std::mt19937 rng(9);
    std::vector<uint64_t> offsets = {0, 1, 256, all.size() - 1, all.size(), all.size() + 7};
    for (int i = 0; i < 8; ++i) offsets.push_back(rng() % all.size());
    for (uint64_t offset : offsets) {
      size_t limit = 1 + rng() % 60;
      auto r = client_->Get("/v1/events?" + query + "&offset=" + std::to_string(offset) +
                            "&limit=" + std::to_string(limit) + "&total=true");
      ASSERT_EQ(r.status, 200) << r.body;
      auto v = Json(r.body);
      std::vector<uint64_t> want;
      for (uint64_t i = offset; i < all.size() && want.size() < limit; ++i) want.push_back(all[i]);
      ASSERT_EQ(Ids(At(v, "events")), want) << query << " offset " << offset;
      EXPECT_EQ(At(v, "total").number, static_cast<double>(all.size())) << query;
      const auto& next = At(v, "next_after");
      if (offset + limit >= all.size()) {
        EXPECT_EQ(next.type, codec::JsonValue::Type::kNull) << query << " offset " << offset;
        continue;
      }
      ASSERT_EQ(next.number, static_cast<double>(want.back())) << query;
      // Switching to cursor paging continues right after the offset page.
      auto cont =
          Json(client_->Get("/v1/events?" + query + "&limit=5&after=" + std::to_string(want.back()))
                   .body);
      std::vector<uint64_t> rest(all.begin() + offset + limit,
                                 all.begin() + std::min(all.size(), offset + limit + 5));
      EXPECT_EQ(Ids(At(cont, "events")), rest) << query << " offset " << offset;
    }
  }

  TempDir dir_;
  std::string token_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<Client> client_;
};

TEST_F(NativeOffset, LocatedSelectionsEqualCursorSlices) {
  Load();
  CheckOffsets("order=desc");  // newest first, all time
  CheckOffsets("order=asc");
  CheckOffsets("from=2026-11-18T10:00:00Z&to=2026-11-20T03:00:00Z");
  CheckOffsets("order=asc&filter=action(login)&from=2026-11-18T10:00:00Z");
}

TEST_F(NativeOffset, ScannedSelectionsEqualCursorSlices) {
  Load();
  CheckOffsets("filter=action(login),actor.name(u1,u2)");  // two store matches
  CheckOffsets("order=asc&filter=actor.type(SERVICE)");    // not indexed: residual
}

TEST_F(NativeOffset, PastTheEndIsAnEmptyLastPage) {
  ASSERT_EQ(client_->Post("/v1/events", R"([{"kind":"k","action":"a"},{"kind":"k","action":"b"}])")
                .status,
            201);
  auto v = Json(client_->Get("/v1/events?offset=2").body);
  EXPECT_TRUE(Ids(At(v, "events")).empty());
  EXPECT_EQ(At(v, "next_after").type, codec::JsonValue::Type::kNull);
  v = Json(client_->Get("/v1/events?offset=1000000000&filter=action(a)&total=true").body);
  EXPECT_TRUE(Ids(At(v, "events")).empty());
  EXPECT_EQ(At(v, "next_after").type, codec::JsonValue::Type::kNull);
  EXPECT_EQ(At(v, "total").number, 1);
  v = Json(client_->Get("/v1/events?offset=1&limit=1").body);
  EXPECT_EQ(Ids(At(v, "events")), (std::vector<uint64_t>{1}));
  EXPECT_EQ(At(v, "next_after").type, codec::JsonValue::Type::kNull);
}

TEST_F(NativeOffset, BadOffsetsAreRejected) {
  for (const char* bad : {"-1", "abc", "1.5", "", "+3", "1000000001", "99999999999999999999999"}) {
    ExpectNativeError(client_->Get(std::string("/v1/events?offset=") + bad), 400,
                      "invalid_argument", "offset");
  }
  ExpectNativeError(client_->Get("/v1/events?offset=5&after=3"), 400, "invalid_argument", "after");
  ExpectNativeError(client_->Get("/v1/events?after=3&offset=0"), 400, "invalid_argument", "offset");
}

}  // namespace
}  // namespace trailkeep::testing
