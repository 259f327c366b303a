#include "store/rocksdb/commit_group.h"

#include <algorithm>
#include <charconv>

#include "base/time_format.h"
#include "store/rocksdb/field_layout.h"
#include "store/rocksdb/keys.h"
#include "store/rocksdb/record.h"
#include "store/rocksdb/status_adapter.h"

namespace trailkeep::store::rocksdb_store {
namespace {

// Idempotency value: u32 hash length, hash, then one u64 per input event.
std::string EncodeReplay(std::string_view hash, const std::vector<EventId>& ids) {
  std::string v;
  PutU32(&v, static_cast<uint32_t>(hash.size()));
  v.append(hash);
  for (EventId id : ids) PutU64(&v, id.value);
  return v;
}

bool DecodeReplay(std::string_view v, std::string_view* hash, std::vector<EventId>* ids) {
  if (v.size() < 4) return false;
  uint32_t n = GetU32(v.data());
  if (v.size() < 4 + size_t{n} || (v.size() - 4 - n) % 8 != 0) return false;
  *hash = v.substr(4, n);
  for (size_t p = 4 + n; p < v.size(); p += 8) ids->push_back(EventId{GetU64(v.data() + p)});
  return true;
}

}  // namespace

size_t CommitGroupBuilder::CountKeyHash::operator()(const CountKey& k) const {
  size_t h = std::hash<std::string_view>()(k.value);
  h ^= (static_cast<size_t>(k.bucket) * 0x9e3779b97f4a7c15ull) + (size_t{k.tenant} << 16) +
       (size_t{static_cast<uint8_t>(k.gran)} << 8) + k.field;
  return h;
}

void CommitGroupBuilder::Build(const std::vector<GroupInput>& inputs, uint64_t last_id,
                               int64_t now_ms, GroupOutput* out) {
  last_id_ = last_id;
  received_iso_.clear();
  AppendIsoMs(now_ms, &received_iso_);
  uids_.clear();
  idem_.clear();
  new_tenant_ordinals_.clear();
  new_values_seen_.clear();
  bucket_counts_.clear();
  last_counts_.fill({});
  minute_ranges_.clear();
  last_range_ = {};
  out->results.reserve(inputs.size());
  // The batch holds the records and about as many bytes again of index,
  // counts and WAL framing (~1.7x the records on the bench corpus); sized
  // once, it is not copied while it grows.
  size_t record_bytes = 0;
  for (const GroupInput& in : inputs) record_bytes += in.prepared->bytes();
  out->batch = rocksdb::WriteBatch(record_bytes * 2);
  out->postings = std::make_shared<PostingChunk>();
  out->records = std::make_shared<RecordChunk>();
  out->records->Reserve(record_bytes + record_bytes / 8);
  for (const GroupInput& in : inputs) out->results.push_back(BuildOne(in, out));
  // The records: in the WAL only (record_buffer.h).
  if (!out->records->empty()) out->batch.PutLogData(out->records->bytes()).PermitUncheckedError();
  EmitCounts();
  EmitRuns();
  EmitValueChunks(*out);
  index_.FlushTo(&out->batch, cf_.index);
  counts_.FlushTo(&out->batch, cf_.counts);
  replay_.FlushTo(&out->batch, cf_.replay);
  out->postings->Seal();
  out->last_id = last_id_;
}

TenantOrdinal CommitGroupBuilder::ResolveTenant(const std::string& name, GroupOutput* out) {
  if (auto t = tenants_.Find(name)) return *t;
  auto it = new_tenant_ordinals_.find(name);
  if (it != new_tenant_ordinals_.end()) return it->second;
  TenantOrdinal t = tenants_.NextOrdinal() + static_cast<TenantOrdinal>(out->new_tenants.size());
  new_tenant_ordinals_.emplace(name, t);
  out->new_tenants.emplace_back(name, t);
  std::string ordinal;
  PutU32(&ordinal, t);
  out->batch.Put(cf_.meta, std::string(kTenantByNamePrefix) + name, ordinal);
  out->batch.Put(cf_.meta, std::string(kTenantByOrdinalPrefix) + ordinal, name);
  return t;
}

Result<std::optional<std::string>> CommitGroupBuilder::LookupIndex(
    const std::string& key, const std::unordered_map<std::string, std::string>& group_values) {
  auto it = group_values.find(key);
  if (it != group_values.end()) return std::optional<std::string>(it->second);
  std::string value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), cf_.replay, key, &value);
  if (s.IsNotFound()) return std::optional<std::string>();
  if (!s.ok()) return FromRocks(s, "lookup");
  return std::optional<std::string>(std::move(value));
}

