// The native API's error shape and the one mapping from Status to HTTP.
//
//   {"error":{"code":"invalid_argument","message":"..."}}
//
// Dialects have their own shapes (api/dialects/) but use HttpStatusFor.
#pragma once

#include <string_view>

#include "api/http_message.h"
#include "base/status.h"

namespace trailkeep::api {

// The HTTP status for a non-OK Status code.
int HttpStatusFor(StatusCode code);
// "invalid_argument", "not_found", ...
std::string_view NativeErrorCode(StatusCode code);

// A native error response. `code` is a short snake_case identifier.
Response NativeError(int http_status, std::string_view code, std::string_view message);
// The native error response for `status`. REQUIRES: !status.ok().
Response NativeError(const Status& status);

}  // namespace trailkeep::api
