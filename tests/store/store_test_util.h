// Shared helpers of the store tests: the typed fixture over every backend,
// event builders and a brute-force reference model.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <string>
#include <vector>

#include "base/clock.h"
#include "codec/canonical.h"
#include "store/open.h"

namespace trailkeep::store::testing {

inline constexpr int64_t kNow = 1'700'000'000'000;  // the fake clock's time

struct MemoryBackend {
  static constexpr Backend kBackend = Backend::kMemory;
  static constexpr bool kPersistent = false;
};
struct RocksDbBackend {
  static constexpr Backend kBackend = Backend::kRocksDb;
  static constexpr bool kPersistent = true;
};

// A fresh temporary directory, removed on destruction.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("tk_store_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

inline model::Event MakeEvent(int64_t time, std::string kind = "user.action",
                              std::string action = "login") {
  model::Event e;
  e.time = TimeMs{time};
  e.kind = std::move(kind);
  e.action = std::move(action);
  return e;
}

inline ScanSpec ScanFor(std::string tenant) {
  ScanSpec s;
  s.tenant = TenantId{std::move(tenant)};
  return s;
}

inline CountSpec CountFor(std::string tenant, int64_t from = INT64_MIN, int64_t to = INT64_MAX) {
  CountSpec s;
  s.tenant = TenantId{std::move(tenant)};
  s.from = TimeMs{from};
  s.to = TimeMs{to};
  return s;
}

template <typename Backend>
class StoreFixture : public ::testing::Test {
 protected:
  void SetUp() override { Open(); }
  void TearDown() override { store_.reset(); }

  void Open() {
    StoreOptions o;
    o.backend = Backend::kBackend;
    o.path = dir_.path();
    o.clock = &clock_;
    o.block_cache_bytes = block_cache_bytes_;
    o.max_unstored_epochs = max_unstored_epochs_;
    auto r = OpenEventStore(o);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    store_ = std::move(r).value();
  }
  void Reopen() {
    store_.reset();
    Open();
  }

  std::vector<EventId> Append(const std::string& tenant, std::vector<model::Event> events) {
    AppendBatch b{TenantId{tenant}, std::move(events), std::nullopt, ""};
    auto r = store_->Append(b);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->ids : std::vector<EventId>{};
  }

  // (id, canonical) of every visited event.
  std::vector<std::pair<uint64_t, std::string>> ScanAll(const ScanSpec& spec,
                                                        size_t limit = SIZE_MAX) {
    std::vector<std::pair<uint64_t, std::string>> out;
    Status s = store_->Scan(spec, [&](const StoredEvent& e) {
      out.emplace_back(e.id.value, std::string(e.canonical));
      return out.size() >= limit ? Visit::kStop : Visit::kContinue;
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return out;
  }
  std::vector<uint64_t> ScanIds(const ScanSpec& spec, size_t limit = SIZE_MAX) {
    std::vector<uint64_t> ids;
    for (auto& [id, canonical] : ScanAll(spec, limit)) ids.push_back(id);
    return ids;
  }
  uint64_t Count(const CountSpec& spec) {
    auto r = store_->Count(spec);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : ~uint64_t{0};
  }

  TempDir dir_;
  FakeClock clock_{kNow};
  std::unique_ptr<EventStore> store_;
  // Taken by the next Open.
  uint64_t max_unstored_epochs_ = StoreOptions{}.max_unstored_epochs;
  size_t block_cache_bytes_ = 8u << 20;
};

using Backends = ::testing::Types<MemoryBackend, RocksDbBackend>;

class BackendNames {
 public:
  template <typename T>
  static std::string GetName(int) {
    return T::kBackend == Backend::kMemory ? "Memory" : "RocksDb";
  }
};

// The brute-force answer: stored events (with ids and tenant set).
class Reference {
 public:
  void Add(const std::string& tenant, model::Event e, EventId id) {
    e.tenant = TenantId{tenant};
    e.id = id;
    events_.push_back(std::move(e));
  }
  // Room for `n` events in all, so that adding them moves none: a test of
  // a few hundred thousand events had spent ~9% of its time under the
  // sanitizers moving the vector into fresh pages as it grew.
  void Reserve(size_t n) { events_.reserve(n); }
  const std::vector<model::Event>& events() const { return events_; }

  static bool Matches(const model::Event& e, const FieldMatch& m) {
    auto v = model::IndexedValue(e, m.field);
    return v && std::find(m.values.begin(), m.values.end(), *v) != m.values.end();
  }

  // The ids `spec` selects, in its order, after spec.after.
  std::vector<uint64_t> Scan(const ScanSpec& spec) const { return Ordered(Select(spec), spec); }

  // The events in spec's tenant and window that satisfy all spec.matches,
  // in id order; spec.order and spec.after are not used. Several scans of
  // one selection can share it (Ordered).
  std::vector<const model::Event*> Select(const ScanSpec& spec) const {
    std::vector<const model::Event*> hits;
    for (const model::Event& e : events_) {
      if (e.tenant != spec.tenant || e.time < spec.from || e.time >= spec.to) continue;
      if (!std::all_of(spec.matches.begin(), spec.matches.end(),
                       [&](const FieldMatch& m) { return Matches(e, m); })) {
        continue;
      }
      hits.push_back(&e);
    }
    return hits;
  }

  // The ids of `hits` (a Select) in spec.order, after spec.after.
  static std::vector<uint64_t> Ordered(std::vector<const model::Event*> hits,
                                       const ScanSpec& spec) {
    const bool by_time = spec.order == Order::kTimeAsc || spec.order == Order::kTimeDesc;
    auto key = [by_time](TimeMs time, EventId id) {
      return std::pair(by_time ? time.ms : 0, id.value);
    };
    bool desc = spec.order == Order::kIdDesc || spec.order == Order::kTimeDesc;
    std::sort(hits.begin(), hits.end(), [&](auto* a, auto* b) {
      return desc ? key(a->time, a->id) > key(b->time, b->id)
                  : key(a->time, a->id) < key(b->time, b->id);
    });
    std::vector<uint64_t> ids;
    // Where a resumed scan starts (unused without `after`).
    const auto after =
        spec.after ? key(spec.after->time, spec.after->id) : key(TimeMs{}, EventId{});
    for (const model::Event* e : hits) {
      const auto at = key(e->time, e->id);
      if (spec.after && (desc ? !(at < after) : !(at > after))) continue;
      ids.push_back(e->id.value);
    }
    return ids;
  }

  uint64_t Count(const CountSpec& spec) const {
    ScanSpec s(spec.tenant, spec.from, spec.to, Order::kIdAsc);
    if (spec.match) s.matches.push_back(*spec.match);
    return Select(s).size();
  }

 private:
  std::vector<model::Event> events_;
};

}  // namespace trailkeep::store::testing
