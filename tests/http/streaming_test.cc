// Cursors under concurrent writers, tail long-poll wake-up, and exports that
// stream with flat memory.
#include <atomic>
#include <cstdlib>
#include <future>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "http/json_util.h"
#include "http/server_process.h"

namespace trailkeep::testing {
namespace {

std::string Batch(int n, const std::string& action, int pad = 0) {
  std::string body;
  for (int i = 0; i < n; ++i) {
    body += R"({"kind":"user.action","action":")" + action +
            R"(","actor":{"name":"user)" + std::to_string(i % 97) + R"("},"message":")" +
            std::string(static_cast<size_t>(pad), 'x') + "\"}\n";
  }
  return body;
}

// Stops and joins a writer thread however the test leaves its scope.
struct StopAndJoin {
  std::atomic<bool>& stop;
  std::thread& thread;
  ~StopAndJoin() {
    stop = true;
    if (thread.joinable()) thread.join();
  }
};

const api::HeaderList kNdjson = {{"Content-Type", "application/x-ndjson"}};

// An NDJSON export read piece by piece: its lines counted, and their ids
// ({"id":N,...) checked to run 1, 2, 3, ... with none skipped or repeated.
struct ExportLines {
  uint64_t bytes = 0, lines = 0, last_id = 0;
  bool ordered = true;
  std::string partial;  // the start of a line whose newline has not come yet

  void Add(std::string_view piece) {
    bytes += piece.size();
    partial.append(piece);
    size_t pos = 0, nl;
    while ((nl = partial.find('\n', pos)) != std::string::npos) {
      const uint64_t id = std::strtoull(partial.c_str() + pos + 6, nullptr, 10);
      ordered = ordered && id == last_id + 1;
      last_id = id;
      ++lines;
      pos = nl + 1;
    }
    partial.erase(0, pos);
  }
};

class Streaming : public ::testing::Test {
 protected:
  void Start(std::vector<std::string> args = {}) {
    token_ = CreateToken(dir_.path(), {"acme", "beta"}, {"events.write", "events.read"});
    server_ = std::make_unique<ServerProcess>(dir_.path(), std::move(args));
  }
  Client NewClient() { return Client(server_->url(), token_); }
  TempDir dir_;
  std::string token_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(Streaming, CursorPagingNeverSkipsOrRepeatsWhileWritersAreBusy) {
  Start();
  Client c = NewClient();
  ASSERT_EQ(c.Post("/v1/events?tenant=acme", Batch(1000, "seed"), kNdjson).status, 201);
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    Client w = NewClient();
    while (!stop) w.Post("/v1/events?tenant=acme", Batch(7, "live"), kNdjson);
  });
  StopAndJoin guard{stop, writer};
  // Oldest first: keeps going into the events being written.
  std::vector<uint64_t> asc;
  std::string after = "0";
  int pages = 0;
  for (;;) {
    auto r = c.Get("/v1/events?tenant=acme&order=asc&limit=50&after=" + after);
    ASSERT_EQ(r.status, 200) << r.body;
    auto p = Json(r.body);
    auto ids = Ids(At(p, "events"));
    asc.insert(asc.end(), ids.begin(), ids.end());
    // Catching up with the writer (a null cursor) before 30 pages just means
    // asking again after the last event seen.
    if (++pages >= 30) stop = true;
    if (At(p, "next_after").type == codec::JsonValue::Type::kNull) {
      if (stop) break;
      if (!ids.empty()) after = std::to_string(ids.back());
      continue;
    }
    after = At(p, "next_after").string;
  }
  writer.join();
  // Newest first from the top, while nothing is written any more... and again
  // while a writer runs.
  stop = false;
  std::thread writer2([&] {
    Client w = NewClient();
    while (!stop) w.Post("/v1/events?tenant=acme", Batch(5, "late"), kNdjson);
  });
  StopAndJoin guard2{stop, writer2};
  std::vector<uint64_t> desc;
  after.clear();
  for (;;) {
    auto r = c.Get("/v1/events?tenant=acme&order=desc&limit=64" +
                   (after.empty() ? "" : "&after=" + after));
    ASSERT_EQ(r.status, 200) << r.body;
    auto p = Json(r.body);
    for (auto id : Ids(At(p, "events"))) desc.push_back(id);
    if (At(p, "next_after").type == codec::JsonValue::Type::kNull) break;
    after = At(p, "next_after").string;
  }
  stop = true;
  writer2.join();

