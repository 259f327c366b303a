// A minimal streaming zip writer: one or more entries compressed with
// DEFLATE (method 8, zlib at its fastest level), each followed by a data
// descriptor (general purpose flag bit 3) so an entry's sizes and CRC-32
// need not be known before its bytes are produced. That lets a large CSV be
// streamed with flat memory.
//
// Why DEFLATE and not STORE: streaming readers that walk local headers
// (java.util.zip.ZipInputStream, JDK `jar`, most "unzip from a pipe" code)
// refuse a stored entry with a data descriptor, since nothing tells them
// where its bytes end; a deflated entry ends itself. Readers that use the
// central directory (unzip, Python zipfile, libarchive, 7-Zip,
// java.util.zip.ZipFile) accept both.
//
// Limits: no zip64. Every entry's uncompressed size and the whole archive
// must stay below 4 GiB (and 65535 entries); AppendData fails with
// kResourceExhausted past that.
//
// Thread safety: one writer per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace trailkeep::api::dialects::xray {

// The CRC-32 (IEEE 802.3, as zip uses) of `data` continued from `crc`
// (0 for a fresh checksum).
uint32_t Crc32(std::string_view data, uint32_t crc = 0);

class ZipWriter {
 public:
  // `mtime_ms`: the modification time stamped on entries (MS-DOS format,
  // clamped to 1980..2107).
  explicit ZipWriter(int64_t mtime_ms);
  ~ZipWriter();
  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;

  // Starts an entry named `name` (ASCII path): appends its local header to
  // `out`. REQUIRES: no entry is open.
  void BeginEntry(std::string_view name, std::string* out);
  // Compresses entry bytes into `out` (some may stay buffered in the
  // compressor until a later call), updating sizes and CRC.
  // Errors: kResourceExhausted when the entry or archive would reach 4 GiB;
  // kInternal when the compressor fails.
  Status AppendData(std::string_view data, std::string* out);
  // Closes the open entry: flushes the compressor and appends the data
  // descriptor. Errors: as AppendData.
  Status EndEntry(std::string* out);
  // Appends the central directory and end record. REQUIRES: no entry open.
  void Finish(std::string* out);

 private:
  struct Entry {
    std::string name;
    uint32_t crc = 0;
    uint64_t size = 0;        // uncompressed
    uint64_t compressed = 0;  // bytes written after the local header
    uint64_t offset = 0;      // of the local header
  };
  class Deflater;  // the zlib stream: zip_writer.cc alone includes zlib

  // Runs the compressor over `data` (`finish`: and ends the stream),
  // appending its output to `out` and counting it.
  Status Deflate(std::string_view data, bool finish, std::string* out);

  uint16_t dos_time_ = 0, dos_date_ = 0;
  uint64_t written_ = 0;  // archive bytes so far
  std::vector<Entry> entries_;
  std::unique_ptr<Deflater> deflater_;  // set while an entry is open
};

}  // namespace trailkeep::api::dialects::xray
