// The JFrog platform error shape, used for every Xray dialect error:
//   {"errors":[{"status":400,"message":"Maximum allowed duration is 168 hours"}]}
#pragma once

#include <string_view>

#include "api/http_message.h"
#include "base/status.h"

namespace trailkeep::api::dialects::xray {

Response XrayError(int http_status, std::string_view message);
// The error response for `status` (HTTP status from api::HttpStatusFor).
// REQUIRES: !status.ok().
Response XrayError(const Status& status);

}  // namespace trailkeep::api::dialects::xray
