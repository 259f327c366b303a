#include "auth/token_record.h"

#include <charconv>
#include <cstdint>

namespace trailkeep::auth {
namespace {

constexpr std::string_view kTag = "tk-token-1";
// Bounds a record can never legitimately exceed; they stop a corrupt count
// from driving a huge allocation.
constexpr size_t kMaxListSize = 4096;

void PutField(std::string& out, std::string_view field) {
  out.append(std::to_string(field.size()));
  out.push_back(':');
  out.append(field);
  out.push_back(',');
}

void PutList(std::string& out, const std::vector<std::string>& list) {
  PutField(out, std::to_string(list.size()));
  for (const std::string& s : list) PutField(out, s);
}

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}

  bool Field(std::string_view& field) {
    size_t colon = in_.find(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    size_t len = 0;
    auto [end, ec] = std::from_chars(in_.data(), in_.data() + colon, len);
    if (ec != std::errc() || end != in_.data() + colon) return false;
    // The field and its ',' terminator must fit in what remains.
    if (len >= in_.size() - colon - 1) return false;
    field = in_.substr(colon + 1, len);
    if (in_[colon + 1 + len] != ',') return false;
    in_.remove_prefix(colon + 2 + len);
    return true;
  }

  bool String(std::string& out) {
    std::string_view f;
    if (!Field(f)) return false;
    out.assign(f);
    return true;
  }

  template <typename Int>
  bool Integer(Int& out) {
    std::string_view f;
    if (!Field(f) || f.empty()) return false;
    auto [end, ec] = std::from_chars(f.data(), f.data() + f.size(), out);
    return ec == std::errc() && end == f.data() + f.size();
  }

  bool List(std::vector<std::string>& out) {
    size_t n = 0;
    if (!Integer(n) || n > kMaxListSize) return false;
    out.resize(n);
    for (std::string& s : out) {
      if (!String(s)) return false;
    }
    return true;
  }

  bool Done() const { return in_.empty(); }

 private:
  std::string_view in_;
};

}  // namespace

std::string EncodeTokenRecord(const TokenRecord& record) {
  std::string out(kTag);
  PutField(out, record.hash_hex);
  PutField(out, record.info.id);
  PutField(out, record.info.name);
  PutField(out, std::to_string(record.info.created_ms));
  PutList(out, record.info.tenants);
  PutList(out, record.info.scopes);
  return out;
}

Result<TokenRecord> DecodeTokenRecord(std::string_view bytes) {
  if (!bytes.starts_with(kTag)) return Internal("corrupt token record");
  Reader r(bytes.substr(kTag.size()));
  TokenRecord rec;
  bool ok = r.String(rec.hash_hex) && r.String(rec.info.id) && r.String(rec.info.name) &&
            r.Integer(rec.info.created_ms) && r.List(rec.info.tenants) && r.List(rec.info.scopes) &&
            r.Done();
  if (!ok) return Internal("corrupt token record");
  return rec;
}

}  // namespace trailkeep::auth
