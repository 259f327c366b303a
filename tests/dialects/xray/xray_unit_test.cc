// In-process tests of the Xray dialect's pieces: the zip writer (read back by
// the test's own reader), parameter resolution against a fixed "now", and the
// offset locator (AuditCursor) against a brute-force order on a real RocksDB
// store, with ids that disagree with time in every way.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <random>

#include "api/dialects/xray/audit_cursor.h"
#include "api/dialects/xray/audit_params.h"
#include "api/dialects/xray/zip_writer.h"
#include "base/time_format.h"
#include "codec/canonical.h"
#include "dialects/xray/zip_csv_reader.h"
#include "store/open.h"

namespace trailkeep::api::dialects::xray {
namespace {

using testing::ReadZip;

TEST(XrayZip, Crc32KnownValues) {
  EXPECT_EQ(Crc32("123456789"), 0xCBF43926u);
  EXPECT_EQ(Crc32(""), 0u);
  EXPECT_EQ(Crc32("6789", Crc32("12345")), 0xCBF43926u);
}

TEST(XrayZip, EntriesReadBackThroughDirectoryAndStreaming) {
  ZipWriter zip(*ParseIsoMs("2026-11-26T10:20:30Z"));
  std::string out;
  zip.BeginEntry("a.csv", &out);
  ASSERT_TRUE(zip.AppendData("hello,", &out).ok());
  ASSERT_TRUE(zip.AppendData("world\r\n", &out).ok());
  ASSERT_TRUE(zip.EndEntry(&out).ok());
  zip.BeginEntry("empty.txt", &out);
  ASSERT_TRUE(zip.EndEntry(&out).ok());
  // Larger than the compressor's buffers, fed in uneven pieces, partly
  // incompressible.
  std::string big;
  std::mt19937_64 rng(7);
  for (int i = 0; i < 200'000; ++i) {
    big.append("row,").append(std::to_string(i % 977)).push_back(',');
    big.push_back(static_cast<char>(rng()));
    big.append("\r\n");
  }
  zip.BeginEntry("big.csv", &out);
  for (size_t at = 0; at < big.size();) {
    const size_t n = std::min<size_t>(big.size() - at, 1 + rng() % 70'000);
    ASSERT_TRUE(zip.AppendData(std::string_view(big).substr(at, n), &out).ok());
    at += n;
  }
  ASSERT_TRUE(zip.EndEntry(&out).ok());
  zip.Finish(&out);
  EXPECT_LT(out.size(), big.size() / 2);  // compressed, not stored
  for (auto entries : {ReadZip(out), testing::ReadZipStreaming(out)}) {
    ASSERT_EQ(entries.size(), 3u);
    EXPECT_EQ(entries["a.csv"], "hello,world\r\n");
    EXPECT_EQ(entries["empty.txt"], "");
    EXPECT_TRUE(entries["big.csv"] == big);
  }
  // DOS date of the local header: 2026-11-26.
  uint32_t date = testing::Le(out, 12, 2);
  EXPECT_EQ(date >> 9, 2026u - 1980u);
  EXPECT_EQ((date >> 5) & 15, 11u);
  EXPECT_EQ(date & 31, 26u);
}

Request Query(std::vector<std::pair<std::string, std::string>> params) {
  Request r;
  r.query = std::move(params);
  return r;
}

const int64_t kNow = *ParseIsoMs("2026-11-26T12:00:00.250Z");
constexpr int64_t kWeek = 168LL * 3600 * 1000;

TEST(XrayParams, DefaultsResolveAgainstNow) {
  auto p = ParseAuditParams(Query({}), kNow);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->order_by, OrderColumn::kId);
  EXPECT_FALSE(p->ascending);
  EXPECT_EQ(p->num_of_rows, 100u);
  EXPECT_EQ(p->end.ms, kNow);
  EXPECT_EQ(p->start.ms, kNow - kWeek);
  EXPECT_EQ(p->scan_end.ms, kNow + 1);  // events stamped "now" are included
  EXPECT_EQ(FormatRfc3339Seconds(p->end.ms), "2026-11-26T12:00:00Z");

  p = ParseAuditParams(Query({{"created_at_start", "2026-11-20T00:00:00Z"}}), kNow);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->end.ms, kNow);  // start + 168 h is later than now
  p = ParseAuditParams(Query({{"created_at_start", "2026-10-01T00:00:00Z"}}), kNow);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(FormatRfc3339Seconds(p->end.ms), "2026-10-08T00:00:00Z");
  EXPECT_EQ(p->scan_end.ms, p->end.ms);
  p = ParseAuditParams(Query({{"created_at_start", "2027-01-01T00:00:00Z"}}), kNow);
  ASSERT_TRUE(p.ok());  // in the future: an empty window
  EXPECT_EQ(p->start.ms, p->end.ms);
  p = ParseAuditParams(Query({{"created_at_end", "2026-10-08T00:00:00+02:00"}}), kNow);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(FormatRfc3339Seconds(p->start.ms), "2026-09-30T22:00:00Z");
}

TEST(XrayParams, Validation) {
  auto err = [](std::vector<std::pair<std::string, std::string>> q) {
    auto p = ParseAuditParams(Query(std::move(q)), kNow);
    return p.ok() ? std::string("ok") : p.status().message();
  };
  EXPECT_EQ(err({{"num_of_rows", "2001"}}), "num_of_rows must be between 1 and 2000");
  EXPECT_EQ(err({{"format", "csv"}, {"num_of_rows", "500000"}}), "ok");
  EXPECT_EQ(err({{"format", "csv"}, {"num_of_rows", "500001"}}),
            "num_of_rows must be between 1 and 500000");
  EXPECT_EQ(err({{"num_of_rows", "+7"}}), "ok");
  EXPECT_EQ(err({{"num_of_rows", "7.0"}}), "num_of_rows must be between 1 and 2000");
  EXPECT_EQ(err({{"offset", "x"}}), "invalid offset");
  EXPECT_EQ(err({{"include_total", "True"}, {"dry_run", "0"}}), "ok");
  EXPECT_EQ(err({{"include_total", "yes"}}), "invalid include_total");
  EXPECT_EQ(err({{"created_at_start", "2026-11-20T00:00:00.123456789Z"}}), "ok");
  EXPECT_EQ(err({{"created_at_start", "2026-11-20 00:00:00Z"}}), "invalid created_at_start");
  EXPECT_EQ(err({{"created_at_start", "2026-11-20T00:00:00+0200"}}), "invalid created_at_start");
  EXPECT_EQ(err({{"created_at_start", "2026-02-30T00:00:00Z"}}), "invalid created_at_start");
  EXPECT_EQ(err({{"order_by", "ID"}}), "invalid order_by column");
  EXPECT_EQ(err({{"order_by", "user_mail"}}), "ok");
}

// A real store with curation events whose ids and times disagree: monotone
// runs, a reversed run, random stragglers, dense minutes (> 256 events) and
// events of another kind in between.
class XrayCursor : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/tk_xray_cursor_XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    store::StoreOptions options;
    options.path = dir_;
    options.durability = store::Durability::kBuffered;
    auto opened = store::OpenEventStore(options);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();

