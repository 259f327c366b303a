// Micro-benchmarks of the request path of an ingest, per bench batch (1,000
// corpus events as NDJSON, bench/corpus.h): parsing and validating the
// body into events, and encoding their stored records before they queue
// for the writer (PrepareBatch).
#include <benchmark/benchmark.h>

#include "../corpus.h"
#include "codec/event_json.h"
#include "store/event_store.h"
#include "store/rocksdb/prepared_batch.h"

namespace trailkeep {
namespace {

const bench::Batch& OneBatch() {
  static const bench::Corpus corpus =
      bench::Corpus::Generate({.events = 1000, .end_ms = 1'795'000'000'000});
  return corpus.batches().front();
}

store::AppendBatch Parsed(const bench::Batch& b) {
  codec::ParseOptions options;
  options.format = codec::InputFormat::kNdjson;
  store::AppendBatch batch;
  batch.tenant = store::TenantId{b.tenant};
  batch.events = codec::ParseEvents(b.ndjson, options).value();
  return batch;
}

void BM_ParseBatch(benchmark::State& state) {
  const bench::Batch& b = OneBatch();
  codec::ParseOptions options;
  options.format = codec::InputFormat::kNdjson;
  for (auto _ : state) {
    auto events = codec::ParseEvents(b.ndjson, options);
    benchmark::DoNotOptimize(events->data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(b.count));
}
BENCHMARK(BM_ParseBatch)->Unit(benchmark::kMicrosecond);

// The same, each batch parsed into the storage of the one before, as a
// request thread does (api/native/ingest.cc).
void BM_ParseBatchReusing(benchmark::State& state) {
  const bench::Batch& b = OneBatch();
  codec::ParseOptions options;
  options.format = codec::InputFormat::kNdjson;
  std::vector<model::Event> recycled;
  for (auto _ : state) {
    auto events = codec::ParseEvents(b.ndjson, options, nullptr, std::move(recycled));
    benchmark::DoNotOptimize(events->data());
    recycled = std::move(events).value();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(b.count));
}
BENCHMARK(BM_ParseBatchReusing)->Unit(benchmark::kMicrosecond);

void BM_PrepareBatch(benchmark::State& state) {
  const store::AppendBatch batch = Parsed(OneBatch());
  for (auto _ : state) {
    auto prepared = store::rocksdb_store::PrepareBatch(batch);
    benchmark::DoNotOptimize(prepared.bytes());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(batch.events.size()));
}
BENCHMARK(BM_PrepareBatch)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace trailkeep

BENCHMARK_MAIN();
