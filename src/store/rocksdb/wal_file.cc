#include "store/rocksdb/wal_file.h"

#include <cstdint>
#include <fstream>
#include <iterator>

#include "store/rocksdb/wal_crc32c.h"

namespace trailkeep::store::rocksdb_store {
namespace {

constexpr size_t kBlockSize = 32768;
constexpr size_t kHeaderSize = 7;
enum RecordType : uint8_t { kZero = 0, kFull = 1, kFirst = 2, kMiddle = 3, kLast = 4 };

uint32_t Unmask(uint32_t masked) {
  const uint32_t rot = masked - 0xa282ead8u;
  return (rot >> 17) | (rot << 15);
}

uint32_t LoadLe32(const char* p) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  return uint32_t{u[0]} | uint32_t{u[1]} << 8 | uint32_t{u[2]} << 16 | uint32_t{u[3]} << 24;
}

}  // namespace

Status ReadWalBatches(const std::string& path,
                      const std::function<void(std::string_view batch)>& on_batch) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Internal("cannot open WAL file " + path);
  const std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Internal("cannot read WAL file " + path);
  std::string pending;  // fragments of a batch split across blocks
  bool in_fragments = false;
  size_t p = 0;
  while (p < data.size()) {
    const size_t left_in_block = kBlockSize - p % kBlockSize;
    if (left_in_block < kHeaderSize) {  // the block's zero padding
      p += left_in_block;
      continue;
    }
    if (data.size() - p < kHeaderSize) break;  // torn header
    const uint32_t crc = Unmask(LoadLe32(data.data() + p));
    const size_t length = static_cast<uint8_t>(data[p + 4]) | size_t{static_cast<uint8_t>(data[p + 5])} << 8;
    const auto type = static_cast<uint8_t>(data[p + 6]);
    if (type == kZero && length == 0) break;  // preallocated, never written
    if (kHeaderSize + length > left_in_block || data.size() - p - kHeaderSize < length) break;
    const char* payload = data.data() + p + kHeaderSize;
    // The CRC covers the type byte and the payload.
    if (Crc32cExtend(Crc32cExtend(0, data.data() + p + 6, 1), payload, length) != crc) break;
    p += kHeaderSize + length;
    switch (type) {
      case kFull:
        in_fragments = false;
        on_batch(std::string_view(payload, length));
        break;
      case kFirst:
        pending.assign(payload, length);
        in_fragments = true;
        break;
      case kMiddle:
      case kLast:
        if (!in_fragments) return Status::Ok();  // a fragment without its first
        pending.append(payload, length);
        if (type == kLast) {
          in_fragments = false;
          on_batch(pending);
        }
        break;
      default:
        return Status::Ok();  // a record type this store does not write
    }
  }
  return Status::Ok();
}

}  // namespace trailkeep::store::rocksdb_store
