// Which indexed fields get postings and which get kept per-bucket counts,
// and at what granularity (docs/storage.md, "What each field costs").
//
// Every posting and every count bucket is one memtable insert on the commit
// thread, so the layout keeps only what pays for itself:
// * all events: minute + hour + day counts (the time index answers the
//   partial minutes at the edges);
// * kind, action, category: postings, minute + hour + day counts (few
//   values: a commit group adds a few buckets per value and grain);
// * the actor fields (actor.id/name/email): postings, hour counts only
//   (their postings answer the partial hours at the edges; a 7-day count
//   reads ~190 hour keys). Actor values are skewed (a few users do most of
//   the work), so counting a busy user's postings would visit most of a
//   window; but a commit group adds one merge per distinct actor per grain
//   and field (~0.6 per event each on the bench corpus), so they keep one
//   grain;
// * success: minute + hour + day counts, no postings (two values: never a
//   useful access path; the edges are counted from record headers);
// * entity.id: postings only. Values are nearly unique per event, so a
//   count bucket would cost a merge per event, while counting one value's
//   postings visits only a handful of keys.
#pragma once

#include <cstdint>
#include <optional>

#include "model/event.h"
#include "store/rocksdb/keys.h"
#include "store/rocksdb/window_plan.h"

namespace trailkeep::store::rocksdb_store {

// The small count grains of `field` (kAllField for all events), or nullopt
// when no counts are kept for it.
std::optional<GrainChain> CountGrainsOf(uint8_t field);

// True when the field has postings (`T 'F' field value time id`).
bool HasPostings(model::IndexedField f);

}  // namespace trailkeep::store::rocksdb_store
