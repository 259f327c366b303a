// Micro-benchmarks of the posting path off the commit thread: sealing one
// commit group's chunk (the group builder's sort) and merging a whole
// posting epoch's chunks into blocks (the blocks thread). The chunks hold
// the bench corpus's events (bench/corpus.h): per event its actor.id,
// actor.name, actor.email and entity.id, ids in load order.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "../corpus.h"
#include "codec/event_json.h"
#include "model/event.h"
#include "store/rocksdb/keys.h"
#include "store/rocksdb/posting_buffer.h"
#include "store/rocksdb/posting_chunk.h"

namespace trailkeep::store::rocksdb_store {
namespace {

constexpr uint64_t kEventsPerGroup = 1'000;  // the corpus's batch size
// Groups of events the chunk benchmarks cycle through, so that no sort
// sees the same input twice in a row.
constexpr uint64_t kGroups = 16;
constexpr model::IndexedField kBlockFields[] = {
    model::IndexedField::kActorId, model::IndexedField::kActorName,
    model::IndexedField::kActorEmail, model::IndexedField::kEntityId};

// The first `n` corpus events, each with its tenant's ordinal (1, 2, ...).
struct Loaded {
  std::vector<model::Event> events;
  std::vector<TenantOrdinal> tenants;
};

Loaded Load(uint64_t n) {
  const bench::Corpus corpus =
      bench::Corpus::Generate({.events = n, .end_ms = 1'795'000'000'000});
  codec::ParseOptions options;
  options.format = codec::InputFormat::kNdjson;
  Loaded out;
  for (const bench::Batch& b : corpus.batches()) {
    const auto tenant = static_cast<TenantOrdinal>(
        1 + (std::find(corpus.tenants().begin(), corpus.tenants().end(), b.tenant) -
             corpus.tenants().begin()));
    std::vector<model::Event> parsed = codec::ParseEvents(b.ndjson, options).value();
    for (model::Event& e : parsed) {
      out.events.push_back(std::move(e));
      out.tenants.push_back(tenant);
    }
  }
  return out;
}

// The chunk of events [first, first + count), event i with id i + 1.
std::shared_ptr<PostingChunk> Chunk(const Loaded& in, size_t first, size_t count) {
  auto c = std::make_shared<PostingChunk>();
  for (size_t i = first; i < first + count; ++i) {
    const TimeId at{in.events[i].time.ms, i + 1};
    for (model::IndexedField f : kBlockFields) {
      if (auto v = model::IndexedValue(in.events[i], f)) c->Add(in.tenants[i], f, *v, at);
    }
  }
  return c;
}

// A group of state.range(0) events: the server's groups hold one or two
// batches (two connections), more when the writer falls behind. Each
// iteration seals another group's events: sorting the same input again and
// again, the CPU learns its branches (a group of 1,000 events under
// std::sort: 62 us on one group, 210 us cycling through kGroups).
void BM_SealGroupChunk(benchmark::State& state) {
  const auto n = static_cast<uint64_t>(state.range(0));
  const Loaded events = Load(n * kGroups);
  uint64_t group = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::shared_ptr<PostingChunk> c = Chunk(events, n * (group++ % kGroups), n);
    state.ResumeTiming();
    c->Seal();
    benchmark::DoNotOptimize(c->entries().data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(n));
}
BENCHMARK(BM_SealGroupChunk)->Arg(1'000)->Arg(2'000)->Arg(4'000)->Unit(benchmark::kMicrosecond);

// What the group builder spends on a chunk: adding its entries, then
// sealing. A batch's events, another batch each time (as above).
void BM_AddAndSealGroupChunk(benchmark::State& state) {
  const Loaded events = Load(kEventsPerGroup * kGroups);
  uint64_t group = 0;
  for (auto _ : state) {
    std::shared_ptr<PostingChunk> c =
        Chunk(events, kEventsPerGroup * (group++ % kGroups), kEventsPerGroup);
    c->Seal();
    benchmark::DoNotOptimize(c->entries().data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(kEventsPerGroup));
}
BENCHMARK(BM_AddAndSealGroupChunk)->Unit(benchmark::kMicrosecond);

void BM_BuildEpochBlocks(benchmark::State& state) {
  // Ids 1 .. the epoch's last id: epoch 0 is complete.
  const uint64_t epoch_events = PostingEpochLastId(0);
  const Loaded events = Load(epoch_events);
  PostingBuffer::View view;
  for (uint64_t first = 0; first < epoch_events; first += kEventsPerGroup) {
    auto c = Chunk(events, first, std::min(kEventsPerGroup, epoch_events - first));
    c->Seal();
    view.chunks.push_back(std::move(c));
  }
  uint64_t blocks = 0;
  for (auto _ : state) {
    PostingBuffer::BuildEpoch(view, 0, [&](TenantOrdinal, model::IndexedField, std::string_view,
                                           std::string_view block) {
      ++blocks;
      benchmark::DoNotOptimize(block.data());
    });
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(epoch_events));
  state.counters["blocks"] =
      benchmark::Counter(static_cast<double>(blocks) / static_cast<double>(state.iterations()));
}
BENCHMARK(BM_BuildEpochBlocks)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace trailkeep::store::rocksdb_store

BENCHMARK_MAIN();