    base_ = *ParseIsoMs("2026-03-01T00:00:00Z");
  }

  // Appends curation events at `times` (in that id order), every tenth
  // event of another kind in between.
  void Load(const std::vector<int64_t>& times) {
    std::mt19937 rng(5);
    for (size_t start = 0; start < times.size(); start += 500) {
      store::AppendBatch batch{model::TenantId{"t"}, {}, std::nullopt, ""};
      for (size_t i = start; i < std::min(times.size(), start + 500); ++i) {
        model::Event e;
        e.kind = i % 10 == 3 ? "user.action" : "curation.package";
        e.action = "blocked";
        e.time = model::TimeMs{times[i]};
        e.entity.name = std::string("p").append(std::to_string(rng() % 50));
        batch.events.push_back(e);
      }
      auto appended = store_->Append(batch);
      ASSERT_TRUE(appended.ok());
      for (size_t k = 0; k < batch.events.size(); ++k) {
        if (batch.events[k].kind == "curation.package") {
          all_.push_back(
              Ev{appended->ids[k].value, batch.events[k].time.ms, *batch.events[k].entity.name});
        }
      }
    }
  }

  // Random windows and offsets of every column and direction, compared.
  void CheckAgainstBruteForce(std::vector<OrderColumn> columns, int rounds) {
    std::mt19937 rng(11);
    for (OrderColumn column : columns) {
      for (bool asc : {true, false}) {
        for (int round = 0; round < rounds; ++round) {
          int64_t from = base_ - 3'600'000 + static_cast<int64_t>(rng() % 86'400'000);
          int64_t to = round == 0 ? base_ + kWeek : from + static_cast<int64_t>(rng() % kWeek);
          AuditWindow w{model::TenantId{"t"}, {from}, {to}, column, asc};
          std::vector<uint64_t> want = Expected(w);
          std::vector<uint64_t> offsets = {0, 1, 255, 256, 257, want.size(), want.size() + 3};
          for (int k = 0; k < 25 && !want.empty(); ++k) offsets.push_back(rng() % want.size());
          for (uint64_t offset : offsets) {
            size_t n = 1 + rng() % 40;
            std::vector<uint64_t> slice;
            for (uint64_t i = offset; i < want.size() && slice.size() < n; ++i) {
              slice.push_back(want[i]);
            }
            ASSERT_EQ(Read(w, offset, n), slice)
                << "column " << static_cast<int>(column) << " asc " << asc << " offset " << offset
                << " window " << FormatIsoMs(from) << " .. " << FormatIsoMs(to);
          }
        }
      }
    }
  }

  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  struct Ev {
    uint64_t id;
    int64_t time;
    std::string name;
  };

  std::vector<uint64_t> Expected(const AuditWindow& w) {
    std::vector<Ev> in;
    for (const Ev& e : all_) {
      if (e.time >= w.from.ms && e.time < w.to.ms) in.push_back(e);
    }
    std::sort(in.begin(), in.end(), [&](const Ev& a, const Ev& b) {
      if (w.order_by == OrderColumn::kCreatedAt && a.time != b.time) {
        return w.ascending ? a.time < b.time : a.time > b.time;
      }
      if (w.order_by == OrderColumn::kPackageName && a.name != b.name) {
        return w.ascending ? a.name < b.name : a.name > b.name;
      }
      return w.ascending ? a.id < b.id : a.id > b.id;
    });
    std::vector<uint64_t> ids;
    for (const Ev& e : in) ids.push_back(e.id);
    return ids;
  }

  std::vector<uint64_t> Read(const AuditWindow& w, uint64_t offset, size_t n) {
    auto cursor = AuditCursor::Open(*store_, w, offset, n);
    EXPECT_TRUE(cursor.ok());
    std::vector<query::OwnedEvent> events;
    while (events.size() < n) {
      auto more = cursor->Next(std::min<size_t>(n - events.size(), 7), &events);
      EXPECT_TRUE(more.ok());
      if (!*more) break;
    }
    std::vector<uint64_t> ids;
    for (const auto& e : events) ids.push_back(e.id.value);
    return ids;
  }

  std::string dir_;
  std::unique_ptr<store::EventStore> store_;
  int64_t base_ = 0;
  std::vector<Ev> all_;
};

