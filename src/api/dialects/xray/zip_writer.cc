#include "api/dialects/xray/zip_writer.h"

#include <array>

#include "base/time_format.h"

namespace trailkeep::api::dialects::xray {
namespace {

constexpr uint64_t kMaxZipBytes = 0xFFFFFFFFull;

std::array<uint32_t, 256> MakeCrcTable() {
  std::array<uint32_t, 256> table{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
  return table;
}

void Put16(uint16_t v, std::string* out) {
  out->push_back(static_cast<char>(v & 0xFF));
  out->push_back(static_cast<char>(v >> 8));
}

void Put32(uint32_t v, std::string* out) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

constexpr uint16_t kVersion = 20;  // 2.0: stored entries, descriptors
constexpr uint16_t kFlagDescriptor = 0x0008;

}  // namespace

uint32_t Crc32(std::string_view data, uint32_t crc) {
  static const std::array<uint32_t, 256> table = MakeCrcTable();
  uint32_t c = ~crc;
  for (unsigned char b : data) c = table[(c ^ b) & 0xFF] ^ (c >> 8);
  return ~c;
}

StoredZipWriter::StoredZipWriter(int64_t mtime_ms) {
  int64_t days = mtime_ms / 86'400'000;
  if (mtime_ms < 0 && mtime_ms % 86'400'000 != 0) --days;
  int64_t ms_of_day = mtime_ms - days * 86'400'000;
  int64_t y;
  unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  if (y < 1980) y = 1980, m = 1, d = 1, ms_of_day = 0;
  if (y > 2107) y = 2107;
  int64_t secs = ms_of_day / 1000;
  dos_time_ =
      static_cast<uint16_t>(((secs / 3600) << 11) | (((secs / 60) % 60) << 5) | ((secs % 60) / 2));
  dos_date_ = static_cast<uint16_t>(((y - 1980) << 9) | (m << 5) | d);
}

void StoredZipWriter::BeginEntry(std::string_view name, std::string* out) {
  entries_.push_back(Entry{std::string(name), 0, 0, written_});
  open_ = true;
  size_t before = out->size();
  Put32(0x04034b50, out);
  Put16(kVersion, out);
  Put16(kFlagDescriptor, out);
  Put16(0, out);  // method: stored
  Put16(dos_time_, out);
  Put16(dos_date_, out);
  Put32(0, out);  // crc, sizes: in the data descriptor
  Put32(0, out);
  Put32(0, out);
  Put16(static_cast<uint16_t>(name.size()), out);
  Put16(0, out);  // extra length
  out->append(name);
  written_ += out->size() - before;
}

Status StoredZipWriter::AppendData(std::string_view data, std::string* out) {
  Entry& e = entries_.back();
  // Room is kept for the descriptor and central directory of this entry.
  if (written_ + data.size() + 16 + 46 + e.name.size() + 22 >= kMaxZipBytes) {
    return ResourceExhausted("zip archive would exceed 4 GiB (zip64 is not supported)");
  }
  e.crc = Crc32(data, e.crc);
  e.size += data.size();
  written_ += data.size();
  out->append(data);
  return Status::Ok();
}

void StoredZipWriter::EndEntry(std::string* out) {
  const Entry& e = entries_.back();
  size_t before = out->size();
  Put32(0x08074b50, out);
  Put32(e.crc, out);
  Put32(static_cast<uint32_t>(e.size), out);  // compressed == uncompressed
  Put32(static_cast<uint32_t>(e.size), out);
  written_ += out->size() - before;
  open_ = false;
}

void StoredZipWriter::Finish(std::string* out) {
  uint64_t cd_offset = written_;
  size_t before = out->size();
  for (const Entry& e : entries_) {
    Put32(0x02014b50, out);
    Put16(kVersion, out);  // made by
    Put16(kVersion, out);  // needed
    Put16(kFlagDescriptor, out);
    Put16(0, out);
    Put16(dos_time_, out);
    Put16(dos_date_, out);
    Put32(e.crc, out);
    Put32(static_cast<uint32_t>(e.size), out);
    Put32(static_cast<uint32_t>(e.size), out);
    Put16(static_cast<uint16_t>(e.name.size()), out);
    Put16(0, out);  // extra
    Put16(0, out);  // comment
    Put16(0, out);  // disk
    Put16(0, out);  // internal attributes
    Put32(0, out);  // external attributes
    Put32(static_cast<uint32_t>(e.offset), out);
    out->append(e.name);
  }
  uint64_t cd_size = out->size() - before;
  Put32(0x06054b50, out);
  Put16(0, out);
  Put16(0, out);
  Put16(static_cast<uint16_t>(entries_.size()), out);
  Put16(static_cast<uint16_t>(entries_.size()), out);
  Put32(static_cast<uint32_t>(cd_size), out);
  Put32(static_cast<uint32_t>(cd_offset), out);
  Put16(0, out);  // comment length
  written_ += out->size() - before;
}

}  // namespace trailkeep::api::dialects::xray
