// Response envelopes of the CodeArts dialect: request and trace ids, the
// APIG gateway's 401 body, and the service's error body (API-NOTES 3.2, 3.6).
//
// Thread safety: safe to call concurrently.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "api/http_message.h"

namespace trailkeep::api::dialects::codearts {

// Service error codes.
inline constexpr std::string_view kCodeInvalidParameter = "CR.4001";  // 400
inline constexpr std::string_view kCodeNoPermission = "CR.4102";      // 403
inline constexpr std::string_view kCodeInternal = "CR.5000";          // 500
// Gateway authentication failure code.
inline constexpr std::string_view kCodeGatewayAuth = "APIGW.0301";
inline constexpr std::string_view kCodeGatewayNoApi = "APIGW.0101";  // 404: no such API

// A fresh request id: 32 lower-case hex characters (as Huawei's gateway
// sends in X-Request-Id).
std::string NewRequestId();

// A trace id of digits and hyphens, "<6 digits>-<now ms>-<sequence>", e.g.
// "143002-1701222589443-431"; the 6 digits identify this process.
std::string NewTraceId(int64_t now_ms);

// `http_status` {"error_msg":..., "error_code":code, "request_id":...}: an
// error of the API gateway in front of the service, with the X-Request-Id
// header.
Response GatewayError(int http_status, std::string_view code, std::string_view message,
                      const std::string& request_id);
// GatewayError(401, APIGW.0301, message).
Response GatewayAuthError(std::string_view message, const std::string& request_id);

// `http_status` {"status":"error","trace_id":...,"error_code":code,
// "error_msg":message} with the X-Request-Id header.
Response ServiceError(int http_status, std::string_view code, std::string_view message,
                      const std::string& request_id, int64_t now_ms);

// Adds the X-Request-Id header to `response`.
void SetRequestId(Response& response, const std::string& request_id);

}  // namespace trailkeep::api::dialects::codearts
