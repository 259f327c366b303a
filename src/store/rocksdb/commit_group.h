// Turns one group of queued AppendBatches into one rocksdb::WriteBatch:
// consecutive ids in queue order, records (as one piece of log data:
// record_chunk.h), time index and postings (packed
// in runs: posting_run.h; those of the block fields go to the group's
// PostingChunk instead), uid and Idempotency-Key entries, per-bucket
// counts (pre-aggregated over the whole group; which fields get postings
// and counts is field_layout.h), id ranges per minute, hour and day, and new
// tenants.
//
// Only the writer thread uses it; it reads the DB (uid and key lookups) but
// never writes. Nothing it returns is visible until the batch is written.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <map>
#include <memory>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include "store/event_store.h"
#include "store/rocksdb/posting_chunk.h"
#include "store/rocksdb/posting_run.h"
#include "store/rocksdb/prepared_batch.h"
#include "store/rocksdb/record_chunk.h"
#include "store/rocksdb/run_table.h"
#include "store/rocksdb/sorted_writes.h"
#include "store/rocksdb/tenant_dictionary.h"
#include "store/rocksdb/value_dictionary.h"

namespace trailkeep::store::rocksdb_store {

struct ColumnFamilies {
  rocksdb::ColumnFamilyHandle* meta = nullptr;  // `default`: s/ and m/ keys
  rocksdb::ColumnFamilyHandle* events = nullptr;
  rocksdb::ColumnFamilyHandle* index = nullptr;
  rocksdb::ColumnFamilyHandle* counts = nullptr;
  rocksdb::ColumnFamilyHandle* replay = nullptr;  // uid and Idempotency-Key entries
  rocksdb::ColumnFamilyHandle* blocks = nullptr;  // posting blocks (posting_block.h)
};

// One queued batch and its records, encoded by the appending thread.
struct GroupInput {
  const AppendBatch* batch;
  const PreparedBatch* prepared;  // one entry per event of `batch`
};

struct GroupOutput {
  rocksdb::WriteBatch batch;
  // One per input batch: its answer if the write succeeds. A non-OK entry
  // (idempotency conflict, lookup failure) contributed nothing to `batch`.
  std::vector<Result<AppendResult>> results;
  std::vector<std::pair<std::string, TenantOrdinal>> new_tenants;
  // Values first stored by this group, per (tenant, field), for the
  // ValueDictionary once the write succeeded.
  std::map<std::pair<TenantOrdinal, uint8_t>, std::vector<std::string>> new_values;
  // The group's postings of block fields (field_layout.h), sealed, for the
  // PostingBuffer once the write succeeded.
  std::shared_ptr<PostingChunk> postings;
  // The group's records, also in `batch` as log data, for the RecordBuffer.
  std::shared_ptr<RecordChunk> records;
  uint64_t last_id = 0;  // highest id after the group
};

class CommitGroupBuilder {
 public:
  CommitGroupBuilder(rocksdb::DB* db, const ColumnFamilies& cf, const TenantDictionary& tenants,
                     const ValueDictionary& values)
      : db_(db), cf_(cf), tenants_(tenants), values_(values) {}

  // Builds the writes of `inputs` (already validated: valid tenant, at
  // least one event), assigning ids after `last_id` and `received = now_ms`.
  // REQUIRES: the events of `inputs` outlive `out`'s use.
  void Build(const std::vector<GroupInput>& inputs, uint64_t last_id, int64_t now_ms,
             GroupOutput* out);

 private:
  // A count bucket of the group: tenant, field (0 = all), value, and the
  // bucket number in grain `gran`; 0 = the field's finest grain
  // (field_layout.h). Also names a minute (field 0, no value) and a value
  // (bucket 0).
  struct CountKey {
    TenantOrdinal tenant;
    uint8_t field;
    std::string_view value;
    int64_t bucket;
    char gran = 0;
    bool operator==(const CountKey&) const = default;
  };
  struct CountKeyHash {
    size_t operator()(const CountKey& k) const;
  };
  struct IdRange {
    uint64_t min_id, max_id;
  };

