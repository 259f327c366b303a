#include "api/dialects/xray/zip_writer.h"

#include <zlib.h>

#include <algorithm>

#include "base/time_format.h"

namespace trailkeep::api::dialects::xray {
namespace {

constexpr uint64_t kMaxZipBytes = 0xFFFFFFFFull;
// Room kept for an entry's descriptor, its central directory record (plus
// name) and the end record.
constexpr uint64_t kTrailerBytes = 16 + 46 + 22;

void Put16(uint16_t v, std::string* out) {
  out->push_back(static_cast<char>(v & 0xFF));
  out->push_back(static_cast<char>(v >> 8));
}

void Put32(uint32_t v, std::string* out) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

constexpr uint16_t kVersion = 20;  // 2.0: deflated entries, descriptors
constexpr uint16_t kFlagDescriptor = 0x0008;
constexpr uint16_t kMethodDeflate = 8;

}  // namespace

uint32_t Crc32(std::string_view data, uint32_t crc) {
  // zlib's crc32 takes a uInt length: feed it in pieces that fit.
  uLong c = crc;
  while (!data.empty()) {
    const size_t n = std::min<size_t>(data.size(), 1u << 30);
    c = crc32(c, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(n));
    data.remove_prefix(n);
  }
  return static_cast<uint32_t>(c);
}

// A raw DEFLATE stream (no zlib header: zip supplies its own framing).
class ZipWriter::Deflater {
 public:
  Deflater() {
    // Level 1: exports are large and streamed while the client waits; on
    // audit CSV it keeps most of level 6's ratio at several times the speed.
    ok_ = deflateInit2(&z_, 1, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) == Z_OK;
  }
  ~Deflater() {
    if (ok_) deflateEnd(&z_);
  }
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;

  bool ok() const { return ok_; }
  // The most `n` input bytes can become, whatever the data.
  uint64_t Bound(uint64_t n) { return deflateBound(&z_, static_cast<uLong>(n)); }

  // Compresses `data` (and ends the stream when `finish`), appending the
  // output to `out`. Returns the bytes appended, or -1 on a zlib error.
  int64_t Run(std::string_view data, bool finish, std::string* out) {
    const size_t before = out->size();
    z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z_.avail_in = static_cast<uInt>(data.size());
    for (;;) {
      const size_t at = out->size();
      const size_t room = std::max<size_t>(data.size() / 2, 16u << 10);
      out->resize(at + room);
      z_.next_out = reinterpret_cast<Bytef*>(out->data() + at);
      z_.avail_out = static_cast<uInt>(room);
      const int rc = deflate(&z_, finish ? Z_FINISH : Z_NO_FLUSH);
      out->resize(at + room - z_.avail_out);
      if (rc == Z_STREAM_END) break;
      if (rc != Z_OK && rc != Z_BUF_ERROR) return -1;
      // Done when all input is taken and the compressor had room to spare
      // (with Z_FINISH, only Z_STREAM_END ends it).
      if (!finish && z_.avail_in == 0 && z_.avail_out != 0) break;
    }
    return static_cast<int64_t>(out->size() - before);
  }

 private:
  z_stream z_{};
  bool ok_ = false;
};

ZipWriter::ZipWriter(int64_t mtime_ms) {
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

ZipWriter::~ZipWriter() = default;

void ZipWriter::BeginEntry(std::string_view name, std::string* out) {
  entries_.push_back(Entry{std::string(name), 0, 0, 0, written_});
  deflater_ = std::make_unique<Deflater>();
  size_t before = out->size();
  Put32(0x04034b50, out);
  Put16(kVersion, out);
  Put16(kFlagDescriptor, out);
  Put16(kMethodDeflate, out);
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

Status ZipWriter::Deflate(std::string_view data, bool finish, std::string* out) {
  Entry& e = entries_.back();
  if (!deflater_->ok()) return Internal("zip: cannot start the DEFLATE compressor");
  if (e.size + data.size() + kTrailerBytes >= kMaxZipBytes ||
      written_ + deflater_->Bound(data.size()) + kTrailerBytes + e.name.size() >= kMaxZipBytes) {
    return ResourceExhausted("zip archive would exceed 4 GiB (zip64 is not supported)");
  }
  const int64_t n = deflater_->Run(data, finish, out);
  if (n < 0) return Internal("zip: DEFLATE failed");
  e.crc = Crc32(data, e.crc);
  e.size += data.size();
  e.compressed += static_cast<uint64_t>(n);
  written_ += static_cast<uint64_t>(n);
  return Status::Ok();
}

Status ZipWriter::AppendData(std::string_view data, std::string* out) {
  return Deflate(data, false, out);
}

Status ZipWriter::EndEntry(std::string* out) {
  TK_RETURN_IF_ERROR(Deflate({}, true, out));
  deflater_.reset();
  const Entry& e = entries_.back();
  size_t before = out->size();
  Put32(0x08074b50, out);
  Put32(e.crc, out);
  Put32(static_cast<uint32_t>(e.compressed), out);
  Put32(static_cast<uint32_t>(e.size), out);
  written_ += out->size() - before;
  return Status::Ok();
}

void ZipWriter::Finish(std::string* out) {
  uint64_t cd_offset = written_;
  size_t before = out->size();
  for (const Entry& e : entries_) {
    Put32(0x02014b50, out);
    Put16(kVersion, out);  // made by
    Put16(kVersion, out);  // needed
    Put16(kFlagDescriptor, out);
    Put16(kMethodDeflate, out);
    Put16(dos_time_, out);
    Put16(dos_date_, out);
    Put32(e.crc, out);
    Put32(static_cast<uint32_t>(e.compressed), out);
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
