// Tests that only make sense for the embedded RocksDB backend.
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <numeric>
#include <random>
#include <thread>

#include <rocksdb/db.h>

#include "store/rocksdb/count_probe.h"
#include "store/rocksdb/direct_wal.h"
#include "store/rocksdb/keys.h"
#include "store/rocksdb/write_fault.h"
#include "store/store_test_util.h"

namespace trailkeep::store::testing {
namespace {

using RocksDbStoreTest = StoreFixture<RocksDbBackend>;

TEST_F(RocksDbStoreTest, SecondOpenOfDirectoryIsUnavailable) {
  StoreOptions o;
  o.path = dir_.path();
  auto second = OpenEventStore(o);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(second.status().message().find("in use by another process"), std::string::npos);
}

// A closed store's directory opened with RocksDB directly, every column
// family with default options (none is compacted here: read-only, or
// closed right after a Put).
class RawStore {
 public:
  RawStore(const std::string& path, bool read_only) {
    EXPECT_TRUE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), path, &names_).ok());
    std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
    for (const std::string& n : names_) cfs.emplace_back(n, rocksdb::ColumnFamilyOptions());
    const rocksdb::Status s =
        read_only ? rocksdb::DB::OpenForReadOnly(rocksdb::DBOptions(), path, cfs, &handles_, &db_)
                  : rocksdb::DB::Open(rocksdb::DBOptions(), path, cfs, &handles_, &db_);
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
  ~RawStore() {
    if (db_ == nullptr) return;
    for (rocksdb::ColumnFamilyHandle* h : handles_) EXPECT_TRUE(db_->DestroyColumnFamilyHandle(h).ok());
    EXPECT_TRUE(db_->Close().ok());
    delete db_;
  }
  rocksdb::DB* db() const { return db_; }
  // The handle of column family `name`; nullptr when there is none.
  rocksdb::ColumnFamilyHandle* cf(const std::string& name) const {
    for (size_t i = 0; i < names_.size() && i < handles_.size(); ++i) {
      if (names_[i] == name) return handles_[i];
    }
    return nullptr;
  }

 private:
  std::vector<std::string> names_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  rocksdb::DB* db_ = nullptr;
};

// The layout version stored in a closed store's directory: read, and
// replaced by `replace` when given.
std::string StoredLayout(const std::string& path, std::optional<std::string> replace = {}) {
  RawStore raw(path, /*read_only=*/false);
  if (raw.db() == nullptr) return "";
  const std::string key(rocksdb_store::kLayoutKey);
  std::string value;
  EXPECT_TRUE(raw.db()->Get(rocksdb::ReadOptions(), key, &value).ok());
  if (replace) {
    EXPECT_TRUE(raw.db()->Put(rocksdb::WriteOptions(), key, *replace).ok());
  }
  return value;
}

// The number of files at each level of column family `cf` of a closed store.
std::vector<size_t> StoredFilesPerLevel(const std::string& path, const std::string& cf) {
  RawStore raw(path, /*read_only=*/true);
  if (raw.db() == nullptr || raw.cf(cf) == nullptr) return {};
  rocksdb::ColumnFamilyMetaData meta;
  raw.db()->GetColumnFamilyMetaData(raw.cf(cf), &meta);
  std::vector<size_t> files;
  for (const rocksdb::LevelMetaData& level : meta.levels) files.push_back(level.files.size());
  return files;
}