  Result<AppendResult> BuildOne(const GroupInput& in, GroupOutput* out);
  // The tenant's ordinal, assigning (and writing) a new one on first use.
  TenantOrdinal ResolveTenant(const std::string& name, GroupOutput* out);
  // Looks `key` up in the group, then the replay CF.
  Result<std::optional<std::string>> LookupIndex(const std::string& key,
                                                 const std::unordered_map<std::string, std::string>&
                                                     group_values);
  // Buffers event `i` of `in`: record, time key, postings, value dictionary
  // keys and bucket counts.
  void AddEvent(const GroupInput& in, size_t i, TenantOrdinal t, uint64_t id, GroupOutput* out);
  // Fills known_values_ for the events of `b` (tenant `t`), all looked up
  // together (ValueDictionary::ContainsEach).
  void LookUpDictionary(const AppendBatch& b, TenantOrdinal t);
  // Notes a value the dictionary does not know yet (once per group).
  void AddValue(TenantOrdinal t, model::IndexedField f, std::string_view v, GroupOutput* out);
  // Buffers one `V` chunk per (tenant, field) of the group's new values.
  void EmitValueChunks(const GroupOutput& out);
  // Adds (time, id) to the group's run under the prefix in key_ (time
  // index or postings) for time's run bucket; clobbers key_. `site` names
  // the caller's run hint: 0 for the time index, else the field.
  void AddToRun(int64_t time, uint64_t id, uint8_t site);
  // A map entry a call site touched last: a pointer into its map (stable
  // while the map grows). Consecutive events mostly share a tenant, a
  // minute and a kind, so most entries are found without hashing a value.
  template <typename V>
  struct LastEntry {
    CountKey key;
    V* value = nullptr;
  };
  // `map`'s entry for `k` (added as `init` when absent), taken from `last`
  // when it is that key; leaves `last` at it.
  template <typename V>
  static V& FindOrAdd(std::unordered_map<CountKey, V, CountKeyHash>* map, LastEntry<V>* last,
                      const CountKey& k, const V& init);
  // Buffers the group's runs (posting_run.h).
  void EmitRuns();
  // Buffers the group's counts at every kept grain and its id ranges.
  void EmitCounts();
  void EmitCount(const CountKey& k, char gran, uint64_t n);
  void EmitIdRange(TenantOrdinal t, char gran, int64_t bucket, IdRange r);

  rocksdb::DB* db_;
  ColumnFamilies cf_;
  const TenantDictionary& tenants_;
  const ValueDictionary& values_;

  uint64_t last_id_ = 0;
  std::string received_iso_;  // the group's `received`, ISO text
  std::string key_, value_;
  // This group's writes per column family (records: GroupOutput::records).
  SortedWrites index_, counts_, replay_;
  std::unordered_map<std::string, std::string> uids_;   // uid key -> id (this group)
  std::unordered_map<std::string, std::string> idem_;   // idem key -> value (this group)
  std::unordered_map<std::string, TenantOrdinal> new_tenant_ordinals_;
  std::unordered_set<CountKey, CountKeyHash> new_values_seen_;  // this group's new values
  // Per event of the batch being built: whether the dictionary knew its
  // value of ValueDictionary::kField (meaningless when it has none).
  std::vector<bool> known_values_;
  std::vector<std::string_view> lookups_;  // scratch for LookUpDictionary
  std::unordered_map<CountKey, uint64_t, CountKeyHash> bucket_counts_;
  std::unordered_map<CountKey, IdRange, CountKeyHash> minute_ranges_;
  // Per field byte (kAllField for all events), the count bumped last; and
  // the id range of the last event's minute. Cleared with their maps.
  std::array<LastEntry<uint64_t>, 16> last_counts_;
  LastEntry<IdRange> last_range_;
  // Prefix + run bucket (PutI64) -> the group's entries in that run.
  RunTable runs_;
  std::array<RunTable::Hint, 16> run_hints_;  // per AddToRun site
};

}  // namespace trailkeep::store::rocksdb_store
