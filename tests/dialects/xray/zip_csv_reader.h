// Test-side readers for the Xray CSV export, independent of the server code:
// two zip readers (one through the central directory, one walking local
// headers from the front as streaming readers such as Java's ZipInputStream
// do; both check every CRC and size) and an RFC 4180 CSV parser.
#pragma once

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace trailkeep::testing {

inline uint32_t TestCrc32(const std::string& data) {
  uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : data) {
    c ^= b;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
  }
  return ~c;
}

inline uint32_t Le(const std::string& s, size_t at, int bytes) {
  uint32_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(s.at(at + i));
  return v;
}

// Inflates the raw DEFLATE stream at `zip[at..]`. Returns the content and
// sets `*consumed` to the compressed bytes up to the stream's end; test
// failure when the stream is bad or does not end inside `zip`.
inline std::string Inflate(const std::string& zip, size_t at, size_t* consumed) {
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, -15), Z_OK);
  std::string out;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zip.data() + at));
  z.avail_in = static_cast<uInt>(zip.size() - at);
  int rc = Z_OK;
  while (rc == Z_OK) {
    char buf[16384];
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof buf - z.avail_out);
  }
  EXPECT_EQ(rc, Z_STREAM_END) << "DEFLATE stream broken or unterminated";
  *consumed = zip.size() - at - z.avail_in;
  inflateEnd(&z);
  return out;
}

// The entries of a zip archive (name → content), read through its central
// directory. Only DEFLATE (method 8) entries are accepted; every entry's
// CRC-32, sizes and local header are checked. Test failures on any
// inconsistency.
inline std::map<std::string, std::string> ReadZip(const std::string& zip) {
  std::map<std::string, std::string> entries;
  EXPECT_GE(zip.size(), 22u);
  if (zip.size() < 22) return entries;
  size_t eocd = zip.size() - 22;  // no archive comment is written
  EXPECT_EQ(Le(zip, eocd, 4), 0x06054b50u) << "no end of central directory record";
  if (Le(zip, eocd, 4) != 0x06054b50u) return entries;
  uint32_t count = Le(zip, eocd + 10, 2);
  uint32_t cd_size = Le(zip, eocd + 12, 4);
  size_t p = Le(zip, eocd + 16, 4);
  EXPECT_EQ(p + cd_size, eocd);
  for (uint32_t i = 0; i < count; ++i) {
    EXPECT_EQ(Le(zip, p, 4), 0x02014b50u);
    uint32_t method = Le(zip, p + 10, 2);
    uint32_t crc = Le(zip, p + 16, 4);
    uint32_t size = Le(zip, p + 20, 4);
    uint32_t usize = Le(zip, p + 24, 4);
    uint32_t name_len = Le(zip, p + 28, 2);
    uint32_t extra_len = Le(zip, p + 30, 2);
    uint32_t comment_len = Le(zip, p + 32, 2);
    uint32_t local = Le(zip, p + 42, 4);
    std::string name = zip.substr(p + 46, name_len);
    EXPECT_EQ(method, 8u);
    EXPECT_EQ(Le(zip, local, 4), 0x04034b50u);
    EXPECT_EQ(zip.substr(local + 30, Le(zip, local + 26, 2)), name);
    size_t data = local + 30 + Le(zip, local + 26, 2) + Le(zip, local + 28, 2);
    size_t consumed = 0;
    std::string content = Inflate(zip, data, &consumed);
    EXPECT_EQ(consumed, size) << name;
    EXPECT_EQ(content.size(), usize) << name;
    EXPECT_EQ(TestCrc32(content), crc) << name;
    if ((Le(zip, local + 6, 2) & 8) != 0) {  // data descriptor after the data
      EXPECT_EQ(Le(zip, data + size, 4), 0x08074b50u);
      EXPECT_EQ(Le(zip, data + size + 4, 4), crc);
      EXPECT_EQ(Le(zip, data + size + 8, 4), size);
      EXPECT_EQ(Le(zip, data + size + 12, 4), usize);
    }
    entries[name] = content;
    p += 46 + name_len + extra_len + comment_len;
  }
  return entries;
}

// The entries of a zip archive read front to back, never looking at the
// central directory: local header, then the entry's bytes, whose end only
// the DEFLATE stream itself tells when sizes are deferred to a data
// descriptor (the rule of java.util.zip.ZipInputStream, which refuses a
// stored entry with a descriptor). Stops at the first central directory
// record. Test failures on any inconsistency.
inline std::map<std::string, std::string> ReadZipStreaming(const std::string& zip) {
  std::map<std::string, std::string> entries;
  size_t p = 0;
  while (p + 4 <= zip.size() && Le(zip, p, 4) == 0x04034b50u) {
    const uint32_t flags = Le(zip, p + 6, 2);
    const uint32_t method = Le(zip, p + 8, 2);
    const uint32_t name_len = Le(zip, p + 26, 2);
    std::string name = zip.substr(p + 30, name_len);
    const size_t data = p + 30 + name_len + Le(zip, p + 28, 2);
    EXPECT_EQ(method, 8u) << name << ": a streaming reader needs a self-ending entry";
    if (method != 8) return entries;
    size_t consumed = 0;
    std::string content = Inflate(zip, data, &consumed);
    p = data + consumed;
    if ((flags & 8) != 0) {
      EXPECT_EQ(Le(zip, p, 4), 0x08074b50u) << name;
      EXPECT_EQ(Le(zip, p + 4, 4), TestCrc32(content)) << name;
      EXPECT_EQ(Le(zip, p + 8, 4), consumed) << name;
      EXPECT_EQ(Le(zip, p + 12, 4), content.size()) << name;
      p += 16;
    }
    entries[name] = std::move(content);
  }
  EXPECT_EQ(Le(zip, p, 4), 0x02014b50u) << "entries not followed by the central directory";
  return entries;
}

// RFC 4180: records end with CRLF (LF accepted), fields may be quoted with
// "" for a quote inside. Returns the records, each a list of fields.
inline std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
      any = true;
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      row.push_back(field);
      rows.push_back(row);
      row.clear();
      field.clear();
      any = false;
    } else {
      field += c;
      any = true;
    }
  }
  EXPECT_FALSE(quoted) << "unterminated quoted field";
  if (any) {
    row.push_back(field);
    rows.push_back(row);
  }
  return rows;
}

}  // namespace trailkeep::testing
