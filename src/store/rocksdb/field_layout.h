// Which indexed fields get postings and which get kept per-bucket counts,
// and at what granularity (docs/storage.md, "What each field costs").
//
// Every posting and every count bucket is one memtable insert on the commit
// thread, so the layout keeps only what pays for itself:
// * all events: minute + day counts (the time index answers the edges);
// * low-cardinality fields (kind, action, category): postings, hour + day
//   counts (their postings answer the partial hours at the edges);
// * success: minute + day counts, no postings (two values: never a useful
//   access path; the edges are counted from record headers);
// * high-cardinality fields (actor.id/name/email, entity.id): postings only.
//   A count bucket per (value, bucket) would cost about one merge per event
//   per field; their counts are key-only scans of the value's postings.
#pragma once

#include <cstdint>
#include <optional>

#include "model/event.h"
#include "store/rocksdb/keys.h"
#include "store/rocksdb/window_plan.h"

namespace trailkeep::store::rocksdb_store {

// The small count grain of `field` (kAllField for all events), or nullopt
// when no counts are kept for it.
std::optional<CountGrain> CountGrainOf(uint8_t field);

// True when the field has postings (`T 'F' field value time id`).
bool HasPostings(model::IndexedField f);

}  // namespace trailkeep::store::rocksdb_store
