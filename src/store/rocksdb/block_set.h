// The posting blocks (posting_block.h) of one value over a window's epochs,
// plus its entries still in the PostingBuffer, read as one source: counted
// over a time window (whole run buckets by their directory sizes, edge
// buckets decoded), or walked one run bucket at a time for an IndexCursor.
//
// Pure bytes: no RocksDB types. Thread safety: one reader.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/rocksdb/posting_block.h"

namespace trailkeep::store::rocksdb_store {

class BlockSet {
 public:
  // Adds a stored block of epoch `epoch` whose bytes `value` stay valid as
  // long as `owner` lives (e.g. a pinned block-cache entry: a busy value's
  // block can be hundreds of KiB, and a query needs a few of its hours).
  // False (and nothing added) when it is corrupt.
  bool AddBlock(uint64_t epoch, std::string_view value, std::shared_ptr<const void> owner);
  // Sets the buffered entries (read as they are, not encoded).
  // REQUIRES: sorted by (time, id); called at most once.
  void SetBuffered(std::vector<TimeId> entries) { buffered_ = std::move(entries); }

  // Entries with time in [from, to), up to `limit`; entries of the decoded
  // edge buckets are added to *decoded. nullopt when a segment is corrupt.
  std::optional<uint64_t> Count(int64_t from, int64_t to, uint64_t limit, uint64_t* decoded) const;

  // Positions a walk over the run buckets that may hold entries with time
  // in [from, to), in bucket order (`desc`: reversed), starting at the
  // bucket of `after` when set.
  void StartWalk(int64_t from, int64_t to, std::optional<TimeId> after, bool desc);
  // Appends the entries of the walk's next bucket that holds any (of every
  // block) to `out`, unsorted and unfiltered. False at the end of the walk,
  // or when a segment is corrupt (then corrupt() is true).
  bool NextBucket(std::vector<TimeId>* out);
  bool corrupt() const { return corrupt_; }

 private:
  struct Block {
    uint64_t epoch;
    // Keeps the bytes `segments` view alive; they do not move when blocks_
    // grows.
    std::shared_ptr<const void> owner;
    std::vector<BlockSegment> segments;
    size_t next = 0;  // the walk's next segment; asc: index, desc: index + 1
  };
  // The walk's next segment of `b`, or nullptr at its end.
  const BlockSegment* Peek(const Block& b) const;

  std::vector<Block> blocks_;
  std::vector<TimeId> buffered_;
  // The walk's buffered entries: [buffered_next_, buffered_end_) ascending;
  // descending, the next is at buffered_end_ - 1 down to buffered_next_.
  size_t buffered_next_ = 0, buffered_end_ = 0;
  bool desc_ = false;
  int64_t first_bucket_ = 0, last_bucket_ = -1;  // the walk's bucket range
  bool corrupt_ = false;
};

}  // namespace trailkeep::store::rocksdb_store
