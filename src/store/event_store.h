// EventStore: where canonical events live. One interface, several backends
// (RocksDB embedded, memory for tests; PostgreSQL later), all held to one
// typed test suite (tests/store/event_store_test.cc).
//
// Open one with store::OpenEventStore (store/open.h); backends are never
// named outside the factory.
//
// Thread safety: every method is safe to call concurrently from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "model/event.h"
#include "store/meta_store.h"

namespace trailkeep::store {

using model::EventId;
using model::IndexedField;
using model::TenantId;
using model::TimeMs;

// One batch to commit atomically for one tenant.
struct AppendBatch {
  TenantId tenant;
  // Validated events. The store assigns `id` and `received` and overwrites
  // `tenant`; all other fields are stored as given.
  std::vector<model::Event> events;
  // When set, a later batch with the same (tenant, key) returns this batch's
  // ids instead of storing again. `request_hash` identifies the request body;
  // the same key with a different hash is refused with kAlreadyExists.
  std::optional<std::string> idempotency_key;
  std::string request_hash;
};

struct AppendResult {
  // The id of each input event, in input order. An event whose `uid` was
  // already stored for the tenant (or appears earlier in the same batch) gets
  // the id it was first stored under and is not stored again.
  std::vector<EventId> ids;
  // True when the whole answer came from an earlier batch's idempotency key.
  bool replayed = false;
};

// An event as stored. `canonical` is the canonical JSON (codec/canonical.h)
// exactly as committed; valid only for the duration of the callback that
// receives it.
struct StoredEvent {
  EventId id;
  TimeMs time;
  std::string_view canonical;
};

// Scan orders. kId* follow commit order; kTime* follow the event's `time`,
// ties broken by id in the same direction.
enum class Order { kIdAsc, kIdDesc, kTimeAsc, kTimeDesc };

// A position in a scan: the last event the caller saw. For kId* orders only
// `id` is used.
struct Position {
  TimeMs time;
  EventId id;
};

// The smallest and largest id of a set of events.
struct IdSpan {
  EventId min;
  EventId max;
};

// True for the bucket widths EventStore::BucketStats serves: a minute, an
// hour or a day.
inline bool IsBucketGrain(int64_t grain_ms) {
  return grain_ms == 60'000 || grain_ms == 3'600'000 || grain_ms == 86'400'000;
}

// The argument check of every BucketStats implementation.
inline Status CheckBucketStatsArgs(TimeMs from, TimeMs to, int64_t grain_ms) {
  if (!IsBucketGrain(grain_ms)) {
    return InvalidArgument("bucket grain must be a minute, an hour or a day");
  }
  if (from.ms % grain_ms != 0 || to.ms % grain_ms != 0) {
    return InvalidArgument("bucket bounds must be multiples of the grain");
  }
  return Status::Ok();
}

// One UTC-aligned time bucket's events: how many, and their id span.
struct BucketStat {
  TimeMs start;
  uint64_t count = 0;
  IdSpan ids;
};

// The event's value of `field` equals one of `values` (OR). For kSuccess the
// values are "true" / "false". An event that does not set the field never
// matches.
struct FieldMatch {
  IndexedField field;
  std::vector<std::string> values;
};

struct ScanSpec {
  ScanSpec() = default;
  // A window of one tenant in `order`, from the start, with `matches`.
  ScanSpec(TenantId tenant, TimeMs from, TimeMs to, Order order,
           std::vector<FieldMatch> matches = {})
      : tenant(std::move(tenant)), from(from), to(to), order(order), matches(std::move(matches)) {}

  TenantId tenant;
  TimeMs from{INT64_MIN};  // inclusive
  TimeMs to{INT64_MAX};    // exclusive
  Order order = Order::kIdAsc;
  // Resume strictly after this position (in `order`).
  std::optional<Position> after;
  // All must hold (AND). The store applies them, using whichever it finds
  // cheapest as its access path.
  std::vector<FieldMatch> matches;

  // Planning hints. A store may use them to choose how it reads; they never
  // change which events a scan visits, or in what order.
  //
  // The caller expects to stop after about this many events (0: unknown),
  // e.g. a page's limit + 1: sizes the store's first batched read.
  size_t expected = 0;
  // With exactly one match: the number of events in [from, to) it selects,
  // ignoring `after`, when the caller has counted them already (a page with
  // its total). May come from a moment before the scan; saves the store
  // counting the match again to choose its access path.
  std::optional<uint64_t> known_count;
  // The caller reads a large share of the tenant's events once (an export):
  // what the scan reads need not stay cached, and should not push out what
  // other queries keep reading.
  bool bulk = false;
};

enum class Visit { kContinue, kStop };
// Called once per matching event, in scan order, until it returns kStop or
// the scan ends.
using Visitor = std::function<Visit(const StoredEvent&)>;

// What the store has handed its storage engine since it opened: key-value
// entries (records, index entries, count updates) and their bytes (the
// engine's write batches: keys, values and framing, before compression).
struct WriteVolume {
  uint64_t entries = 0;
  uint64_t bytes = 0;
};

struct CountSpec {
  TenantId tenant;
  TimeMs from{INT64_MIN};  // inclusive
  TimeMs to{INT64_MAX};    // exclusive
  // At most one equality filter (OR over its values).
  std::optional<FieldMatch> match;
};

class EventStore {
 public:
  virtual ~EventStore() = default;

