#include "store/rocksdb/keys.h"

namespace trailkeep::store::rocksdb_store {

void PutU32(std::string* out, uint32_t v) {
  char b[4];
  for (int i = 3; i >= 0; --i, v >>= 8) b[i] = static_cast<char>(v & 0xff);
  out->append(b, 4);
}

void PutU64(std::string* out, uint64_t v) {
  char b[8];
  out->append(b, WriteU64(b, v));
}

void PutI64(std::string* out, int64_t v) {
  char b[8];
  out->append(b, WriteI64(b, v));
}

uint32_t GetU32(const char* p) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<uint8_t>(p[i]);
  return v;
}

int64_t GetI64(const char* p) {
  return static_cast<int64_t>(GetU64(p) ^ 0x8000000000000000ull);
}

void PutEscaped(std::string* out, std::string_view s) {
  // Whole runs between NULs at a time: values rarely hold one, and this is
  // on the commit path (every posting prefix and block key).
  out->reserve(out->size() + s.size() + 2);
  for (;;) {
    const size_t nul = s.find('\0');
    if (nul == std::string_view::npos) break;
    out->append(s.data(), nul + 1);
    out->push_back('\xff');
    s.remove_prefix(nul + 1);
  }
  out->append(s);
  out->push_back('\0');
  out->push_back('\x01');
}

std::string EventKey(TenantOrdinal t, uint64_t id) {
  std::string k;
  AppendEventKey(&k, t, id);
  return k;
}

void AppendEventKey(std::string* out, TenantOrdinal t, uint64_t id) {
  PutU64(out, EventEpoch(id));
  PutU32(out, t);
  PutU64(out, id);
}

std::optional<EventKeyParts> ParseEventKey(std::string_view key) {
  if (key.size() != kEventKeyBytes) return std::nullopt;
  return EventKeyParts{GetU64(key.data()), GetU32(key.data() + 8), GetU64(key.data() + 12)};
}

bool GetLongVarint(std::string_view* in, uint64_t* v) {
  uint64_t result = 0;
  for (int shift = 0; shift <= 63 && !in->empty(); shift += 7) {
    uint8_t b = static_cast<uint8_t>(in->front());
    in->remove_prefix(1);
    result |= static_cast<uint64_t>(b & 0x7f) << shift;
    if ((b & 0x80) == 0) {
      *v = result;
      return true;
    }
  }
  return false;
}

void AppendTimeId(std::string* out, int64_t time, uint64_t id) {
  PutI64(out, time);
  PutU64(out, id);
}

void AppendTimePrefix(std::string* out, TenantOrdinal t) {
  PutU32(out, t);
  out->push_back(kTimeTag);
}

void AppendPostingPrefix(std::string* out, TenantOrdinal t, model::IndexedField f,
                         std::string_view value) {
  PutU32(out, t);
  out->push_back(kPostingTag);
  out->push_back(static_cast<char>(f));
  PutEscaped(out, value);
}

void AppendBlockKey(std::string* out, uint64_t epoch, TenantOrdinal t, model::IndexedField f,
                    std::string_view value) {
  PutU64(out, epoch);
  PutU32(out, t);
  out->push_back(static_cast<char>(f));
  PutEscaped(out, value);
}

std::string UidKey(TenantOrdinal t, std::string_view uid) {
  std::string k;
  PutU32(&k, t);
  k.push_back(kUidTag);
  PutEscaped(&k, uid);
  return k;
}

std::optional<std::string> GetEscaped(std::string_view in) {
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '\0') {
      out.push_back(in[i]);
      continue;
    }
    if (i + 1 >= in.size()) return std::nullopt;
    const char next = in[++i];
    if (next == '\x01') {
      if (i + 1 != in.size()) return std::nullopt;
      return out;
    }
    if (next != '\xff') return std::nullopt;
    out.push_back('\0');
  }
  return std::nullopt;  // no terminator
}

void AppendValueChunkKey(std::string* out, TenantOrdinal t, model::IndexedField f, uint64_t id) {
  PutU32(out, t);
  out->push_back(kValueTag);
  out->push_back(static_cast<char>(f));
  PutU64(out, id);
}

void EncodeValueChunk(const std::vector<std::string>& values, std::string* out) {
  for (const std::string& v : values) {
    PutVarint(out, v.size());
    out->append(v);
  }
}

bool DecodeValueChunk(std::string_view chunk, std::vector<std::string>* out) {
  while (!chunk.empty()) {
    uint64_t n = 0;
    if (!GetVarint(&chunk, &n) || n > chunk.size()) return false;
    out->emplace_back(chunk.substr(0, n));
    chunk.remove_prefix(n);
  }
  return true;
}

std::string IdempotencyKey(TenantOrdinal t, std::string_view key) {
  std::string k;
  PutU32(&k, t);
  k.push_back(kIdemTag);
  PutEscaped(&k, key);
  return k;
}

void AppendCountPrefix(std::string* out, TenantOrdinal t, uint8_t field, std::string_view value,
                       char gran) {
  PutU32(out, t);
  out->push_back(kCountTag);
  out->push_back(static_cast<char>(field));
  PutEscaped(out, value);
  out->push_back(gran);
}

void AppendIdRangePrefix(std::string* out, TenantOrdinal t, char gran) {
  PutU32(out, t);
  out->push_back(kIdRangeTag);
  out->push_back(gran);
}

std::string IdRangeValue(uint64_t min_id, uint64_t max_id) {
  std::string v;
  PutU64(&v, min_id);
  PutU64(&v, max_id);
  return v;
}

}  // namespace trailkeep::store::rocksdb_store