// Ids that disagree with time in every way: monotone runs, a reversed run,
// random stragglers, one dense minute, events before the window.
TEST_F(XrayCursor, ScatteredIdsMatchBruteForce) {
  std::mt19937 rng(5);
  std::vector<int64_t> times;
  for (int i = 0; i < 1500; ++i) times.push_back(base_ + i * 97'000);
  for (int i = 1500; i > 0; --i) times.push_back(base_ + kWeek / 2 + i * 61'000);
  for (int i = 0; i < 600; ++i) times.push_back(base_ + 86'400'000 + 30'000 + (i % 3));
  for (int i = 0; i < 900; ++i) times.push_back(base_ + static_cast<int64_t>(rng() % kWeek));
  for (int i = 0; i < 200; ++i) times.push_back(base_ - 1000 * static_cast<int64_t>(rng() % 5000));
  Load(times);
  CheckAgainstBruteForce({OrderColumn::kId, OrderColumn::kCreatedAt, OrderColumn::kPackageName}, 6);
}

// Live ingestion: ids follow time except for clients up to two minutes late,
// so neighbouring days, hours and minutes overlap a little at their edges;
// dense enough that the descent goes down to minutes.
TEST_F(XrayCursor, SlightlyLateEventsMatchBruteForce) {
  std::mt19937 rng(8);
  std::vector<int64_t> times;
  int64_t t = base_ + 20 * 3'600'000;
  for (int i = 0; i < 40'000; ++i) {
    t += 1000 * static_cast<int64_t>(rng() % 24);
    times.push_back(rng() % 8 == 0 ? t - 1000 * static_cast<int64_t>(rng() % 120) : t);
  }
  for (int i = 0; i < 700; ++i) times.push_back(t - 40 * 60'000);  // one late burst
  Load(times);
  CheckAgainstBruteForce({OrderColumn::kId, OrderColumn::kCreatedAt}, 8);
}

}  // namespace
}  // namespace trailkeep::api::dialects::xray
