// The embedded store's posting blocks (docs/storage.md, "Posting blocks")
// through the EventStore interface: scans and counts over the block fields
// give the brute-force answer whether a value's postings are in stored
// blocks, in the buffer, or split between them, before and after reopening,
// and when an epoch's blocks were left half written.
#include <chrono>
#include <filesystem>
#include <map>
#include <random>
#include <thread>

#include "store/rocksdb/keys.h"
#include "store/rocksdb/write_fault.h"
#include "store/store_test_util.h"

namespace trailkeep::store::testing {
namespace {

constexpr int64_t kHour = 3'600'000;

class PostingBlocksStoreTest : public StoreFixture<RocksDbBackend> {
 protected:
  // Every test scans ~2-3 epochs' records hundreds of times: with the
  // fixture's 8 MiB cache each scan decompressed them again, ~40% of these
  // tests' time under the sanitizers.
  PostingBlocksStoreTest() { block_cache_bytes_ = size_t{256} << 20; }

  // Appends batches of 2,000 events over two tenants until the last id
  // reaches `target`: mostly in time order with some up to two days late, a
  // skewed actor.name, and entity.id values that repeat across epochs.
  void Load(uint64_t target) {
    std::mt19937_64 rng(7);
    ref_.Reserve(target + 2000);
    uint64_t last = 0;
    while (last < target) {
      const std::string tenant = rng() % 3 == 0 ? "b" : "a";
      std::vector<model::Event> events;
      for (int i = 0; i < 2000; ++i) {
        time_ += 3'000;
        const int64_t t =
            rng() % 50 == 0 ? time_ - static_cast<int64_t>(rng() % (48 * kHour)) : time_;
        model::Event e = MakeEvent(t);
        // Skewed: user0 on about a third of events, then a long tail.
        const uint64_t u = rng() % 3 == 0 ? 0 : rng() % 300;
        if (u != 299) e.actor.name = "user" + std::to_string(u);
        e.entity.id = "pkg-" + std::to_string(rng() % 5000);
        events.push_back(std::move(e));
      }
      std::vector<EventId> ids = Append(tenant, events);
      ASSERT_EQ(ids.size(), events.size());
      for (size_t i = 0; i < ids.size(); ++i) ref_.Add(tenant, std::move(events[i]), ids[i]);
      last = ids.back().value;
    }
  }

  // Every query shape over the block fields against Reference: counts, and
  // scans in the four orders, also resumed from the middle.
  void ExpectQueriesMatchReference() {
    const std::vector<std::pair<model::IndexedField, std::vector<std::string>>> matches = {
        {model::IndexedField::kActorName, {"user0"}},
        {model::IndexedField::kActorName, {"user17"}},
        {model::IndexedField::kActorName, {"user5", "user250", "nobody"}},
        {model::IndexedField::kActorName, {"nobody"}},
        {model::IndexedField::kEntityId, {"pkg-42"}},
        {model::IndexedField::kEntityId, {"pkg-1", "pkg-4999", "pkg-77"}},
    };
    // Whole time, a window cutting through hours in the middle, and the
    // last day (the newest epoch, and late events).
    const std::vector<std::pair<int64_t, int64_t>> windows = {
        {INT64_MIN, INT64_MAX},
        {kNow - 150 * kHour + 1'234'567, kNow - 60 * kHour - 999},
        {time_ - 24 * kHour, INT64_MAX},
    };
    for (const auto& [field, values] : matches) {
      for (const auto& [from, to] : windows) {
        SCOPED_TRACE(values[0] + " from " + std::to_string(from));
        for (const char* tenant : {"a", "b"}) {
          // The brute-force selection once for the count and the eight
          // scans: under the sanitizers, selecting per scan had been about
          // a sixth of these tests' time.
          const ScanSpec shape(TenantId{tenant}, TimeMs{from}, TimeMs{to}, Order::kIdAsc,
                               {FieldMatch{field, values}});
          const std::vector<const model::Event*> hits = ref_.Select(shape);
          CountSpec c = CountFor(tenant, from, to);
          c.match = FieldMatch{field, values};
          EXPECT_EQ(Count(c), hits.size());
          for (Order order : {Order::kTimeAsc, Order::kTimeDesc, Order::kIdAsc, Order::kIdDesc}) {
            ScanSpec s = shape;
            s.order = order;
            const std::vector<uint64_t> want = Reference::Ordered(hits, s);
            EXPECT_EQ(ScanIds(s), want);
            if (want.size() < 3) continue;
            // Resumed after the middle hit: the rest of `want`.
            const size_t mid = want.size() / 2;
            const model::Event& at = ref_.events()[want[mid] - 1];
            ASSERT_EQ(at.id.value, want[mid]);
            s.after = Position{at.time, at.id};
            EXPECT_EQ(ScanIds(s), std::vector<uint64_t>(want.begin() + mid + 1, want.end()));
          }
        }
      }
    }
  }

