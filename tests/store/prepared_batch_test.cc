// Records encoded on the appending thread (prepared_batch.h), their id
// and received time filled in later, must equal the record of the finished
// event: its time (PutI64) + the canonical JSON with id, tenant and received.
#include "store/rocksdb/prepared_batch.h"

#include <string>

#include <gtest/gtest.h>

#include "../codec/sample_events.h"
#include "base/time_format.h"
#include "codec/canonical.h"
#include "store/rocksdb/keys.h"

namespace trailkeep::store::rocksdb_store {
namespace {

TEST(PreparedBatchTest, FilledRecordsEqualTheFinishedEventsRecords) {
  codec::testing::RandomEvents random(5, {"a", "\"", "\\", "\n", "\x01", "é", "{\"id\":1}",
                                          ",\"received\":\"", "1970-01-01T00:00:00.000Z"});
  AppendBatch batch;
  batch.tenant = TenantId{"globex"};
  batch.events = {codec::testing::MinimalEvent(), codec::testing::FullEvent()};
  for (int i = 0; i < 200; ++i) batch.events.push_back(random.Next());
  // What the store overwrites: the batch's own values must not show.
  for (model::Event& e : batch.events) {
    e.id = EventId{999};
    e.tenant = TenantId{"other"};
    e.received = TimeMs{123};
  }
  const PreparedBatch prepared = PrepareBatch(batch);
  ASSERT_EQ(prepared.size(), batch.events.size());

  std::mt19937_64 rng(9);
  for (size_t i = 0; i < batch.events.size(); ++i) {
    model::Event e = batch.events[i];
    // Ids of every decimal length, received times before and after 1970.
    e.id = EventId{i % 3 == 0 ? i : rng() >> (rng() % 64)};
    e.tenant = batch.tenant;
    e.received = TimeMs{static_cast<int64_t>(rng() % 8'000'000'000'000) - 4'000'000'000'000};
    std::string want;
    PutI64(&want, e.time.ms);
    codec::AppendCanonicalJson(e, &want);
    const std::array<std::string_view, 3> pieces = prepared.Pieces(i);
    const std::string got = std::string(pieces[0]) + std::to_string(e.id.value) +
                            std::string(pieces[1]) + FormatIsoMs(e.received.ms) +
                            std::string(pieces[2]);
    EXPECT_EQ(got, want) << i;
  }
}

// A batch prepared in the buffers an earlier, larger one left behind
// (prepared_batch.h) holds its own records only.
TEST(PreparedBatchTest, ReusedBuffersHoldOnlyTheNewBatch) {
  codec::testing::RandomEvents random(7, {"a", "\"", "é"});
  AppendBatch large;
  large.tenant = TenantId{"acme"};
  for (int i = 0; i < 300; ++i) large.events.push_back(random.Next());
  { const PreparedBatch discarded = PrepareBatch(large); }

  AppendBatch small;
  small.tenant = TenantId{"acme"};
  small.events = {codec::testing::MinimalEvent()};
  const PreparedBatch prepared = PrepareBatch(small);
  ASSERT_EQ(prepared.size(), 1u);
  const std::array<std::string_view, 3> pieces = prepared.Pieces(0);
  EXPECT_EQ(prepared.bytes(), pieces[0].size() + pieces[1].size() + pieces[2].size());

  model::Event e = small.events[0];
  e.id = EventId{42};
  e.tenant = small.tenant;
  e.received = TimeMs{1'700'000'000'000};
  std::string want;
  PutI64(&want, e.time.ms);
  codec::AppendCanonicalJson(e, &want);
  EXPECT_EQ(std::string(pieces[0]) + "42" + std::string(pieces[1]) + FormatIsoMs(e.received.ms) +
                std::string(pieces[2]),
            want);
}

}  // namespace
}  // namespace trailkeep::store::rocksdb_store
