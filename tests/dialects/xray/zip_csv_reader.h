// Test-side readers for the Xray CSV export, independent of the server code:
// a zip reader (central directory, stored and checked entries) and an
// RFC 4180 CSV parser.
#pragma once

#include <gtest/gtest.h>

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

// The entries of a zip archive (name → content), read through its central
// directory. Only stored (method 0) entries are accepted; every entry's
// CRC-32 and local header are checked. Test failures on any inconsistency.
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
    EXPECT_EQ(method, 0u);
    EXPECT_EQ(size, usize);
    EXPECT_EQ(Le(zip, local, 4), 0x04034b50u);
    EXPECT_EQ(zip.substr(local + 30, Le(zip, local + 26, 2)), name);
    size_t data = local + 30 + Le(zip, local + 26, 2) + Le(zip, local + 28, 2);
    std::string content = zip.substr(data, size);
    EXPECT_EQ(TestCrc32(content), crc) << name;
    if ((Le(zip, local + 6, 2) & 8) != 0) {  // data descriptor after the data
      EXPECT_EQ(Le(zip, data + size, 4), 0x08074b50u);
      EXPECT_EQ(Le(zip, data + size + 4, 4), crc);
      EXPECT_EQ(Le(zip, data + size + 8, 4), size);
    }
    entries[name] = content;
    p += 46 + name_len + extra_len + comment_len;
  }
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
