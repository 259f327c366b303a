// Acknowledged means durable: several clients ingest while the server is
// killed with SIGKILL at random moments; after every restart each
// acknowledged event is there with its content, and ids run 1..max with no
// gap and no reuse.
#include <signal.h>

#include <atomic>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include <gtest/gtest.h>

#include "http/json_util.h"
#include "http/server_process.h"

namespace trailkeep::testing {
namespace {

struct Acked {
  std::mutex mu;
  std::map<uint64_t, std::string> marker_by_id;  // id -> "client:seq"
};

// Posts batches until the server stops answering; records acknowledged ids.
void IngestUntilDead(const std::string& url, const std::string& token, int client, Acked* acked) {
  auto http = api::HttpClient::Create(url, std::chrono::seconds(10));
  if (!http.ok()) return;
  for (int seq = 0;; ++seq) {
    std::string body;
    std::vector<std::string> markers;
    for (int i = 0; i < 20; ++i) {
      std::string m = std::to_string(client) + ":" + std::to_string(seq) + ":" + std::to_string(i);
      markers.push_back(m);
      body += R"({"kind":"crash.test","action":"write","message":")" + m + "\"}\n";
    }
    auto r = (*http)->Send("POST", "/v1/events",
                           {{"Authorization", "Bearer " + token},
                            {"Content-Type", "application/x-ndjson"}},
                           body);
    if (!r.ok() || r->status != 201) return;
    auto ids = At(Json(r->body), "ids");
    std::lock_guard lock(acked->mu);
    for (size_t i = 0; i < ids.items.size(); ++i) {
      acked->marker_by_id[U64(ids.items[i])] = markers[i];
    }
  }
}

// Every event in the store, oldest first: id -> message.
std::map<uint64_t, std::string> ReadAll(const std::string& url, const std::string& token) {
  Client c(url, token);
  auto r = c.Get("/v1/events/export?format=ndjson");
  EXPECT_EQ(r.status, 200);
  std::map<uint64_t, std::string> out;
  size_t pos = 0;
  while (pos < r.body.size()) {
    size_t nl = r.body.find('\n', pos);
    auto e = Json(r.body.substr(pos, nl - pos));
    out[U64(At(e, "id"))] = At(e, "message").string;
    pos = nl + 1;
  }
  return out;
}

TEST(CrashTest, KillNineNeverLosesAnAcknowledgedEvent) {
  TempDir dir;
  std::string token = CreateToken(dir.path(), {"acme"}, {"events.write", "events.read"});
  std::mt19937 rng(20261123);
  Acked acked;
  uint64_t previous_max = 0;
  for (int round = 0; round < 4; ++round) {
    ServerProcess server(dir.path());
    {
      // What the previous rounds acknowledged survived the restart.
      auto stored = ReadAll(server.url(), token);
      std::lock_guard lock(acked.mu);
      for (const auto& [id, marker] : acked.marker_by_id) {
        ASSERT_EQ(stored.count(id), 1u) << "acknowledged id " << id << " lost (round " << round << ")";
        EXPECT_EQ(stored[id], marker) << "id " << id;
      }
      if (!stored.empty()) {
        EXPECT_EQ(stored.begin()->first, 1u);
        EXPECT_EQ(stored.rbegin()->first, stored.size()) << "ids have a gap";
        EXPECT_GE(stored.rbegin()->first, previous_max);
        previous_max = stored.rbegin()->first;
      }
    }
    std::vector<std::thread> clients;
    for (int c = 0; c < 3; ++c) {
      clients.emplace_back(IngestUntilDead, server.url(), token, round * 10 + c, &acked);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(150 + rng() % 600));
    server.Stop(SIGKILL);
    for (auto& t : clients) t.join();
  }
  ServerProcess server(dir.path());
  auto stored = ReadAll(server.url(), token);
  std::lock_guard lock(acked.mu);
  ASSERT_GT(acked.marker_by_id.size(), 0u);
  for (const auto& [id, marker] : acked.marker_by_id) {
    ASSERT_EQ(stored.count(id), 1u) << "acknowledged id " << id << " lost";
    EXPECT_EQ(stored[id], marker);
  }
  EXPECT_EQ(stored.begin()->first, 1u);
  EXPECT_EQ(stored.rbegin()->first, stored.size()) << "ids have a gap";
  // New ids continue after the last one on disk, never reused.
  Client c(server.url(), token);
  auto r = c.Post("/v1/events", R"({"kind":"k","action":"after"})");
  ASSERT_EQ(r.status, 201);
  EXPECT_EQ(U64(At(Json(r.body), "ids").items[0]), stored.size() + 1);
}

}  // namespace
}  // namespace trailkeep::testing