  // Commits the batch atomically: all events or none. Ids are assigned
  // consecutively in commit order across all tenants. On return with OK the
  // batch is durable per StoreOptions::durability and visible to every
  // Scan/Get/Count started afterwards. Concurrent Appends share one WAL sync.
  // Errors: kAlreadyExists (idempotency key reused with another request_hash),
  // kInvalidArgument (empty batch, bad tenant), kInternal/kUnavailable (I/O).
  virtual Result<AppendResult> Append(const AppendBatch& batch) = 0;

  // The canonical bytes of event `id` if it belongs to `tenant`.
  // Returns nullopt when absent or owned by another tenant.
  virtual Result<std::optional<std::string>> Get(const TenantId& tenant, EventId id) = 0;

  // Visits the tenant's events in [from, to) that satisfy every match, in
  // `order`, starting after `after`. A scan sees a consistent snapshot taken
  // when it starts.
  virtual Status Scan(const ScanSpec& spec, const Visitor& visit) = 0;

  // Exact number of the tenant's events in [from, to) satisfying `match`.
  // Does not visit every matching event (kept counts per time bucket).
  virtual Result<uint64_t> Count(const CountSpec& spec) = 0;

  // The distinct values of `field` stored for `tenant` that contain `needle`
  // (byte-wise; "" is in every value), sorted, when the store keeps a list
  // of that field's values and at most `max_values` match; nullopt
  // otherwise, and the caller then tests the field on each event. Lets a
  // substring filter become an equality on a few values (their postings).
  virtual Result<std::optional<std::vector<std::string>>> ValuesContaining(
      const TenantId& tenant, model::IndexedField field, std::string_view needle,
      size_t max_values) = 0;

  // The smallest and largest id of the tenant's events in [from, to);
  // nullopt when there are none. Cheap for UTC-minute-aligned windows (the
  // RocksDB store keeps exact id ranges per minute, hour and day); otherwise
  // it reads the window's first and last events in id order.
  virtual Result<std::optional<IdSpan>> IdSpanOf(const TenantId& tenant, TimeMs from,
                                                 TimeMs to) = 0;

  // Every non-empty bucket of width `grain_ms` (one minute, hour or day:
  // 60,000, 3,600,000 or 86,400,000) in [from, to), in time order, with
  // exact counts and id spans read together (one snapshot), so a caller
  // walking many buckets makes one call instead of two per bucket.
  // Errors: kInvalidArgument for another grain or bounds not multiples of it.
  virtual Result<std::vector<BucketStat>> BucketStats(const TenantId& tenant, TimeMs from,
                                                      TimeMs to, int64_t grain_ms) = 0;

  // The highest committed id (0 when empty).
  virtual EventId LastCommittedId() const = 0;

  // Every tenant that has at least one event, sorted.
  virtual Result<std::vector<TenantId>> ListTenants() = 0;

  // Called after every commit with the new LastCommittedId(), on the
  // committing thread; must be cheap and must not call back into the store.
  // Replaces any earlier listener. Used by long-poll tails.
  virtual void SetCommitListener(std::function<void(EventId)> listener) = 0;

  // Small durable key/value space for tokens and settings.
  virtual MetaStore& Meta() = 0;

  // Approximate bytes on disk (0 for memory).
  virtual uint64_t ApproximateSizeBytes() = 0;

  // Background storage work running or waiting (flushes, compactions and,
  // for RocksDB, complete posting epochs whose blocks are not written yet;
  // 0 for memory). A bulk load leaves compactions behind for a while, during
  // which queries share the CPU with them; 0 means the store has settled.
  virtual uint64_t BackgroundWorkPending() = 0;

  // Memory held by index entries of committed events that the store has not
  // handed its engine yet (RocksDB: the posting buffer, about one or two
  // posting epochs of the actor and entity fields; 0 for memory).
  virtual uint64_t BufferedIndexBytes() const = 0;

  // Memory held by committed records that are durable in the write-ahead log
  // only and not yet in the engine's files (RocksDB: the record buffer,
  // about one or two posting epochs of records; 0 for memory).
  virtual uint64_t BufferedRecordBytes() const = 0;

  // Entries and bytes written to the engine since the store opened (zeros
  // for memory, which has no engine). Divided by the events ingested, it is
  // what one event costs the engine: the figure to compare with the
  // engine's own write benchmark.
  virtual WriteVolume WrittenSinceOpen() const = 0;
};

}  // namespace trailkeep::store