  // Loads the first posting epoch and 10k events more with a mark write
  // failing (write_fault.h), then waits up to 60 s for `failed` (that
  // hook's process-wide count) to grow by `times`: the epoch tried that
  // often.
  bool LoadUntilFailed(uint64_t (*failed)(), uint64_t times) {
    const uint64_t before = failed();
    Load(rocksdb_store::PostingEpochFirstId(1) + 10'000);
    for (int i = 0; i < 1200 && failed() < before + times; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return failed() >= before + times;
  }

  Reference ref_;
  int64_t time_ = kNow - 200 * kHour;
};

// ~2.3 posting epochs: checked once while the blocks thread runs, once
// after a reopen (complete epochs in blocks, the last one rebuilt into the
// buffer from the events).
TEST_F(PostingBlocksStoreTest, ScansAndCountsAcrossEpochsMatchBruteForce) {
  Load(rocksdb_store::PostingEpochFirstId(2) + 40'000);
  {
    SCOPED_TRACE("while writing blocks");
    ExpectQueriesMatchReference();
  }
  Reopen();
  SCOPED_TRACE("after reopen");
  ExpectQueriesMatchReference();
}

// The WAL files that hold records are kept (archived) until their epoch is
// stored, and then deleted: with every write's WAL archived at once, the
// archive holds only what the last, unstored epoch needs.
TEST_F(PostingBlocksStoreTest, ArchivedWalFilesGoOnceTheirRecordsAreStored) {
  rocksdb_store::FlushAfterGroupWrites(true);
  Load(rocksdb_store::PostingEpochFirstId(2) + 2'000);
  const uint64_t written = store_->WrittenSinceOpen().bytes;
  const std::filesystem::path archive = std::filesystem::path(dir_.path()) / "archive";
  auto archived = [&] {
    uint64_t bytes = 0;
    std::error_code ec;
    for (const auto& f : std::filesystem::directory_iterator(archive, ec)) {
      // The blocks thread may delete a file between the listing and its
      // size: a file gone counts nothing (not an exception).
      std::error_code size_ec;
      const uintmax_t size = f.file_size(size_ec);
      if (f.path().extension() == ".log" && !size_ec) bytes += size;
    }
    return bytes;
  };
  // Epochs 0 and 1 (~262k events) stored: what is left is epoch 2's ~2k
  // events and the group before them, under a tenth of what was written.
  uint64_t left = archived();
  for (int i = 0; i < 400 && left > written / 10; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    left = archived();
  }
  rocksdb_store::FlushAfterGroupWrites(false);
  EXPECT_GT(left, 0u);  // epoch 2's records are still only in the WAL
  EXPECT_LE(left, written / 10);
  ExpectQueriesMatchReference();
  // Closed as by a crash: epoch 2's records come back from the archive.
  rocksdb_store::KeepRecordsBufferedAtClose(true);
  store_.reset();
  rocksdb_store::KeepRecordsBufferedAtClose(false);
  EXPECT_GT(archived(), 0u);
  Open();
  EXPECT_EQ(archived(), 0u);  // stored at the open
  ExpectQueriesMatchReference();
  Reopen();
  EXPECT_EQ(archived(), 0u);  // a close stores every record
  ExpectQueriesMatchReference();
}

// The first epoch's blocks are ingested but its stored mark fails, again and
// again: queries read the epoch from the buffer, through a close (whose last
// try fails too) and an open that rebuilds it from the events and ingests
// its blocks once more over the copies already stored.
TEST_F(PostingBlocksStoreTest, AnEpochWithoutItsMarkIsReadFromTheBufferAndIngestedAgain) {
  rocksdb_store::FailBlockMarks(true);
  // Ingested twice already.
  ASSERT_TRUE(LoadUntilFailed(rocksdb_store::FailedBlockMarks, 2));
  // The unwritten epoch is pending work, and its entries are in memory.
  EXPECT_GT(store_->BackgroundWorkPending(), 0u);
  EXPECT_GT(store_->BufferedIndexBytes(), 0u);
  {
    SCOPED_TRACE("after the failed write");
    ExpectQueriesMatchReference();
  }
  store_.reset();
  rocksdb_store::FailBlockMarks(false);
  Open();
  {
    SCOPED_TRACE("reopened, the epoch rebuilt");
    ExpectQueriesMatchReference();
  }
  Reopen();
  SCOPED_TRACE("reopened again, the epoch in blocks");
  ExpectQueriesMatchReference();
}

// The first epoch's records are ingested but their mark fails, again and
// again, while its blocks are written on another thread: the posting mark
// never passes the records mark, so neither buffer lets the epoch go. A
// close whose last try fails too leaves the records in the WAL; the open
// reads them back, rebuilds the epoch's postings and stores both.
TEST_F(PostingBlocksStoreTest, AnEpochWhoseRecordsFailKeepsItsPostingsBuffered) {
  rocksdb_store::FailRecordMarks(true);
  ASSERT_TRUE(LoadUntilFailed(rocksdb_store::FailedRecordMarks, 2));  // tried twice already
  // The whole first epoch, both ways: ~12x what the second's 10k events hold.
  const uint64_t index_bytes = store_->BufferedIndexBytes();
  const uint64_t record_bytes = store_->BufferedRecordBytes();
  EXPECT_GT(store_->BackgroundWorkPending(), 0u);
  {
    SCOPED_TRACE("after the failed marks");
    ExpectQueriesMatchReference();
  }
  store_.reset();
  rocksdb_store::FailRecordMarks(false);
  Open();
  {
    SCOPED_TRACE("reopened, the records read back from the WAL");
    ExpectQueriesMatchReference();
  }
  // Stored now: what stays buffered is the second epoch's.
  for (int i = 0; i < 200 && store_->BufferedIndexBytes() > index_bytes / 4; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_LT(store_->BufferedIndexBytes(), index_bytes / 4);
  EXPECT_LT(store_->BufferedRecordBytes(), record_bytes / 4);
  Reopen();
  SCOPED_TRACE("reopened again, the epoch stored");
  ExpectQueriesMatchReference();
}

// With the blocks thread held (as when it gets no CPU), the writer waits
// once max_unstored_epochs complete epochs are only buffered, and the load
// goes on once the thread stores them: all of it queryable.
TEST_F(PostingBlocksStoreTest, AppendsWaitForTheBlocksThreadPastTheUnstoredLimit) {
  max_unstored_epochs_ = 1;
  Reopen();
  const uint64_t waited_before = rocksdb_store::WritesWaitedForBlocks();
  rocksdb_store::HoldBlocks(true);
  std::thread loader([&] { Load(rocksdb_store::PostingEpochFirstId(2) + 10'000); });
  for (int i = 0; i < 600 && rocksdb_store::WritesWaitedForBlocks() == waited_before; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const uint64_t waited = rocksdb_store::WritesWaitedForBlocks() - waited_before;
  rocksdb_store::HoldBlocks(false);
  loader.join();
  EXPECT_GE(waited, 1u);
  ExpectQueriesMatchReference();
}

// A blocks thread that fails (here: every stored mark) holds no append back:
// its epochs stay buffered, and once it has failed the load runs past the
// limit without waits but the one that may begin as the failure lands.
// Until its first failure the thread is only slow, and appends wait for it
// as for any slow thread (up to a second per group; under the sanitizers on
// a slow machine its first epoch took ~10 s), so the waits are counted from
// that failure on.
TEST_F(PostingBlocksStoreTest, AFailingBlocksThreadHoldsNoAppendBack) {
  max_unstored_epochs_ = 1;
  Reopen();
  rocksdb_store::FailBlockMarks(true);
  ASSERT_TRUE(LoadUntilFailed(rocksdb_store::FailedBlockMarks, 1));  // epoch 0 tried
  const uint64_t waited_before = rocksdb_store::WritesWaitedForBlocks();
  Load(rocksdb_store::PostingEpochFirstId(3) + 10'000);  // epochs 1 and 2 past the limit
  rocksdb_store::FailBlockMarks(false);
  EXPECT_LE(rocksdb_store::WritesWaitedForBlocks() - waited_before, 1u);
  ExpectQueriesMatchReference();
}

}  // namespace
}  // namespace trailkeep::store::testing