Result<AppendResult> CommitGroupBuilder::BuildOne(const GroupInput& in, GroupOutput* out) {
  const AppendBatch& b = *in.batch;
  // Phase 1 only reads, so a failed lookup leaves nothing behind. A tenant
  // first seen in this group has no stored uid or key.
  std::optional<TenantOrdinal> existing = tenants_.Find(b.tenant.value);
  if (!existing) {
    auto it = new_tenant_ordinals_.find(b.tenant.value);
    if (it != new_tenant_ordinals_.end()) existing = it->second;
  }
  std::string idem_key;
  if (b.idempotency_key && existing) {
    idem_key = IdempotencyKey(*existing, *b.idempotency_key);
    TK_ASSIGN_OR_RETURN(std::optional<std::string> stored, LookupIndex(idem_key, idem_));
    if (stored) {
      std::string_view hash;
      AppendResult replay;
      replay.replayed = true;
      if (!DecodeReplay(*stored, &hash, &replay.ids)) {
        return Internal("corrupt idempotency record");
      }
      if (hash != b.request_hash) {
        return AlreadyExists("Idempotency-Key was already used with a different request body");
      }
      return replay;
    }
  }
  // ids[i]: the stored id of a duplicate uid; 0 for a new event. `first_in_batch`
  // maps a uid to the index of its first event in this batch.
  AppendResult result;
  result.ids.assign(b.events.size(), EventId{0});
  std::vector<int64_t> same_as(b.events.size(), -1);
  std::unordered_map<std::string_view, size_t> first_in_batch;
  for (size_t i = 0; i < b.events.size(); ++i) {
    const model::Event& e = b.events[i];
    if (!e.uid) continue;
    auto [it, inserted] = first_in_batch.try_emplace(*e.uid, i);
    if (!inserted) {
      same_as[i] = static_cast<int64_t>(it->second);
      continue;
    }
    if (!existing) continue;
    TK_ASSIGN_OR_RETURN(std::optional<std::string> stored,
                        LookupIndex(UidKey(*existing, *e.uid), uids_));
    if (!stored) continue;
    if (stored->size() != 8) return Internal("corrupt uid record");
    result.ids[i] = EventId{GetU64(stored->data())};
  }

  // Phase 2: assign ids and write.
  TenantOrdinal t = ResolveTenant(b.tenant.value, out);
  if (b.idempotency_key && idem_key.empty()) idem_key = IdempotencyKey(t, *b.idempotency_key);
  LookUpDictionary(b, t);
  for (size_t i = 0; i < b.events.size(); ++i) {
    if (same_as[i] >= 0) {
      result.ids[i] = result.ids[static_cast<size_t>(same_as[i])];
      continue;
    }
    if (result.ids[i].value != 0) continue;
    const model::Event& e = b.events[i];
    uint64_t id = ++last_id_;
    AddEvent(in, i, t, id, out);
    if (e.uid) {
      std::string uid_key = UidKey(t, *e.uid);
      value_.clear();
      PutU64(&value_, id);
      replay_.Add(SortedWrites::Op::kPut, uid_key, value_);
      uids_.emplace(std::move(uid_key), value_);
    }
    result.ids[i] = EventId{id};
  }
  if (b.idempotency_key) {
    std::string v = EncodeReplay(b.request_hash, result.ids);
    replay_.Add(SortedWrites::Op::kPut, idem_key, v);
    idem_.emplace(std::move(idem_key), std::move(v));
  }
  return result;
}

void CommitGroupBuilder::LookUpDictionary(const AppendBatch& b, TenantOrdinal t) {
  // One lookup per event: an event without the field asks for "", whose
  // answer AddEvent never reads.
  lookups_.clear();
  for (const model::Event& e : b.events) {
    lookups_.push_back(model::IndexedValue(e, ValueDictionary::kField).value_or(""));
  }
  values_.ContainsEach(t, ValueDictionary::kField, lookups_, &known_values_);
}

void CommitGroupBuilder::AddValue(TenantOrdinal t, model::IndexedField f, std::string_view v,
                                  GroupOutput* out) {
  if (!new_values_seen_.insert(CountKey{t, static_cast<uint8_t>(f), v, 0}).second) return;
  out->new_values[{t, static_cast<uint8_t>(f)}].emplace_back(v);
}

void CommitGroupBuilder::EmitValueChunks(const GroupOutput& out) {
  for (const auto& [tf, values] : out.new_values) {
    key_.clear();
    AppendValueChunkKey(&key_, tf.first, static_cast<model::IndexedField>(tf.second), last_id_);
    value_.clear();
    EncodeValueChunk(values, &value_);
    index_.Add(SortedWrites::Op::kPut, key_, value_);
  }
}

