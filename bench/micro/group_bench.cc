// Micro-benchmark of the writer thread's serial stage: building one commit
// group (CommitGroupBuilder::Build) of two bench batches (2,000 corpus
// events, as the bench's two connections mostly make them): records,
// runs, counts, the posting chunk and its sort. The builder reads the
// replay column family only for uids and Idempotency-Keys, which the
// corpus does not send, so the DB stays empty. The corpus's times are
// packed as densely as a 10M-event corpus spreads them (each batch ~4
// minutes of events), so a group touches as many minutes and hours of
// counts and runs as in a bench load.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <rocksdb/db.h>

#include "../corpus.h"
#include "codec/event_json.h"
#include "model/event.h"
#include "store/event_store.h"
#include "store/rocksdb/commit_group.h"
#include "store/rocksdb/prepared_batch.h"
#include "store/rocksdb/tenant_dictionary.h"
#include "store/rocksdb/value_dictionary.h"
#include "store/rocksdb/wal_crc32c.h"

namespace trailkeep::store::rocksdb_store {
namespace {

constexpr size_t kBatchesPerGroup = 2;

struct Db {
  std::string dir;
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  ColumnFamilies cf;

  Db() {
    dir = (std::filesystem::temp_directory_path() / "trailkeep-group-bench").string();
    std::filesystem::remove_all(dir);
    rocksdb::DBOptions options;
    options.create_if_missing = true;
    options.create_missing_column_families = true;
    std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
    for (const char* name : {"default", "events", "index", "counts", "replay", "blocks"}) {
      cfs.emplace_back(name, rocksdb::ColumnFamilyOptions());
    }
    rocksdb::DB* raw = nullptr;
    if (!rocksdb::DB::Open(options, dir, cfs, &handles, &raw).ok()) std::abort();
    db.reset(raw);
    cf = {handles[0], handles[1], handles[2], handles[3], handles[4], handles[5]};
    // The open wrote a WAL through the wrapped CRC (wal_crc32c.h); asking
    // also links that module, which RocksDB's own objects need.
    if (ActiveWalCrc32c() == WalCrc32c::kNotYetCalled) std::abort();
  }
  ~Db() {
    for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
    db.reset();
    std::filesystem::remove_all(dir);
  }
};

void BM_BuildGroup(benchmark::State& state) {
  constexpr uint64_t kEvents = 1000 * kBatchesPerGroup * 8;
  constexpr uint64_t kDensity = 10'000'000 / kEvents;
  const bench::Corpus corpus =
      bench::Corpus::Generate({.events = kEvents, .end_ms = 1'795'000'000'000});
  codec::ParseOptions options;
  options.format = codec::InputFormat::kNdjson;
  std::vector<AppendBatch> batches;
  for (const bench::Batch& b : corpus.batches()) {
    AppendBatch batch;
    batch.tenant = TenantId{b.tenant};
    batch.events = codec::ParseEvents(b.ndjson, options).value();
    for (model::Event& e : batch.events) {
      e.time.ms = corpus.end_ms() - (corpus.end_ms() - e.time.ms) / static_cast<int64_t>(kDensity);
    }
    batches.push_back(std::move(batch));
  }
  std::vector<PreparedBatch> prepared;
  for (const AppendBatch& b : batches) prepared.push_back(PrepareBatch(b));

  Db db;
  TenantDictionary tenants;
  for (size_t i = 0; i < corpus.tenants().size(); ++i) {
    tenants.Add(corpus.tenants()[i], static_cast<TenantOrdinal>(i + 1));
  }
  ValueDictionary values;
  CommitGroupBuilder builder(db.db.get(), db.cf, tenants, values);
  uint64_t last_id = 0;
  size_t next = 0;
  int64_t events = 0;
  std::vector<GroupInput> inputs;
  for (auto _ : state) {
    inputs.clear();
    for (size_t i = 0; i < kBatchesPerGroup; ++i, next = (next + 1) % batches.size()) {
      inputs.push_back(GroupInput{&batches[next], &prepared[next]});
      events += static_cast<int64_t>(batches[next].events.size());
    }
    GroupOutput out;
    builder.Build(inputs, last_id, corpus.end_ms(), &out);
    last_id = out.last_id;
    benchmark::DoNotOptimize(out.batch.Data().data());
  }
  state.SetItemsProcessed(events);
}
BENCHMARK(BM_BuildGroup)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace trailkeep::store::rocksdb_store

BENCHMARK_MAIN();
