// {"events":[...], "next_after": N|null, "total": N}
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "query/selection_scan.h"

namespace trailkeep::api {

// `total` is written only when set. `next_after` null means "no more".
std::string PageJson(const query::Page& page, std::optional<uint64_t> next_after,
                     std::optional<uint64_t> total);

}  // namespace trailkeep::api