// A clean close leaves no events in L0 (where a flush puts them, ~2.5x
// their size in the last level): they are compacted down, and still read.
TEST_F(RocksDbStoreTest, ACleanCloseLeavesNoEventsInLevelZero) {
  std::vector<model::Event> events;
  for (int i = 0; i < 3'000; ++i) events.push_back(MakeEvent(i * 1000));
  Append("a", events);
  Reopen();
  Append("b", events);
  Append("a", events);
  store_.reset();
  const std::vector<size_t> files = StoredFilesPerLevel(dir_.path(), "events");
  ASSERT_FALSE(files.empty());
  EXPECT_EQ(files.front(), 0u);
  EXPECT_GT(std::accumulate(files.begin(), files.end(), size_t{0}), 0u);
  Open();
  EXPECT_EQ(Count(CountFor("a")), 6'000u);
  EXPECT_EQ(ScanAll(ScanSpec(TenantId{"b"}, TimeMs{INT64_MIN}, TimeMs{INT64_MAX}, Order::kIdAsc)).size(),
            3'000u);
}

// A layout-10 directory opens, with its data, and is marked with this
// build's layout; an older one is refused and left as it was (the close
// after a refused open used to stamp it with this build's layout, so that
// the next open read it as if it were).
TEST_F(RocksDbStoreTest, OpensLayoutTenAndRefusesOlderLayouts) {
  Append("a", {MakeEvent(1), MakeEvent(2)});
  store_.reset();
  EXPECT_EQ(StoredLayout(dir_.path(), std::string(rocksdb_store::kUpgradableLayout)),
            rocksdb_store::kLayoutVersion);
  Open();
  EXPECT_EQ(store_->LastCommittedId(), EventId{2});
  store_.reset();
  EXPECT_EQ(StoredLayout(dir_.path(), "9"), rocksdb_store::kLayoutVersion);

  StoreOptions o;
  o.path = dir_.path();
  auto refused = OpenEventStore(o);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("has storage layout 9"), std::string::npos)
      << refused.status().ToString();
  EXPECT_EQ(StoredLayout(dir_.path()), "9");
}

// A layout-11 directory (every record in `events`) opens with its data and
// becomes layout 12, whose records of unstored epochs a layout-11 build
// would not read.
TEST_F(RocksDbStoreTest, OpensLayoutElevenAndMarksItTwelve) {
  Append("a", {MakeEvent(1), MakeEvent(2), MakeEvent(3)});
  store_.reset();
  EXPECT_EQ(StoredLayout(dir_.path(), std::string(rocksdb_store::kRecordsInMemtableLayout)),
            rocksdb_store::kLayoutVersion);
  Open();
  EXPECT_EQ(store_->LastCommittedId(), EventId{3});
  EXPECT_EQ(Append("a", {MakeEvent(4)}), std::vector<EventId>{EventId{4}});
  EXPECT_EQ(Count(CountFor("a")), 4u);
  store_.reset();
  EXPECT_EQ(StoredLayout(dir_.path()), rocksdb_store::kLayoutVersion);
}

TEST_F(RocksDbStoreTest, NoUnstoredEpochsAllowedIsRefused) {
  store_.reset();
  StoreOptions o;
  o.path = dir_.path();
  o.max_unstored_epochs = 0;
  auto refused = OpenEventStore(o);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
}

TEST_F(RocksDbStoreTest, BufferedDurabilityStillPersistsOnCleanClose) {
  store_.reset();
  StoreOptions o;
  o.path = dir_.path();
  o.durability = Durability::kBuffered;
  o.clock = &clock_;
  auto s = OpenEventStore(o);
  ASSERT_TRUE(s.ok());
  store_ = std::move(s).value();
  Append("a", {MakeEvent(1), MakeEvent(2)});
  Reopen();
  EXPECT_EQ(store_->LastCommittedId(), EventId{2});
  EXPECT_GT(store_->ApproximateSizeBytes(), 0u);
}

// A synced store writes its WAL files through direct_wal.h (with O_DIRECT
// where the file system allows it); a buffered one through the page cache,
// where a write does not wait for the device.
TEST_F(RocksDbStoreTest, OnlySyncedStoresWriteTheirWalPastThePageCache) {
  auto opened = [] {
    const rocksdb_store::DirectWalFiles f = rocksdb_store::DirectWalFilesOpened();
    return f.direct + f.buffered;
  };
  const uint64_t before_sync = opened();
  Reopen();  // the fixture's store: Durability::kSync, the default
  Append("a", {MakeEvent(1)});
  EXPECT_GT(opened(), before_sync);

  store_.reset();
  StoreOptions o;
  o.path = dir_.path();
  o.durability = Durability::kBuffered;
  o.clock = &clock_;
  const uint64_t before_buffered = opened();
  auto s = OpenEventStore(o);
  ASSERT_TRUE(s.ok());
  store_ = std::move(s).value();
  Append("a", {MakeEvent(2)});
  store_.reset();
  EXPECT_EQ(opened(), before_buffered);
  Open();
  EXPECT_EQ(store_->LastCommittedId(), EventId{2});
}

// The write volume counts what each successful group handed RocksDB: at
// least the records with their canonical bytes, and it starts over at open.
TEST_F(RocksDbStoreTest, WrittenSinceOpenCountsEachCommittedGroup) {
  EXPECT_EQ(store_->WrittenSinceOpen().entries, 0u);
  std::vector<model::Event> events;
  for (int i = 0; i < 100; ++i) events.push_back(MakeEvent(i * 60'000));
  Append("a", events);
  const WriteVolume after_100 = store_->WrittenSinceOpen();
  // Each record, its time index entry (one run per minute here) and the
  // count updates: more than two entries per event, but not unbounded.
  EXPECT_GT(after_100.entries, 200u);
  EXPECT_LT(after_100.entries, 100u * 20);
  std::optional<std::string> one = store_->Get(TenantId{"a"}, EventId{1}).value();
  ASSERT_TRUE(one.has_value());
  EXPECT_GT(after_100.bytes, 100 * one->size());

  Append("a", {MakeEvent(1)});
  const WriteVolume after_101 = store_->WrittenSinceOpen();
  EXPECT_GT(after_101.entries, after_100.entries);
  EXPECT_GT(after_101.bytes, after_100.bytes + one->size());

  Reopen();
  EXPECT_EQ(store_->WrittenSinceOpen().entries, 0u);
  EXPECT_EQ(store_->WrittenSinceOpen().bytes, 0u);
}

// Several clean closes leave several flushed files behind, which RocksDB
// compacts after the next open; the store reports that work until it is
// done, and then 0.
TEST_F(RocksDbStoreTest, BackgroundWorkSettlesToZero) {
  std::vector<model::Event> events;
  for (int i = 0; i < 200; ++i) events.push_back(MakeEvent(i * 1000));
  for (int round = 0; round < 6; ++round) {
    Append("a", events);
    Reopen();
  }
  uint64_t pending = 1;
  for (int i = 0; i < 300 && pending != 0; ++i) {
    pending = store_->BackgroundWorkPending();
    if (pending != 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(pending, 0u);
  EXPECT_EQ(Count(CountFor("a")), 1200u);
}

// Appends leave `index` and `counts` entries in memtables, which RocksDB
// flushes only when the WAL reaches its cap; once appends pause for a
// second or two, the store flushes them itself, and reports that as
// background work until it is done.
TEST_F(RocksDbStoreTest, APauseInAppendsFlushesTheMemtables) {
  auto sst_files = [&] {
    size_t n = 0;
    for (const auto& f : std::filesystem::directory_iterator(dir_.path())) {
      if (f.path().extension() == ".sst") ++n;
    }
    return n;
  };
  std::vector<model::Event> events;
  for (int i = 0; i < 200; ++i) events.push_back(MakeEvent(i * 1000));
  const size_t before = sst_files();
  Append("a", events);
  EXPECT_GT(store_->BackgroundWorkPending(), 0u);  // the flush is due
  uint64_t pending = 1;
  for (int i = 0; i < 100 && pending != 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    pending = store_->BackgroundWorkPending();
  }
  EXPECT_EQ(pending, 0u);
  EXPECT_GT(sst_files(), before);
  EXPECT_EQ(Count(CountFor("a")), 200u);
}

// The last id is derived from the stored events at open, and a clean close
// leaves no WAL data behind (every memtable is flushed).
TEST_F(RocksDbStoreTest, ReopenKeepsLastIdAndLeavesNoWal) {
  std::vector<model::Event> events;
  for (int i = 0; i < 500; ++i) events.push_back(MakeEvent(i * 1000));
  Append("a", events);
  Append("b", events);
  Append("a", {MakeEvent(5)});
  store_.reset();
  // Nor archived (the records of unstored epochs are kept there until they
  // are stored; a close stores them all).
  uint64_t wal_bytes = 0;
  for (const auto& f : std::filesystem::recursive_directory_iterator(dir_.path())) {
    if (f.path().extension() == ".log") wal_bytes += f.file_size();
  }
  EXPECT_EQ(wal_bytes, 0u);
  Open();
  EXPECT_EQ(store_->LastCommittedId(), EventId{1001});
  EXPECT_EQ(Append("b", {MakeEvent(6)}), std::vector<EventId>{EventId{1002}});
  Reopen();
  EXPECT_EQ(store_->LastCommittedId(), EventId{1002});
  EXPECT_EQ(Count(CountFor("a")), 501u);
  EXPECT_EQ(Count(CountFor("b")), 501u);
}

// Event keys lead with an epoch of 65,536 ids (keys.h), so a tenant's events
// are contiguous only within an epoch. Walks in id order go from epoch to
// epoch, also over epochs where the tenant has nothing, in both directions
// and from a cursor; and the last id at open is the highest one, although
// the last key belongs to a later tenant of the newest epoch.
TEST_F(RocksDbStoreTest, IdOrderWalksAcrossEpochsAndTenants) {
  std::map<std::string, std::vector<uint64_t>> ids;
  int64_t time = 0;
  auto append = [&](const std::string& tenant, int n) {
    std::vector<model::Event> events;
    for (int i = 0; i < n; ++i) events.push_back(MakeEvent(time += 10));
    for (EventId id : Append(tenant, std::move(events))) ids[tenant].push_back(id.value);
  };
  append("a", 10);  // ordinals in order of first use: a, b, c, d
  append("b", 10);
  append("c", 5);
  append("d", 1);
  // Epochs 0 to 2 interleave a and b; c appears again only in epoch 2 and
  // d only in epoch 1.
  while (ids["a"].size() + ids["b"].size() < 140'000) {
    append("a", 4000);
    append("b", 3000);
    if (ids["d"].size() == 1 && ids["a"].back() > rocksdb_store::EpochFirstId(1)) append("d", 7);
  }
  append("c", 3);
  append("a", 2);
  ASSERT_EQ(rocksdb_store::EventEpoch(ids["a"].back()), 2u);
  ASSERT_GT(ids["c"].back(), rocksdb_store::EpochFirstId(2));
  ASSERT_EQ(rocksdb_store::EventEpoch(ids["d"].back()), 1u);

  for (int round = 0; round < 2; ++round) {
    for (const auto& [tenant, want] : ids) {
      SCOPED_TRACE(tenant);
      ScanSpec asc = ScanFor(tenant);
      EXPECT_EQ(ScanIds(asc), want);
      ScanSpec desc = asc;
      desc.order = Order::kIdDesc;
      EXPECT_EQ(ScanIds(desc), std::vector<uint64_t>(want.rbegin(), want.rend()));
      // From a cursor in the middle, both ways.
      const size_t mid = want.size() / 2;
      asc.after = Position{TimeMs{0}, EventId{want[mid]}};
      EXPECT_EQ(ScanIds(asc), std::vector<uint64_t>(want.begin() + mid + 1, want.end()));
      desc.after = asc.after;
      EXPECT_EQ(ScanIds(desc), std::vector<uint64_t>(want.rend() - mid, want.rend()));
    }
    // The second round reads flushed files instead of memtables.
    Reopen();
    EXPECT_EQ(store_->LastCommittedId(), EventId{ids["a"].back()});
  }
}

// The writer builds the next group while one is written (rocksdb_write.cc).
// When a write fails, its appends get the error, the group built behind it
// on ids that were never committed is built again, and the ids of every
// acknowledged event are still 1..N without a gap, before and after a
// reopen. Failures are injected (write_fault.h), each after a pause in which
// the other threads queue the next groups.
TEST_F(RocksDbStoreTest, FailedGroupWriteLeavesNoGap) {
  // Known tenants: a group with a new tenant would wait for the write before
  // it instead of being built on it.
  std::vector<uint64_t> acked;
  for (const char* tenant : {"a", "b"}) acked.push_back(Append(tenant, {MakeEvent(0)})[0].value);
  const uint64_t rebuilt_before = rocksdb_store::GroupsRebuiltAfterFailedWrite();
  rocksdb_store::FailNextGroupWrites(3, std::chrono::milliseconds(100));
  constexpr int kThreads = 4, kBatches = 30;
  std::mutex mu;
  int failed = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      // Staggered starts: the first group holds one batch, and the others
      // queue behind it while its write fails.
      std::this_thread::sleep_for(std::chrono::milliseconds(10 * t));
      for (int i = 0; i < kBatches; ++i) {
        std::vector<model::Event> events(1 + (t + i) % 4, MakeEvent(i));
        AppendBatch b{TenantId{t % 2 == 0 ? "a" : "b"}, events, std::nullopt, ""};
        auto r = store_->Append(b);
        std::lock_guard lock(mu);
        if (!r.ok()) {
          EXPECT_EQ(r.status().code(), StatusCode::kUnavailable) << r.status().ToString();
          ++failed;
          continue;
        }
        for (EventId id : r->ids) acked.push_back(id.value);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_GE(failed, 3);
  EXPECT_GE(rocksdb_store::GroupsRebuiltAfterFailedWrite(), rebuilt_before + 1);
  std::sort(acked.begin(), acked.end());
  std::vector<uint64_t> want(acked.size());
  std::iota(want.begin(), want.end(), 1);
  EXPECT_EQ(acked, want);
  EXPECT_EQ(store_->LastCommittedId(), EventId{acked.size()});
  Reopen();
  EXPECT_EQ(store_->LastCommittedId(), EventId{acked.size()});
  EXPECT_EQ(Count(CountFor("a")) + Count(CountFor("b")), acked.size());
  EXPECT_EQ(Append("a", {MakeEvent(1)}), std::vector<EventId>{EventId{acked.size() + 1}});
}

// Restarts without a write do not pile up WAL files: RocksDB keeps a WAL
// until a flush moves past it, and skips flushing empty memtables.
TEST_F(RocksDbStoreTest, RestartsWithoutWritesLeaveOneWalFile) {
  Append("a", {MakeEvent(1)});
  auto wal_files = [this] {
    int n = 0;
    for (const auto& f : std::filesystem::recursive_directory_iterator(dir_.path())) {
      n += f.path().extension() == ".log";
    }
    return n;
  };
  for (int i = 0; i < 5; ++i) Reopen();
  store_.reset();
  EXPECT_LE(wal_files(), 1);
  Open();
  EXPECT_EQ(store_->LastCommittedId(), EventId{1});
}

// High-cardinality fields keep no counts: Count scans their postings, so it
// must still be exact across bucket edges, and stop early when planning.
TEST_F(RocksDbStoreTest, CountsFieldsWithoutKeptCounts) {
  const int64_t start = 1'699'999'000'000;
  std::vector<model::Event> events;
  uint64_t expected = 0, expected_failed = 0;
  const int64_t from = start + 3'600'000 + 17, to = start + 3 * 86'400'000LL + 5;
  for (int i = 0; i < 3000; ++i) {
    model::Event e = MakeEvent(start + i * 97'003LL);
    e.actor.name = i % 3 == 0 ? "alice" : "bob";
    e.success = i % 5 != 0;
    events.push_back(e);
    bool in = e.time.ms >= from && e.time.ms < to;
    if (in && i % 3 == 0) ++expected;
    if (in && i % 5 == 0) ++expected_failed;
  }
  Append("t", events);
  CountSpec c = CountFor("t", from, to);
  c.match = FieldMatch{model::IndexedField::kActorName, {"alice"}};
  EXPECT_EQ(Count(c), expected);
  c.match = FieldMatch{model::IndexedField::kSuccess, {"false"}};
  EXPECT_EQ(Count(c), expected_failed);
  ScanSpec s = ScanFor("t");
  s.from = TimeMs{from};
  s.to = TimeMs{to};
  s.order = Order::kTimeDesc;
  s.matches = {{model::IndexedField::kActorName, {"alice"}},
               {model::IndexedField::kSuccess, {"false"}},
               {model::IndexedField::kKind, {"user.action"}}};
  uint64_t both = 0;
  for (int i = 0; i < 3000; i += 15) {
    int64_t t = start + i * 97'003LL;
    if (t >= from && t < to) ++both;
  }
  EXPECT_EQ(ScanIds(s).size(), both);
}

// Count over a window holding 200k events visits only the events of its
// partial edges (minutes, for all events and for `kind`): the rest comes
// from kept per-bucket counts.
TEST_F(RocksDbStoreTest, CountDoesNotScanMatchingEvents) {
  constexpr int kEvents = 200'000;
  constexpr int64_t kSpan = 7 * 86'400'000LL;
  const int64_t start = 1'699'000'000'000;
  std::mt19937_64 rng(7);
  std::vector<int64_t> times;
  std::vector<model::Event> batch;
  for (int i = 0; i < kEvents; ++i) {
    int64_t t = start + static_cast<int64_t>(rng() % kSpan);
    times.push_back(t);
    batch.push_back(MakeEvent(t, i % 3 == 0 ? "k0" : "k1"));
    if (batch.size() == 10'000) {
      Append("big", std::move(batch));
      batch.clear();
    }
  }
  const int64_t from = start + 12'345, to = start + kSpan - 54'321;
  const int64_t head_end = (from + 59'999) / 60'000 * 60'000, tail_begin = to - to % 60'000;
  const int64_t head_hour = from / 3'600'000, tail_hour = (to - 1) / 3'600'000;
  uint64_t expected = 0, expected_k0 = 0, in_partial_minutes = 0, k0_in_partial_minutes = 0;
  const int64_t head_minute = from / 60'000, tail_minute = (to - 1) / 60'000;
  uint64_t in_edge_minutes = 0, k0_in_edge_hours = 0;
  for (int i = 0; i < kEvents; ++i) {
    int64_t t = times[static_cast<size_t>(i)];
    if (t / 60'000 == head_minute || t / 60'000 == tail_minute) ++in_edge_minutes;
    if (i % 3 == 0 && (t / 3'600'000 == head_hour || t / 3'600'000 == tail_hour)) {
      ++k0_in_edge_hours;
    }
    if (t < from || t >= to) continue;
    ++expected;
    if (i % 3 == 0) ++expected_k0;
    if (t < head_end || t >= tail_begin) ++in_partial_minutes;
    if (i % 3 == 0 && (t < head_end || t >= tail_begin)) ++k0_in_partial_minutes;
  }
  ASSERT_GT(expected, 199'000u);

  uint64_t visited_before = rocksdb_store::CountKeysVisitedOnThisThread();
  EXPECT_EQ(Count(CountFor("big", from, to)), expected);
  CountSpec k0 = CountFor("big", from, to);
  k0.match = FieldMatch{model::IndexedField::kKind, {"k0"}};
  EXPECT_EQ(Count(k0), expected_k0);
  uint64_t visited = rocksdb_store::CountKeysVisitedOnThisThread() - visited_before;
  // Both counts keep minute, hour and day buckets: the total decodes the
  // time-index runs of two partial minutes (about 20 events per minute
  // here; time runs are per minute), the kind count k0's posting runs that
  // start in the two edge hours before the window's edges (posting runs are
  // per hour): at most those hours' k0 events, some hundreds, not 200k.
  EXPECT_GE(visited, in_partial_minutes + k0_in_partial_minutes);
  EXPECT_LE(visited, in_edge_minutes + k0_in_edge_hours);
  EXPECT_LT(visited, 1'000u);
}

}  // namespace
}  // namespace trailkeep::store::testing
