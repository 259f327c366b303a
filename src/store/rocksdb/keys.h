// Key encodings of the embedded store (docs/storage.md, "Column families and
// keys"). Pure byte manipulation: no RocksDB types, so tests and every other
// file of the backend share one definition of the layout.
//
// All integers are big-endian so byte order is numeric order; signed values
// (times, bucket numbers) have the sign bit flipped so negatives sort first.
// Strings are escaped (00 -> 00 FF) and terminated by 00 01, so no encoded
// string is a prefix of another.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/event.h"

namespace trailkeep::store::rocksdb_store {

// A tenant's 4-byte ordinal; every key of the events, index and counts column
// families starts with it.
using TenantOrdinal = uint32_t;
inline constexpr size_t kTenantBytes = 4;

// Key type bytes after the tenant ordinal.
inline constexpr char kTimeTag = 'T';      // index: T 'T' time id -> run
inline constexpr char kPostingTag = 'F';   // index: T 'F' field value time id -> run
inline constexpr char kUidTag = 'U';       // replay: T 'U' uid -> id
inline constexpr char kIdemTag = 'K';      // replay: T 'K' key -> hash + ids
inline constexpr char kValueTag = 'V';     // index: T 'V' field id (value dictionary)
inline constexpr char kCountTag = 'C';     // counts: T 'C' field value gran bucket
inline constexpr char kIdRangeTag = 'B';   // counts: T 'B' gran bucket

// Bucket granularities. Bucket numbers are floor(time / width).
inline constexpr char kMinute = 'm';
inline constexpr char kHour = 'h';
inline constexpr char kDay = 'd';
inline constexpr int64_t kMinuteMs = 60'000;
inline constexpr int64_t kHourMs = 3'600'000;
inline constexpr int64_t kDayMs = 86'400'000;
inline constexpr int64_t kMinutesPerDay = 1440;
inline constexpr int64_t kHoursPerDay = 24;

// Field byte 0 in count keys: "all events" (value empty).
inline constexpr uint8_t kAllField = 0;

// Keys of the default column family. `s/layout` is the layout version this
// file describes; a directory without it (but with tenants) predates it.
inline constexpr std::string_view kLayoutKey = "s/layout";
inline constexpr std::string_view kLayoutVersion = "12";
// Layout 10 differs only in also keeping minute counts of kind, action and
// category (field_layout.h). This build opens it (the minute keys stay,
// unread) and marks it 12, so that a layout-10 build, which would count
// those fields' minutes from keys no longer written, refuses it from then on.
inline constexpr std::string_view kUpgradableLayout = "10";
// Layout 11 kept every record in `events` as soon as it was committed;
// layout 12 keeps the records of unstored epochs in the WAL only
// (record_buffer.h), which a layout-11 build would not read. This build
// opens 11 (its records are all in `events`) and marks it 12.
inline constexpr std::string_view kRecordsInMemtableLayout = "11";
// The records mark: u64, every record with an id up to it is in `events`.
// Absent: the records are all in `events` (a new or a layout-11 store).
inline constexpr std::string_view kRecordsStoredKey = "s/records";
inline constexpr std::string_view kTenantByNamePrefix = "s/tenant/";
inline constexpr std::string_view kTenantByOrdinalPrefix = "s/tenant#";
inline constexpr std::string_view kMetaPrefix = "m/";

// Floor division and floor bucket number (correct for negative times).
// Inline: the block and run encoders call it for every entry.
inline int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

void PutU32(std::string* out, uint32_t v);
void PutU64(std::string* out, uint64_t v);
void PutI64(std::string* out, int64_t v);  // sign bit flipped
uint32_t GetU32(const char* p);
// Big-endian, as PutU64 writes it: one load and a byte swap (hot: run and
// block decoding, posting chunk heads).
inline uint64_t GetU64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
  if constexpr (std::endian::native == std::endian::little) v = __builtin_bswap64(v);
  return v;
}
int64_t GetI64(const char* p);
// Writes what PutU64 / PutI64 append at `out`; returns the end of the 8 bytes.
inline char* WriteU64(char* out, uint64_t v) {
  if constexpr (std::endian::native == std::endian::little) v = __builtin_bswap64(v);
  std::memcpy(out, &v, sizeof v);
  return out + sizeof v;
}
inline char* WriteI64(char* out, int64_t v) {
  return WriteU64(out, static_cast<uint64_t>(v) ^ 0x8000000000000000ull);
}
void PutEscaped(std::string* out, std::string_view s);
// The string PutEscaped wrote, when `in` is exactly one escaped string with
// its terminator; nullopt otherwise.
std::optional<std::string> GetEscaped(std::string_view in);

// events: E T id, where E = id >> kEventEpochBits (a u64). Ids are global
// and grow in commit order, so every flush holds the newest epochs only, and
// its key range never spans older events of another tenant: without the
// epoch, a flushed file covered every tenant's newest ids and with them all
// older events of every tenant but the first, and compactions rewrote those
// again and again (docs/storage.md, "Column families and keys").
inline constexpr int kEventEpochBits = 16;
inline constexpr size_t kEventKeyBytes = 8 + kTenantBytes + 8;
inline constexpr uint64_t EventEpoch(uint64_t id) { return id >> kEventEpochBits; }
// The first and last id of epoch `e`.
inline constexpr uint64_t EpochFirstId(uint64_t e) { return e << kEventEpochBits; }
inline constexpr uint64_t EpochLastId(uint64_t e) {
  return (e << kEventEpochBits) | ((uint64_t{1} << kEventEpochBits) - 1);
}
std::string EventKey(TenantOrdinal t, uint64_t id);
void AppendEventKey(std::string* out, TenantOrdinal t, uint64_t id);
struct EventKeyParts {
  uint64_t epoch;
  TenantOrdinal tenant;
  uint64_t id;
};
// The parts of an events key; nullopt when `key` has another length.
std::optional<EventKeyParts> ParseEventKey(std::string_view key);

