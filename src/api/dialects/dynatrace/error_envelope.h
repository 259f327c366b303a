// Dynatrace's error shape (OpenAPI ErrorEnvelope / Error / ConstraintViolation):
//
//   {"error":{"code":400,"message":"Constraints violated.",
//             "constraintViolations":[{"path":"pageSize","message":"...",
//                                      "parameterLocation":"QUERY","location":null}]}}
//
// constraintViolations appears only on validation errors (400).
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "api/http_message.h"

namespace trailkeep::api::dialects::dynatrace {

// Every Dynatrace response carries this content type.
inline constexpr std::string_view kContentType = "application/json; charset=utf-8";

// One violated constraint of a request parameter.
struct Violation {
  std::string path;     // the parameter's name ("pageSize", "id")
  std::string message;  // bean-validation style text ("must be ...")
  std::string location = "QUERY";  // QUERY | PATH | HEADER | PAYLOAD_BODY
};

// {"error":{"code":status,"message":message}} with kContentType.
Response ErrorResponse(int status, std::string_view message);

// 400 "Constraints violated." with every violation, in order.
// REQUIRES: !violations.empty().
Response ViolationsResponse(const std::vector<Violation>& violations);

// A 200 (or other) JSON response with kContentType.
Response JsonResponse(int status, std::string body);

}  // namespace trailkeep::api::dialects::dynatrace
