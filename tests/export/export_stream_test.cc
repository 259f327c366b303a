// ExportStream over both store backends: pieces read ahead in parallel
// ranges give exactly what one scan gives, in order, with no gap or repeat,
// also while writers commit.
#include "export/export_stream.h"

#include <gtest/gtest.h>

#include <random>
#include <thread>

#include "export/csv_row.h"
#include "store/store_test_util.h"

namespace trailkeep::exporter {
namespace {

using store::testing::Backends;
using store::testing::BackendNames;
using store::testing::MakeEvent;
using store::testing::ScanFor;

template <typename Backend>
class ExportStreamTest : public store::testing::StoreFixture<Backend> {
 protected:
  // Appends `n` events to tenants "a" and "b" in bursts of 1..200, so that
  // "a"'s share of the ids varies from piece to piece.
  void Load(int n, uint32_t seed) {
    std::mt19937 rng(seed);
    int done = 0;
    while (done < n) {
      const int burst = std::min<int>(n - done, 1 + static_cast<int>(rng() % 200));
      std::vector<model::Event> events;
      for (int i = 0; i < burst; ++i) {
        events.push_back(MakeEvent(store::testing::kNow - 1'000'000 + done + i, "user.action",
                                   (done + i) % 3 == 0 ? "login" : "logout"));
      }
      this->Append(rng() % 2 ? "a" : "b", std::move(events));
      done += burst;
    }
  }

  // Every piece of the export, concatenated.
  std::string ExportAll(ExportStream& stream) {
    std::string all;
    for (;;) {
      Result<bool> more = stream.Next(&all);
      EXPECT_TRUE(more.ok()) << more.status().ToString();
      if (!more.ok() || !*more) return all;
    }
  }