void CommitGroupBuilder::AddEvent(const GroupInput& in, size_t i, TenantOrdinal t, uint64_t id,
                                  GroupOutput* out) {
  const model::Event& e = in.batch->events[i];
  const int64_t time = e.time.ms;

  // Into the group's record chunk from the prepared pieces, in id order;
  // the chunk goes to the WAL as one piece of log data (record_buffer.h).
  const std::array<std::string_view, 3> pieces = in.prepared->Pieces(i);
  char id_text[24];
  const size_t id_len = static_cast<size_t>(
      std::to_chars(id_text, id_text + sizeof id_text, id).ptr - id_text);
  const std::string_view record[] = {pieces[0], std::string_view(id_text, id_len), pieces[1],
                                     received_iso_, pieces[2]};
  out->records->Add(t, id, record);

  key_.clear();
  AppendTimePrefix(&key_, t);
  AddToRun(time, id, 0);

  const int64_t minute = FloorDiv(time, kMinuteMs);
  const CountKey minute_key{t, kAllField, std::string_view(), minute};
  ++FindOrAdd(&bucket_counts_, &last_counts_[kAllField], minute_key, uint64_t{0});
  // Ids only grow within a group.
  FindOrAdd(&minute_ranges_, &last_range_, minute_key, IdRange{id, id}).max_id = id;

  for (model::IndexedField f : model::kAllIndexedFields) {
    std::optional<std::string_view> v = model::IndexedValue(e, f);
    if (!v) continue;
    if (HasBlockPostings(f)) {
      out->postings->Add(t, f, *v, TimeId{time, id});
    } else if (HasPostings(f)) {
      key_.clear();
      AppendPostingPrefix(&key_, t, f, *v);
      AddToRun(time, id, static_cast<uint8_t>(f));
    }
    if (ValueDictionary::Keeps(f) && !known_values_[i]) AddValue(t, f, *v, out);
    // kSuccess values are string literals; others view into `e`, which
    // outlives the group.
    const uint8_t field = static_cast<uint8_t>(f);
    if (std::optional<GrainChain> g = CountGrainsOf(field)) {
      const CountKey k{t, field, *v, FloorDiv(time, g->finest().ms)};
      ++FindOrAdd(&bucket_counts_, &last_counts_[field], k, uint64_t{0});
    }
  }
}

void CommitGroupBuilder::AddToRun(int64_t time, uint64_t id, uint8_t site) {
  PutI64(&key_, FloorDiv(time, RunWidthMs(key_)));
  runs_.Add(key_, TimeId{time, id}, &run_hints_[site]);
}

// last_counts_ and run_hints_ are indexed by field byte.
static_assert(std::ranges::all_of(model::kAllIndexedFields, [](model::IndexedField f) {
  return static_cast<size_t>(f) < 16;
}));

template <typename V>
V& CommitGroupBuilder::FindOrAdd(std::unordered_map<CountKey, V, CountKeyHash>* map,
                                LastEntry<V>* last, const CountKey& k, const V& init) {
  if (last->value == nullptr || !(last->key == k)) {
    *last = {k, &map->try_emplace(k, init).first->second};
  }
  return *last->value;
}

void CommitGroupBuilder::EmitRuns() {
  runs_.Drain([this](std::string_view run, std::span<const TimeId> entries) {
    key_.assign(run.substr(0, run.size() - 8));  // the prefix, without the bucket
    AppendTimeId(&key_, entries[0].time, entries[0].id);
    value_.clear();
    EncodeRun(entries, &value_);
    index_.Add(SortedWrites::Op::kPut, key_, value_);
  });
}

void CommitGroupBuilder::EmitCount(const CountKey& k, char gran, uint64_t n) {
  key_.clear();
  AppendCountPrefix(&key_, k.tenant, k.field, k.value, gran);
  PutI64(&key_, k.bucket);
  value_.clear();
  PutU64(&value_, n);
  counts_.Add(SortedWrites::Op::kMerge, key_, value_);
}

void CommitGroupBuilder::EmitCounts() {
  // Coarser buckets (hours, days) are summed from the finest ones.
  std::unordered_map<CountKey, uint64_t, CountKeyHash> coarse;
  for (const auto& [k, n] : bucket_counts_) {
    const GrainChain chain = *CountGrainsOf(k.field);  // only counted fields are here
    const CountGrain& finest = chain.finest();
    EmitCount(k, finest.gran, n);
    for (size_t level = 1; level < chain.size; ++level) {
      const CountGrain& g = chain.grains[level];
      CountKey c = k;
      c.gran = g.gran;
      c.bucket = FloorDiv(k.bucket, g.ms / finest.ms);
      coarse[c] += n;
    }
  }
  for (const auto& [k, n] : coarse) EmitCount(k, k.gran, n);
  // Id ranges per minute, and hour and day ranges merged from them.
  std::unordered_map<CountKey, IdRange, CountKeyHash> coarse_ranges;
  for (const auto& [k, r] : minute_ranges_) {
    EmitIdRange(k.tenant, kMinute, k.bucket, r);
    for (const CountGrain g : {kHourGrain, kDayGrain}) {
      CountKey c = k;
      c.gran = g.gran;
      c.bucket = FloorDiv(k.bucket, g.ms / kMinuteMs);
      auto [it, inserted] = coarse_ranges.try_emplace(c, r);
      if (!inserted) {
        it->second.min_id = std::min(it->second.min_id, r.min_id);
        it->second.max_id = std::max(it->second.max_id, r.max_id);
      }
    }
  }
  for (const auto& [k, r] : coarse_ranges) EmitIdRange(k.tenant, k.gran, k.bucket, r);
}

void CommitGroupBuilder::EmitIdRange(TenantOrdinal t, char gran, int64_t bucket, IdRange r) {
  key_.clear();
  AppendIdRangePrefix(&key_, t, gran);
  PutI64(&key_, bucket);
  counts_.Add(SortedWrites::Op::kMerge, key_, IdRangeValue(r.min_id, r.max_id));
}

}  // namespace trailkeep::store::rocksdb_store
