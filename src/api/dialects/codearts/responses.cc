#include "api/dialects/codearts/responses.h"

#include <unistd.h>

#include <atomic>

#include "codec/json_writer.h"
#include "crypto/hex.h"
#include "crypto/random.h"

namespace trailkeep::api::dialects::codearts {
namespace {

std::atomic<uint64_t> trace_sequence{0};

}  // namespace

std::string NewRequestId() {
  auto bytes = crypto::RandomBytes(16);
  if (bytes.ok()) return crypto::HexEncode(*bytes);
  // The CSPRNG failing must not fail the request: an id only has to be
  // unique enough to find a log line.
  static std::atomic<uint64_t> fallback{0};
  std::string id = std::to_string(++fallback);
  return std::string(32 - id.size(), '0') + id;
}

std::string NewTraceId(int64_t now_ms) {
  unsigned node = static_cast<unsigned>(getpid()) % 900000 + 100000;
  return std::to_string(node) + "-" + std::to_string(now_ms) + "-" +
         std::to_string(++trace_sequence);
}

void SetRequestId(Response& response, const std::string& request_id) {
  response.headers.emplace_back("X-Request-Id", request_id);
}

Response GatewayError(int http_status, std::string_view code, std::string_view message,
                      const std::string& request_id) {
  codec::JsonWriter w;
  w.BeginObject();
  w.Key("error_msg");
  w.String(message);
  w.Key("error_code");
  w.String(code);
  w.Key("request_id");
  w.String(request_id);
  w.EndObject();
  Response r = Response::Json(http_status, w.Take());
  SetRequestId(r, request_id);
  return r;
}

Response GatewayAuthError(std::string_view message, const std::string& request_id) {
  return GatewayError(401, kCodeGatewayAuth, message, request_id);
}

Response ServiceError(int http_status, std::string_view code, std::string_view message,
                      const std::string& request_id, int64_t now_ms) {
  codec::JsonWriter w;
  w.BeginObject();
  w.Key("status");
  w.String("error");
  w.Key("trace_id");
  w.String(NewTraceId(now_ms));
  w.Key("error_code");
  w.String(code);
  w.Key("error_msg");
  w.String(message);
  w.EndObject();
  Response r = Response::Json(http_status, w.Take());
  SetRequestId(r, request_id);
  return r;
}

}  // namespace trailkeep::api::dialects::codearts