  // One scan's events as NDJSON.
  std::string OneScan(const store::ScanSpec& spec) {
    std::string all;
    for (const auto& [id, canonical] : this->ScanAll(spec)) all += canonical + "\n";
    return all;
  }
};
TYPED_TEST_SUITE(ExportStreamTest, Backends, BackendNames);

// The id at the start of each NDJSON line.
std::vector<uint64_t> LineIds(const std::string& ndjson) {
  std::vector<uint64_t> ids;
  for (size_t at = 0; at < ndjson.size();) {
    const size_t nl = ndjson.find('\n', at);
    const std::string line = ndjson.substr(at, nl - at);
    EXPECT_EQ(line.rfind("{\"id\":", 0), 0u) << line;
    ids.push_back(std::stoull(line.substr(6)));
    at = nl + 1;
  }
  return ids;
}

TYPED_TEST(ExportStreamTest, ReadAheadPiecesGiveExactlyWhatOneScanGives) {
  this->Load(4000, 7);
  const store::ScanSpec spec = ScanFor("a");
  ExportStream stream(*this->store_, spec, query::Selection(), Format::kNdjson, 3000);
  const std::string exported = this->ExportAll(stream);
  EXPECT_EQ(exported, this->OneScan(spec));
  EXPECT_EQ(stream.events_written(), LineIds(exported).size());
  // Small pieces over uneven bursts: most pieces were read ahead.
  EXPECT_GT(stream.read_ahead_pieces(), 50u);
}

TYPED_TEST(ExportStreamTest, ReadAheadPiecesKeepTheFilter) {
  this->Load(3000, 11);
  store::ScanSpec spec = ScanFor("a");
  spec.matches.push_back(store::FieldMatch{model::IndexedField::kAction, {"login"}});
  ExportStream stream(*this->store_, spec, query::Selection(), Format::kNdjson, 2000);
  const std::string exported = this->ExportAll(stream);
  EXPECT_EQ(exported, this->OneScan(spec));
  EXPECT_GT(stream.read_ahead_pieces(), 10u);
}

TYPED_TEST(ExportStreamTest, DescendingExportIsOneScanPerPiece) {
  this->Load(2000, 13);
  store::ScanSpec spec = ScanFor("b");
  spec.order = store::Order::kIdDesc;
  ExportStream stream(*this->store_, spec, query::Selection(), Format::kNdjson, 2500);
  EXPECT_EQ(this->ExportAll(stream), this->OneScan(spec));
  EXPECT_EQ(stream.read_ahead_pieces(), 0u);
}

TYPED_TEST(ExportStreamTest, CsvHasOneHeaderAndEveryRow) {
  this->Load(1500, 17);
  const store::ScanSpec spec = ScanFor("a");
  ExportStream stream(*this->store_, spec, query::Selection(), Format::kCsv, 2000);
  const std::string csv = this->ExportAll(stream);
  const size_t rows = static_cast<size_t>(std::count(csv.begin(), csv.end(), '\n')) - 1;
  EXPECT_EQ(rows, this->ScanIds(spec).size());
  EXPECT_EQ(csv.rfind(CsvHeader(), 0), 0u);
  EXPECT_EQ(csv.find(CsvHeader(), 1), std::string::npos);
  EXPECT_GT(stream.read_ahead_pieces(), 5u);
}

// A tenant whose events pause while another's accumulate: the empty ranges
// in the pause double in ids, so the pause takes a few ranges instead of one
// per half piece of the ids the tenant held before it.
TYPED_TEST(ExportStreamTest, APauseInATenantsEventsTakesFewRanges) {
  auto events = [](int n, const char* value) {
    std::vector<model::Event> out;
    for (int i = 0; i < n; ++i) {
      out.push_back(MakeEvent(store::testing::kNow - 900'000 + i, "user.action", value));
    }
    return out;
  };
  this->Append("a", events(300, "before"));
  this->Append("b", events(20'000, "other"));
  this->Append("a", events(300, "after"));
  const store::ScanSpec spec = ScanFor("a");
  ExportStream stream(*this->store_, spec, query::Selection(), Format::kNdjson, 3000);
  const std::string exported = this->ExportAll(stream);
  EXPECT_EQ(exported, this->OneScan(spec));
  // 54 pieces here; ranges that kept the ids of the last nonempty one took
  // 1,722 (one for every few of "b"'s ids).
  EXPECT_GT(stream.read_ahead_pieces(), 20u);
  EXPECT_LT(stream.read_ahead_pieces(), 200u);
}

// A stream dropped while its ranges are being read waits for its helper
// threads (under the sanitizers, a scan outliving the stream is an error).
TYPED_TEST(ExportStreamTest, AStreamDroppedMidExportWaitsForItsScans) {
  this->Load(3000, 23);
  const store::ScanSpec spec = ScanFor("a");
  std::string some;
  {
    ExportStream stream(*this->store_, spec, query::Selection(), Format::kNdjson, 2000);
    for (int i = 0; i < 4; ++i) ASSERT_TRUE(*stream.Next(&some));
    EXPECT_GT(stream.read_ahead_pieces(), 0u);
  }
  ExportStream again(*this->store_, spec, query::Selection(), Format::kNdjson, 2000);
  const std::string all = this->ExportAll(again);
  EXPECT_EQ(all, this->OneScan(spec));
  EXPECT_EQ(all.rfind(some, 0), 0u);  // what the dropped stream gave is a prefix
}

// While two writers commit: an export holds every event committed before it
// began, each once and in order, with no gap below its last id, and nothing
// committed after it began; it ends although the writers go on.
TYPED_TEST(ExportStreamTest, ExportsWhatWasCommittedWhenItBeganWhileWritersCommit) {
  this->Load(1000, 19);
  // Bounded writers (the memory store scans all it holds for every piece),
  // and exports one after another for as long as they write.
  std::atomic<int> writing{2};
  auto writer = [&](const std::string& tenant, int offset) {
    for (int round = 0; round < 150; ++round) {
      std::vector<model::Event> events;
      for (int i = 0; i < 1 + (round * 7 + offset) % 60; ++i) {
        events.push_back(MakeEvent(store::testing::kNow - 500'000 + round, "user.action", "x"));
      }
      this->Append(tenant, std::move(events));
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    --writing;
  };
  std::thread wa(writer, "a", 1), wb(writer, "b", 3);
  const store::ScanSpec spec = ScanFor("a");
  struct Run {
    uint64_t committed_before, committed_after;
    std::vector<uint64_t> ids;
  };
  std::vector<Run> runs;
  uint64_t read_ahead = 0;
  while (runs.empty() || writing.load() > 0) {
    Run run;
    run.committed_before = this->store_->LastCommittedId().value;
    ExportStream stream(*this->store_, spec, query::Selection(), Format::kNdjson, 3000);
    run.ids = LineIds(this->ExportAll(stream));
    run.committed_after = this->store_->LastCommittedId().value;
    read_ahead += stream.read_ahead_pieces();
    runs.push_back(std::move(run));
  }
  wa.join();
  wb.join();
  const std::vector<uint64_t> stored = this->ScanIds(spec);
  for (const Run& run : runs) {
    ASSERT_FALSE(run.ids.empty());
    std::vector<uint64_t> expected;
    for (uint64_t id : stored) {
      if (id <= run.ids.back()) expected.push_back(id);
    }
    EXPECT_EQ(run.ids, expected);  // in order, no gap, no repeat
    uint64_t last_before = 0;  // the tenant's last event committed before the export
    for (uint64_t id : stored) {
      if (id <= run.committed_before) last_before = id;
    }
    EXPECT_GE(run.ids.back(), last_before);
    EXPECT_LE(run.ids.back(), run.committed_after);
  }
  EXPECT_GT(read_ahead, 0u);
}

}  // namespace
}  // namespace trailkeep::exporter
