#include "auth/credential_list.h"

#include <algorithm>

namespace trailkeep::auth {

Result<std::vector<TokenInfo>> ListCredentials(
    store::MetaStore& meta, std::string_view prefix,
    const std::function<Result<TokenInfo>(std::string_view record)>& decode) {
  std::vector<TokenInfo> out;
  Status decode_error;
  TK_RETURN_IF_ERROR(meta.List(prefix, [&](std::string_view /*key*/, std::string_view value) {
    Result<TokenInfo> info = decode(value);
    if (!info.ok()) {
      if (decode_error.ok()) decode_error = info.status();
      return;
    }
    out.push_back(std::move(info).value());
  }));
  TK_RETURN_IF_ERROR(decode_error);
  std::sort(out.begin(), out.end(), [](const TokenInfo& a, const TokenInfo& b) {
    if (a.created_ms != b.created_ms) return a.created_ms < b.created_ms;
    return a.id < b.id;
  });
  return out;
}

}  // namespace trailkeep::auth