// index: T 'T', the prefix of the time index's runs (posting_run.h).
void AppendTimePrefix(std::string* out, TenantOrdinal t);
// index: T 'F' field value, the prefix of a value's posting runs; add the
// run's first (time, id).
void AppendPostingPrefix(std::string* out, TenantOrdinal t, model::IndexedField f,
                         std::string_view value);
// LEB128 varints: 7 bits per byte, low bits first. GetVarint consumes the
// varint from the front of `in`; false when it is truncated or too long.
// PutVarint is inline: the block and run encoders write two per posting,
// and out of line the call was a fifth of an epoch's block building
// (posting_bench BuildEpochBlocks: 33.2 against 27.6 ms).
inline void PutVarint(std::string* out, uint64_t v) {
  for (; v >= 0x80; v >>= 7) out->push_back(static_cast<char>((v & 0x7f) | 0x80));
  out->push_back(static_cast<char>(v));
}
// Writes `v` at `p` and returns the end: at most kMaxVarintBytes bytes.
inline constexpr size_t kMaxVarintBytes = 10;
inline char* WriteVarint(char* p, uint64_t v) {
  for (; v >= 0x80; v >>= 7) *p++ = static_cast<char>((v & 0x7f) | 0x80);
  *p++ = static_cast<char>(v);
  return p;
}
// GetVarint for any length; GetVarint calls it for varints of two or more bytes.
bool GetLongVarint(std::string_view* in, uint64_t* v);
// Inline for one-byte varints, the common case on the read paths: record
// field lengths (eight per event an export or a filtered scan decodes) and
// the time and id deltas of posting runs.
inline bool GetVarint(std::string_view* in, uint64_t* v) {
  if (!in->empty() && static_cast<uint8_t>(in->front()) < 0x80) {
    *v = static_cast<uint8_t>(in->front());
    in->remove_prefix(1);
    return true;
  }
  return GetLongVarint(in, v);
}

// ZigZag: signed deltas as small unsigned varints.
inline uint64_t ZigZag(int64_t v) {
  return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}
inline int64_t UnZigZag(uint64_t v) {
  return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
}

// The (time, id) suffix shared by time keys and postings: 16 bytes.
inline constexpr size_t kTimeIdSuffix = 16;
void AppendTimeId(std::string* out, int64_t time, uint64_t id);

// blocks: E T field value, the postings of one value of a high-cardinality
// field (field_layout.h) among the ids of posting epoch E = id >>
// kPostingEpochBits, written once the epoch is complete (posting_block.h).
// Epoch first, so each epoch's blocks are written after all older ones and
// no compaction rewrites them with newer data.
inline constexpr int kPostingEpochBits = 17;
inline constexpr uint64_t PostingEpoch(uint64_t id) { return id >> kPostingEpochBits; }
inline constexpr uint64_t PostingEpochFirstId(uint64_t e) { return e << kPostingEpochBits; }
inline constexpr uint64_t PostingEpochLastId(uint64_t e) {
  return (e << kPostingEpochBits) | ((uint64_t{1} << kPostingEpochBits) - 1);
}
void AppendBlockKey(std::string* out, uint64_t epoch, TenantOrdinal t, model::IndexedField f,
                    std::string_view value);
// The blocks column family's one other key (after every block key): the
// last epoch whose blocks are stored, a u64.
inline constexpr std::string_view kStoredEpochKey = "\xff\xff\xff\xff\xff\xff\xff\xffstored";

std::string UidKey(TenantOrdinal t, std::string_view uid);
std::string IdempotencyKey(TenantOrdinal t, std::string_view key);
// index: T 'V' field id, the values of a field that keeps a value
// dictionary (value_dictionary.h) first stored by one commit group, whose
// last id is `id`: one key per group, tenant and field instead of one per
// value. The value is EncodeValueChunk's.
void AppendValueChunkKey(std::string* out, TenantOrdinal t, model::IndexedField f, uint64_t id);
// Appends varint(length) + bytes per value.
void EncodeValueChunk(const std::vector<std::string>& values, std::string* out);
// The values of a chunk; false when it is corrupt.
bool DecodeValueChunk(std::string_view chunk, std::vector<std::string>* out);

// counts: T 'C' field value gran, then a bucket number (PutI64).
void AppendCountPrefix(std::string* out, TenantOrdinal t, uint8_t field, std::string_view value,
                       char gran);
// counts: T 'B' gran, then a bucket number (PutI64).
void AppendIdRangePrefix(std::string* out, TenantOrdinal t, char gran);

// Values of 'B' keys: min id, max id (16 bytes).
std::string IdRangeValue(uint64_t min_id, uint64_t max_id);

}  // namespace trailkeep::store::rocksdb_store
