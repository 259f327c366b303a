// Shared set-up for the CodeArts HTTP tests: a server, a token bound to one
// CodeArts tenant/project, and helpers to import records and query the view.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "http/json_util.h"
#include "http/server_process.h"
#include "http/text_shapes.h"

namespace trailkeep::testing {

inline constexpr char kTenantId[] = "0a1b2c3d4e5f6a7b8c9d";
inline constexpr char kProjectId[] = "5f1e8a7b9c0d4e2f8a6b3c1d0e9f7a2b";
inline constexpr char kRepo[] = "cn-north-7_5a775fdcb14f4431b6c0015618140bc3_maven_1_108";
inline constexpr char kOtherRepo[] = "cn-north-7_5a775fdcb14f4431b6c0015618140bc3_npm_2";
inline constexpr char kReadScope[] = "codeartsartifact:repository:read";

// The Trailkeep tenant the path (kTenantId, kProjectId) maps to.
inline std::string CodeArtsTenant() { return std::string(kTenantId) + "." + kProjectId; }

inline std::string AuditPath(const std::string& module = "file", const std::string& repo = kRepo,
                             const std::string& tenant_id = kTenantId,
                             const std::string& project_id = kProjectId) {
  return "/cloudartifact/v5/" + tenant_id + "/" + project_id + "/" + module + "/" + repo +
         "/audit";
}

// One AuditDO-shaped record as JSON. `time` is "yyyy/MM/dd HH:mm:ss".
struct Rec {
  std::string module = "file";
  std::string operation = "upload";
  std::string time = "2023/10/27 15:46:19";
  std::string info = kRepo;
  std::string data = "com/acme/lib/1.0/lib-1.0.jar";
  std::string reason;  // empty: null
  std::string user_agent = "Apache-HttpClient/4.5.13 (Java/1.8.0_232)";
  std::string op = "devcloud_alice";
  std::string nick;  // empty: absent
  std::string ip = "10.172.180.79";
  std::string user_id;      // empty: absent
  std::string instance_id;  // empty: absent

  std::string Json(int vendor_id) const {
    std::string s = "{\"id\":\"" + std::to_string(vendor_id) + "\",\"module\":\"" + module +
                    "\",\"operation\":\"" + operation + "\",\"time\":\"" + time +
                    "\",\"info\":\"" + info + "\",\"data\":\"" + data + "\",\"reason\":" +
                    (reason.empty() ? "null" : "\"" + reason + "\"") + ",\"userAgent\":\"" +
                    user_agent + "\",\"operator\":\"" + op + "\"";
    if (!nick.empty()) s += ",\"operatorNickName\":\"" + nick + "\"";
    s += ",\"ipSource\":\"" + ip + "\"";
    if (!user_id.empty()) s += ",\"userId\":\"" + user_id + "\"";
    if (!instance_id.empty()) s += ",\"instanceId\":\"" + instance_id + "\"";
    return s + "}";
  }
};

inline std::string JsonArray(const std::vector<Rec>& recs) {
  std::string body = "[";
  for (size_t i = 0; i < recs.size(); ++i) body += (i ? "," : "") + recs[i].Json(1000 + int(i));
  return body + "]";
}

// "2023/10/27 10:00:SS" style times that grow with i (one per minute).
inline std::string MinuteTime(int i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "2023/10/27 %02d:%02d:00", 8 + i / 60, i % 60);
  return buf;
}

class CodeArtsHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(dir_.path());
    token_ = MintToken(*server_, {CodeArtsTenant()}, {kReadScope, "events.write"});
    writer_ = std::make_unique<Client>(server_->url(), token_);
    reader_ = std::make_unique<Client>(server_->url(), "");
  }

  // Imports records into the CodeArts tenant; expects 201.
  void Import(const std::string& body) {
    auto r = writer_->Post("/v1/events?format=codearts&tenant=" + CodeArtsTenant(), body);
    ASSERT_EQ(r.status, 201) << r.body;
  }

  api::ClientResponse Get(const std::string& target, const std::string& token) {
    return reader_->Get(target, {{"X-Auth-Token", token}});
  }
  api::ClientResponse Get(const std::string& target) { return Get(target, token_); }

  TempDir dir_;
  std::string token_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<Client> writer_;  // Bearer token, for native ingest
  std::unique_ptr<Client> reader_;  // no default credentials
};


// Asserts the service error shape with `status`.
inline void ExpectServiceError(const api::ClientResponse& r, int status) {
  EXPECT_EQ(r.status, status) << r.body;
  auto v = Json(r.body);
  EXPECT_EQ(At(v, "status").string, "error") << r.body;
  EXPECT_TRUE(IsDashedDigits(At(v, "trace_id").string, 3)) << r.body;
  EXPECT_TRUE(MatchesShape(At(v, "error_code").string, "CR.9999")) << r.body;
  EXPECT_EQ(At(v, "error_msg").type, codec::JsonValue::Type::kString);
  EXPECT_TRUE(IsLowerHex(HeaderOf(r, "X-Request-Id"), 32));
}

// Asserts the gateway's 401 shape.
inline void ExpectGatewayError(const api::ClientResponse& r) {
  EXPECT_EQ(r.status, 401) << r.body;
  auto v = Json(r.body);
  EXPECT_EQ(At(v, "error_code").string, "APIGW.0301") << r.body;
  EXPECT_EQ(At(v, "error_msg").type, codec::JsonValue::Type::kString);
  EXPECT_FALSE(At(v, "error_msg").string.empty());
  EXPECT_TRUE(IsLowerHex(At(v, "request_id").string, 32)) << r.body;
  EXPECT_EQ(HeaderOf(r, "X-Request-Id"), At(v, "request_id").string);
}

}  // namespace trailkeep::testing
