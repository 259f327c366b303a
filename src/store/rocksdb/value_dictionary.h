// The distinct values of entity.id per tenant, in memory, for substring
// searches (EventStore::ValuesContaining): a search reads this list instead
// of every event of the window. Persisted as `T 'V' field value` keys in the
// index column family (one per value, written with the commit that first
// stores it) and loaded at open.
//
// Bounded: past kMaxBytes of values in total the dictionary stops growing
// and reports itself incomplete; searches then fall back to testing events
// (still exact, just slower), and the writer keeps writing `V` keys, which are
// idempotent.
//
// Thread safety: all methods are safe to call concurrently.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <shared_mutex>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/event.h"
#include "store/rocksdb/keys.h"
#include "store/rocksdb/trigram_blocks.h"

namespace trailkeep::store::rocksdb_store {

class ValueDictionary {
 public:
  static constexpr size_t kMaxBytes = size_t{256} << 20;

  // The one field that keeps a dictionary.
  static constexpr model::IndexedField kField = model::IndexedField::kEntityId;
  static bool Keeps(model::IndexedField f) { return f == kField; }

  // True when (t, f, value) is known (so no `V` key needs writing).
  bool Contains(TenantOrdinal t, model::IndexedField f, std::string_view value) const;
  // Contains for each of `values`: (*known)[i] is whether values[i] is known.
  // The lookups run side by side, in passes that each touch one level (the
  // table slot, the value's offset, its bytes) of every lookup and prefetch
  // the next, so their cache misses overlap. One by one, three dependent
  // misses per value were ~7% of a bench load's CPU.
  void ContainsEach(TenantOrdinal t, model::IndexedField f, std::span<const std::string_view> values,
                    std::vector<bool>* known) const;
  // Records committed values; duplicates are ignored.
  void Add(TenantOrdinal t, model::IndexedField f, std::vector<std::string> values);
  // The known values of (t, f) containing `needle`, sorted; nullopt when the
  // dictionary is incomplete or more than `max_values` match.
  std::optional<std::vector<std::string>> Containing(TenantOrdinal t, model::IndexedField f,
                                                     std::string_view needle,
                                                     size_t max_values) const;

 private:
  // One field's values of one tenant. A search runs memmem over `blob`
  // (every value followed by a NUL) rather than a find per value: one pass
  // over contiguous bytes, ~10x faster on 50k values; and only over the
  // blocks of `blob` whose trigrams can hold the needle.
  //
  // Lookups (the writer asks once per event, mostly for values it has not
  // seen) go through an open-addressing table of 8-byte slots: the upper
  // half of the value's hash and its index in `starts`. A miss usually
  // costs one cache line and no string compare. A std::unordered_set of
  // the values took 9% of the commit thread's time at 3M bench events
  // (node and string misses) and held every value a second time.
  struct Values {
    bool Contains(std::string_view value, uint64_t hash) const;
    // Warms the cache lines a Probe for each of `hashes` reads, in passes.
    void Prefetch(std::span<const uint64_t> hashes) const;
    // Adds `value` unless present; false when it was.
    bool Insert(std::string_view value, uint64_t hash);
    std::string_view ValueAt(size_t i) const;

    std::string blob;
    std::vector<size_t> starts;  // offset of each value in `blob`
    TrigramBlocks grams;
    // Empty: 0; else SlotOf(the value's hash, its index in `starts`).
    std::vector<uint64_t> slots;

   private:
    // The upper half of `hash`, and `index` + 1 (so that no slot is 0).
    static uint64_t SlotOf(uint64_t hash, size_t index);
    // The upper half of a hash or a slot: equal when the slot may hold the value.
    static uint64_t TagOf(uint64_t hash_or_slot);
    // The index in `starts` a non-empty slot holds.
    static size_t IndexOf(uint64_t slot);
    // The slot holding `value`, else the empty slot where it belongs.
    // REQUIRES: `slots` is not empty and has an empty slot.
    size_t Probe(std::string_view value, uint64_t hash) const;
    void Grow();
  };
  static uint64_t HashOf(std::string_view value);

  mutable std::shared_mutex mu_;
  std::map<std::pair<TenantOrdinal, uint8_t>, Values> values_;
  size_t bytes_ = 0;
  bool complete_ = true;
};

}  // namespace trailkeep::store::rocksdb_store
