// Listing stored credentials (tokens, access keys): what TokenService::List
// and AccessKeyService::List share.
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "auth/token.h"
#include "base/status.h"
#include "store/meta_store.h"

namespace trailkeep::auth {

// Every record under `prefix` in `meta`, decoded by `decode`, sorted by
// created_ms, then id.
// Errors: the first error of `decode` (a corrupt record is reported, never
//         skipped); MetaStore errors.
Result<std::vector<TokenInfo>> ListCredentials(
    store::MetaStore& meta, std::string_view prefix,
    const std::function<Result<TokenInfo>(std::string_view record)>& decode);

}  // namespace trailkeep::auth
