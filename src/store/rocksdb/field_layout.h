// Which indexed fields get postings and which get kept per-bucket counts,
// and at what granularity (docs/storage.md, "What each field costs").
//
// Every posting run and every count bucket is one memtable insert on the
// commit thread, so the layout keeps only what pays for itself:
// * all events: minute + hour + day counts (the time index answers the
//   partial minutes at the edges);
// * kind, action, category: postings, hour + day counts (few values: a
//   commit group adds a bucket or two per value and grain). The partial
//   hours at a window's edges are counted from the value's posting runs.
//   Minute counts too (until layout 10) made a key per value and minute,
//   ~98% of the counts column family: every compaction into its last
//   level rewrote them (~5 of a 10M load's ~66 CPU s; now ~1);
// * the actor fields (actor.id/name/email): postings only, in posting
//   blocks (layout 9: HasBlockPostings). A commit group
//   holds many distinct actors (~600 per 1,000 bench events), so kept
//   counts cost ~0.6 merges per event per field even at one grain (layout
//   6 kept hours: a quarter of all memtable inserts). Posting runs carry
//   their size (posting_run.h), so a count adds up the value's runs of the
//   window's whole hours and decodes only the two edge hours: a busy
//   user's 7-day count reads a few thousand run keys, not its events;
// * success: minute + hour + day counts, no postings (two values: never a
//   useful access path; the edges are counted from records);
// * entity.id: postings only, in posting blocks. Values are nearly unique per event, so a
//   count bucket would cost a merge per event, while counting one value's
//   postings visits only a handful of runs.
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

// True when the field has postings: runs (`T 'F' field value time id`) or
// blocks.
bool HasPostings(model::IndexedField f);

// True when the field's postings are kept in posting blocks
// (posting_block.h) rather than runs: the high-cardinality fields, whose runs
// each cost a memtable insert far from the previous one (nearly one per
// event and field), and value-first keys that every compaction into the
// last level rewrote. Layout 9; docs/storage.md, "Posting blocks".
bool HasBlockPostings(model::IndexedField f);

}  // namespace trailkeep::store::rocksdb_store