  ASSERT_GT(asc.size(), 1000u);
  for (size_t i = 0; i < asc.size(); ++i) ASSERT_EQ(asc[i], i + 1) << "asc paging skipped or repeated";
  ASSERT_FALSE(desc.empty());
  for (size_t i = 0; i < desc.size(); ++i) {
    ASSERT_EQ(desc[i], desc[0] - i) << "desc paging skipped or repeated";
  }
  EXPECT_EQ(desc.back(), 1u);
}

TEST_F(Streaming, TailWakesUpOnCommitInItsTenantOnly) {
  Start();
  Client c = NewClient();
  ASSERT_EQ(c.Post("/v1/events?tenant=acme", Batch(3, "old"), kNdjson).status, 201);
  auto pending = std::async(std::launch::async, [&] {
    Client t = NewClient();
    return t.Get("/v1/events/tail?tenant=acme&wait=60s");
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  // A commit in another tenant wakes the poll but must not answer it.
  ASSERT_EQ(c.Post("/v1/events?tenant=beta", Batch(1, "other"), kNdjson).status, 201);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(pending.wait_for(std::chrono::milliseconds(0)), std::future_status::timeout);
  ASSERT_EQ(c.Post("/v1/events?tenant=acme", Batch(2, "new"), kNdjson).status, 201);
  // The deadline is 60 s away; only the commit can have answered it.
  ASSERT_EQ(pending.wait_for(std::chrono::seconds(30)), std::future_status::ready);
  auto r = pending.get();
  ASSERT_EQ(r.status, 200) << r.body;
  auto v = Json(r.body);
  EXPECT_EQ(Ids(At(v, "events")), (std::vector<uint64_t>{5, 6}));
  EXPECT_EQ(At(v, "next_after").number, 6);
  for (const auto& e : At(v, "events").items) EXPECT_EQ(At(e, "action").string, "new");

  // With a cursor that is already behind, tail answers at once.
  auto now = Json(c.Get("/v1/events/tail?tenant=acme&after=1&wait=60s").body);
  EXPECT_EQ(Ids(At(now, "events")), (std::vector<uint64_t>{2, 3, 5, 6}));
  // Nothing new: an empty page after the wait, cursor unchanged.
  auto idle = Json(c.Get("/v1/events/tail?tenant=acme&after=6&wait=200ms").body);
  EXPECT_TRUE(At(idle, "events").items.empty());
  EXPECT_EQ(At(idle, "next_after").number, 6);
  // NDJSON form: one event per line, cursor in a header.
  auto nd = c.Get("/v1/events/tail?tenant=acme&after=3&format=ndjson");
  EXPECT_EQ(HeaderOf(nd, "Trailkeep-Next-After"), "6");
  EXPECT_EQ(std::count(nd.body.begin(), nd.body.end(), '\n'), 2);
}

TEST_F(Streaming, Export200kEventsStreamsWithFlatMemory) {
  // A small block cache, and under ASan a small quarantine, so that what is
  // measured is the export's own buffering.
  std::string asan = std::getenv("ASAN_OPTIONS") ? std::getenv("ASAN_OPTIONS") : "";
  setenv("ASAN_OPTIONS", (asan + (asan.empty() ? "" : ":") + "quarantine_size_mb=4").c_str(), 1);
  Start({"--block-cache-mb", "8"});
  if (asan.empty()) unsetenv("ASAN_OPTIONS"); else setenv("ASAN_OPTIONS", asan.c_str(), 1);

  constexpr int kEvents = 200'000;
  constexpr int kBatch = 2'000;
  std::string batch = Batch(kBatch, "bulk", 400);
  std::vector<std::thread> writers;
  for (int w = 0; w < 2; ++w) {
    writers.emplace_back([&] {
      Client c = NewClient();
      for (int i = 0; i < kEvents / kBatch / 2; ++i) {
        ASSERT_EQ(c.Post("/v1/events?tenant=acme", batch, kNdjson).status, 201);
      }
    });
  }
  for (auto& t : writers) t.join();

  long before = server_->PeakRssKib();
  auto http = api::HttpClient::Create(server_->url(), std::chrono::seconds(120));
  ASSERT_TRUE(http.ok());
  ExportLines got;
  auto r = (*http)->SendStreaming("GET", "/v1/events/export?tenant=acme&format=ndjson",
                                  {{"Authorization", "Bearer " + token_}}, "",
                                  [&](std::string_view piece) {
                                    got.Add(piece);
                                    return true;
                                  });
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(HeaderOf(*r, "Transfer-Encoding"), "chunked");
  EXPECT_EQ(got.lines, static_cast<uint64_t>(kEvents));
  EXPECT_TRUE(got.ordered);
  long after = server_->PeakRssKib();
  // The export is ~100 MB; buffering it would raise the peak by at least that.
  EXPECT_GT(got.bytes, 90u << 20);
  EXPECT_LT(after - before, 48L << 10) << "peak RSS grew from " << before << " KiB to " << after
                                       << " KiB during a " << (got.bytes >> 20) << " MiB export";

  // CSV: a header and one row per event.
  auto csv = NewClient().Get("/v1/events/export?tenant=acme&format=csv&filter=actor.name(user5)");
  EXPECT_EQ(csv.status, 200);
  EXPECT_EQ(std::count(csv.body.begin(), csv.body.end(), '\n'), 1 + 2 * (kEvents / kBatch / 2) * ((kBatch + 96 - 5) / 97));
}

// A reader that pauses mid-piece: each piece is sent from a pool thread for
// at most 50 ms (chunk_send.h), and the rest of it through the io_context.
// Every event arrives once, in order, and the connection then serves the
// next request.
TEST_F(Streaming, AnExportToAReaderThatPausesArrivesWhole) {
  Start();
  constexpr int kEvents = 30'000;
  constexpr int kBatch = 1'000;
  const std::string batch = Batch(kBatch, "paused", 400);
  Client writer = NewClient();
  for (int i = 0; i < kEvents / kBatch; ++i) {
    ASSERT_EQ(writer.Post("/v1/events?tenant=acme", batch, kNdjson).status, 201);
  }
  auto http = api::HttpClient::Create(server_->url(), std::chrono::seconds(120));
  ASSERT_TRUE(http.ok());
  const api::HeaderList auth = {{"Authorization", "Bearer " + token_}};
  // Four pauses, one every 64 reads of at most 64 KiB: about one per 4 MiB
  // piece the server sends, each far past the 50 ms it waits.
  uint64_t reads = 0;
  ExportLines got;
  auto pausing = [&](std::string_view piece) {
    if (reads++ % 64 == 0 && reads < 200) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    got.Add(piece);
    return true;
  };
  auto r = (*http)->SendStreaming("GET", "/v1/events/export?tenant=acme&format=ndjson", auth, "",
                                  pausing);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(got.lines, static_cast<uint64_t>(kEvents));
  EXPECT_EQ(got.last_id, static_cast<uint64_t>(kEvents));
  EXPECT_TRUE(got.ordered);
  EXPECT_TRUE(got.partial.empty()) << got.partial.substr(0, 200);
  // The same kept-alive connection answers the next request.
  auto page = (*http)->Send("GET", "/v1/events?tenant=acme&limit=1&total=true", auth, "");
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("\"total\":30000"), std::string::npos) << page->body;
}

}  // namespace
}  // namespace trailkeep::testing
