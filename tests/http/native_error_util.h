// Asserting on the native error shape in HTTP tests:
//   {"error":{"code":"...","message":"...", ...}}
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "api/client/http_client.h"
#include "http/json_util.h"
#include "http/server_process.h"

namespace trailkeep::testing {

// Checks that `r` has `status`, a JSON content type, and a body of exactly one
// member "error" holding string "code" and "message"; `code` must match when
// non-empty and the message must contain `message_part` when non-empty.
// Returns the error object (a null value when the shape is wrong).
inline codec::JsonValue ExpectNativeError(const api::ClientResponse& r, int status,
                                          const std::string& code = "",
                                          const std::string& message_part = "") {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_NE(HeaderOf(r, "Content-Type").find("application/json"), std::string::npos)
      << "content type: " << HeaderOf(r, "Content-Type");
  auto v = codec::ParseJsonValue(r.body);
  if (!v.ok()) {
    ADD_FAILURE() << "error body is not JSON: " << r.body;
    return {};
  }
  if (v->type != codec::JsonValue::Type::kObject || v->members.size() != 1 ||
      v->members[0].first != "error") {
    ADD_FAILURE() << "error body is not {\"error\":{...}}: " << r.body;
    return {};
  }
  codec::JsonValue e = v->members[0].second;
  const codec::JsonValue* c = e.Find("code");
  const codec::JsonValue* m = e.Find("message");
  if (c == nullptr || c->type != codec::JsonValue::Type::kString || m == nullptr ||
      m->type != codec::JsonValue::Type::kString) {
    ADD_FAILURE() << "error without string code/message: " << r.body;
    return {};
  }
  if (!code.empty()) {
    EXPECT_EQ(c->string, code) << r.body;
  }
  if (!message_part.empty()) {
    EXPECT_NE(m->string.find(message_part), std::string::npos)
        << "message does not mention '" << message_part << "': " << r.body;
  }
  return e;
}

// The status line, headers and body of a raw HTTP response text.
struct RawResponse {
  int status = 0;
  std::string head;  // status line and headers
  std::string body;
};

// Parses the FIRST response in `text` (skipping any interim 1xx responses
// when `skip_interim`). Body: up to Content-Length bytes, or the rest.
inline RawResponse ParseRaw(const std::string& text, bool skip_interim = true) {
  RawResponse out;
  size_t pos = 0;
  for (;;) {
    size_t end = text.find("\r\n\r\n", pos);
    if (end == std::string::npos || text.compare(pos, 5, "HTTP/") != 0) return out;
    out.head = text.substr(pos, end - pos);
    size_t sp = out.head.find(' ');
    out.status = sp == std::string::npos ? 0 : std::atoi(out.head.c_str() + sp + 1);
    pos = end + 4;
    if (skip_interim && out.status >= 100 && out.status < 200) continue;
    break;
  }
  std::string lower = out.head;
  for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  size_t cl = lower.find("\r\ncontent-length:");
  if (cl != std::string::npos) {
    size_t n = std::stoul(out.head.substr(cl + 17));
    out.body = text.substr(pos, n);
  } else {
    out.body = text.substr(pos);
  }
  return out;
}

}  // namespace trailkeep::testing
