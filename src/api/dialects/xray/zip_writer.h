// A minimal streaming zip writer: one or more entries stored uncompressed
// (method 0, "STORE"), each followed by a data descriptor (general purpose
// flag bit 3) so an entry's size and CRC-32 need not be known before its
// bytes are produced. That lets a large CSV be streamed with flat memory.
//
// Limits: no zip64. Every entry and the whole archive must stay below 4 GiB
// (and 65535 entries); AppendData fails with kResourceExhausted past that.
// Readers that use the central directory (unzip, Python zipfile, libarchive,
// 7-Zip, java.util.zip.ZipFile) accept stored entries with a descriptor.
//
// Thread safety: one writer per thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace trailkeep::api::dialects::xray {

// The CRC-32 (IEEE 802.3, as zip uses) of `data` continued from `crc`
// (0 for a fresh checksum).
uint32_t Crc32(std::string_view data, uint32_t crc = 0);

class StoredZipWriter {
 public:
  // `mtime_ms`: the modification time stamped on entries (MS-DOS format,
  // clamped to 1980..2107).
  explicit StoredZipWriter(int64_t mtime_ms);

  // Starts an entry named `name` (ASCII path): appends its local header to
  // `out`. REQUIRES: no entry is open.
  void BeginEntry(std::string_view name, std::string* out);
  // Appends entry bytes to `out`, updating size and CRC.
  // Errors: kResourceExhausted when the entry or archive would reach 4 GiB.
  Status AppendData(std::string_view data, std::string* out);
  // Closes the open entry: appends its data descriptor.
  void EndEntry(std::string* out);
  // Appends the central directory and end record. REQUIRES: no entry open.
  void Finish(std::string* out);

 private:
  struct Entry {
    std::string name;
    uint32_t crc = 0;
    uint64_t size = 0;
    uint64_t offset = 0;  // of the local header
  };
  uint16_t dos_time_ = 0, dos_date_ = 0;
  uint64_t written_ = 0;  // archive bytes so far
  std::vector<Entry> entries_;
  bool open_ = false;
};

}  // namespace trailkeep::api::dialects::xray
