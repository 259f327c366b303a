// Micro-benchmarks of the posting path off the commit thread: sealing one
// commit group's chunk (the group builder's sort) and merging a whole
// posting epoch's chunks into blocks (the blocks thread). The chunks hold
// what a bench corpus group adds: per event, actor.id, actor.name and
// actor.email of a Zipf-ranked user among 10,000 and one entity.id among
// 50,000, times non-decreasing with ids (bench/corpus.h).
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdio>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "store/rocksdb/keys.h"
#include "store/rocksdb/posting_buffer.h"
#include "store/rocksdb/posting_chunk.h"

namespace trailkeep::store::rocksdb_store {
namespace {

constexpr size_t kUsers = 10'000;
constexpr size_t kEntities = 50'000;
constexpr uint64_t kEventsPerGroup = 1'000;

struct Event {
  std::string actor_id, actor_name, actor_email, entity_id;
};

// Events with the corpus's value shapes, drawn once per size.
std::vector<Event> Events(size_t n) {
  std::mt19937_64 rng(7);
  std::vector<double> cdf(kUsers);
  double sum = 0;
  for (size_t r = 0; r < kUsers; ++r) cdf[r] = (sum += 1.0 / static_cast<double>(r + 1));
  std::uniform_real_distribution<double> unit(0, sum);
  std::vector<Event> events(n);
  char buf[64];
  for (Event& e : events) {
    const size_t user = static_cast<size_t>(
        std::lower_bound(cdf.begin(), cdf.end(), unit(rng)) - cdf.begin());
    std::snprintf(buf, sizeof(buf), "u-%05zu", user);
    e.actor_id = buf;
    std::snprintf(buf, sizeof(buf), "user%05zu", user);
    e.actor_name = buf;
    e.actor_email = e.actor_name + (user % 2 ? "@acme.io" : "@globex.io");
    std::snprintf(buf, sizeof(buf), "artifact-%06zu", static_cast<size_t>(rng() % kEntities));
    e.entity_id = buf;
  }
  return events;
}

// The chunk of events [first, first + count), ids from `first_id`.
std::shared_ptr<PostingChunk> Chunk(const std::vector<Event>& events, size_t first, size_t count,
                                    uint64_t first_id) {
  auto c = std::make_shared<PostingChunk>();
  for (size_t i = 0; i < count; ++i) {
    const Event& e = events[first + i];
    const uint64_t id = first_id + i;
    const TimeId at{static_cast<int64_t>(1'700'000'000'000 + id * 250), id};
    const TenantOrdinal tenant = 1 + static_cast<TenantOrdinal>(id % 2);
    c->Add(tenant, model::IndexedField::kActorId, e.actor_id, at);
    c->Add(tenant, model::IndexedField::kActorName, e.actor_name, at);
    c->Add(tenant, model::IndexedField::kActorEmail, e.actor_email, at);
    c->Add(tenant, model::IndexedField::kEntityId, e.entity_id, at);
  }
  return c;
}

void BM_SealGroupChunk(benchmark::State& state) {
  const std::vector<Event> events = Events(kEventsPerGroup);
  for (auto _ : state) {
    state.PauseTiming();
    std::shared_ptr<PostingChunk> c = Chunk(events, 0, events.size(), 1);
    state.ResumeTiming();
    c->Seal();
    benchmark::DoNotOptimize(c->entries().data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(kEventsPerGroup));
}
BENCHMARK(BM_SealGroupChunk)->Unit(benchmark::kMicrosecond);

void BM_BuildEpochBlocks(benchmark::State& state) {
  const uint64_t epoch_events = PostingEpochFirstId(1);
  const std::vector<Event> events = Events(epoch_events);
  PostingBuffer::View view;
  for (uint64_t first = 0; first < epoch_events; first += kEventsPerGroup) {
    auto c = Chunk(events, first, std::min(kEventsPerGroup, epoch_events - first), first);
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
