// A test seam for the commit path. Arming it makes the next `n` group
// writes of every RocksDB store in the process fail, each after `pause`, so
// that the writer has built the group behind it on ids that will not be
// committed (rocksdb_write.cc). Lets a test prove that a failed write leaves
// no gap in the ids without a faulty disk. Nothing but tests arms it.
#pragma once

#include <chrono>
#include <cstdint>

namespace trailkeep::store::rocksdb_store {

void FailNextGroupWrites(int n, std::chrono::milliseconds pause);
// Groups built again because the write before them failed, process-wide.
uint64_t GroupsRebuiltAfterFailedWrite();

// Posting blocks (rocksdb_blocks.cc): while on, writing the stored mark
// after an epoch's ingested blocks fails, so the epoch has its blocks and
// no mark, as after a crash between the two; it is ingested again later.
void FailBlockMarks(bool on);
// Marks that failed so, process-wide.
uint64_t FailedBlockMarks();

// Records of unstored epochs (rocksdb_records.cc): while on, writing the
// records mark after a posting epoch's ingested records fails, so the
// records are in `events` and still counted unstored, as after a crash
// between the two; the epoch's posting mark must then stay unwritten too.
void FailRecordMarks(bool on);
// Records marks that failed so, process-wide.
uint64_t FailedRecordMarks();

// While on, the blocks thread stores no epoch (it waits), as when it gets
// no CPU under load: complete epochs stay buffered.
void HoldBlocks(bool on);
// Times the writer waited for the blocks thread (WaitForBlocks), process-wide.
uint64_t WritesWaitedForBlocks();

// While on, every successful group write is followed by a flush of every
// memtable, so that its WAL file is archived at once (as under a long load,
// where max_total_wal_size forces flushes): the archive then holds the WAL
// of every group whose records are not stored yet, and no other.
void FlushAfterGroupWrites(bool on);

// While on, a store's close leaves the records of its last, unstored epoch
// in the WAL (as a crash does) instead of storing them: the next open reads
// them back from there.
void KeepRecordsBufferedAtClose(bool on);

}  // namespace trailkeep::store::rocksdb_store
