// Cursors over posting runs (posting_run.h) or blocks (block_set.h): the
// time index or one value's postings, bounded to a scan's window, yielding entries one at a time in
// (time, id) order (or its reverse); and the k-way merge of several (one per
// value of a match).
//
// A cursor reads one run bucket at a time: every run of the bucket (runs of
// different commit groups may interleave in time), merged and filtered to
// the window.
//
// Thread safety: a cursor belongs to one scan.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <rocksdb/db.h>

#include "base/status.h"
#include "store/event_store.h"
#include "store/rocksdb/block_set.h"
#include "store/rocksdb/posting_run.h"

namespace trailkeep::store::rocksdb_store {

class IndexCursor {
 public:
  IndexCursor() = default;
  IndexCursor(IndexCursor&&) = default;
  IndexCursor& operator=(IndexCursor&&) = default;

  // Opens on the runs under `prefix` and positions at the first entry in
  // (time, id) order (`desc`: the last) with time in [spec.from, spec.to)
  // and past spec.after when set.
  void Open(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf, rocksdb::ReadOptions ro,
            std::string prefix, const ScanSpec& spec, bool desc);
  // The same over one value's posting blocks and buffered entries.
  void OpenBlocks(std::unique_ptr<BlockSet> blocks, const ScanSpec& spec, bool desc);

  bool Valid() const { return pos_ < bucket_.size(); }
  // REQUIRES: Valid().
  TimeId Current() const { return bucket_[pos_]; }
  int64_t Time() const { return bucket_[pos_].time; }
  uint64_t Id() const { return bucket_[pos_].id; }
  // REQUIRES: Valid(). Moves to the next entry in the walk's direction.
  void Advance();

  // Not OK when reading failed or a run was corrupt (the cursor is then
  // exhausted early).
  Status status() const;
  // Entries decoded so far, in or out of the window.
  uint64_t decoded() const { return decoded_; }

 private:
  // Reads the runs of the next bucket in the walk's direction holding an
  // entry in the window; leaves bucket_ empty when there is none.
  void LoadBucket();
  // Fills bucket_ with the next bucket's raw entries; false at the end.
  bool ReadRuns();
  bool InWindow(TimeId e) const;
  void SetWindow(const ScanSpec& spec, bool desc);

  // Bounds: the iterator keeps pointers to these slices, which point into
  // these strings, so a cursor is only moved before Open.
  std::string prefix_, lower_, upper_;
  rocksdb::Slice lower_slice_, upper_slice_;
  std::unique_ptr<rocksdb::Iterator> it_;  // runs, or
  std::unique_ptr<BlockSet> blocks_;      // blocks
  bool desc_ = false;
  int64_t width_ = 0, from_ = 0, to_ = 0;
  std::optional<TimeId> after_;
  std::vector<TimeId> bucket_;  // this bucket's entries in walk order
  size_t pos_ = 0;
  bool corrupt_ = false;
  uint64_t decoded_ = 0;
};

// The number of entries under `prefix` (time index or one value's postings)
// with time in [from, to), or `limit` if that is smaller (counting stops
// there). Runs whose whole bucket lies in the window count by their stored
// size; only the runs of the (at most two) buckets at the window's edges
// are decoded, and their entries added to `*decoded`.
Result<uint64_t> CountRuns(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf,
                           rocksdb::ReadOptions ro, const std::string& prefix, int64_t from,
                           int64_t to, uint64_t limit, uint64_t* decoded);

// The valid cursor whose entry comes first in the walk (`desc`: the largest
// (time, id)); nullptr when all are exhausted.
IndexCursor* NextCursor(std::vector<IndexCursor>& cursors, bool desc);

}  // namespace trailkeep::store::rocksdb_store
