// Shared set-up for the Opsera dialect HTTP tests: one real `trailkeep`
// server, tokens for every role/scope combination the tests need, and
// helpers to build and import Opsera-shaped records.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "base/time_format.h"
#include "http/json_util.h"
#include "http/server_process.h"

namespace trailkeep::testing::opsera {

inline constexpr const char* kTenant = "org-opsera-dnd-acc0";
inline constexpr const char* kV1Actions = "/api/v1/logs/user/actions";
inline constexpr const char* kV2Audit = "/api/v2/logs/audit/user";
inline constexpr const char* kV1Tokens = "/api/v1/logs/user/tokens";
inline constexpr const char* kV1Pipelines = "/api/v1/logs/pipelines";
inline constexpr int64_t kHourMs = 3'600'000;
inline constexpr int64_t kDayMs = 24 * kHourMs;

inline int64_t WallNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

inline std::string Iso(int64_t ms) { return FormatIsoMs(ms); }

// A user-action record as the v1 sample shows it (no _id: ids are the
// server's). `extra` is appended verbatim inside the object (",\"k\":v").
inline std::string ActionRecord(int64_t time_ms, const std::string& type, const std::string& action,
                                const std::string& user_id = "5e1cbf251c26d68f7ce6361e",
                                const std::string& email = "support@opsera.io",
                                const std::string& target = "5fbe589a0fae8b021e137534",
                                const std::string& extra = "") {
  return R"({"user_id":")" + user_id + R"(","user_email":")" + email + R"(","type":")" + type +
         R"(","action":")" + action + R"(","target_id":")" + target + R"(","account":")" +
         kTenant + R"(","createdAt":")" + Iso(time_ms) + R"(","updatedAt":")" + Iso(time_ms) +
         R"(","__v":0)" + extra + "}";
}

inline std::string TokenRecord(int64_t time_ms, const std::string& scope,
                               const std::string& target = "/v1/logs/user/tokens") {
  return R"({"token_id":"61043b2bbcb6d95b55adc5fd","scope":")" + scope + R"(","target":")" +
         target + R"(","user_id":"5e1cbf251c26d68f7ce6361e","account":")" + kTenant +
         R"(","createdAt":")" + Iso(time_ms) + R"(","updatedAt":")" + Iso(time_ms) +
         R"(","__v":0})";
}

inline std::string PipelineRecord(int64_t time_ms, const std::string& tool,
                                  const std::string& extra = "") {
  return R"({"user_id":"60157c8c70628140f776e359","pipeline_id":"611e7dca57f4eff66e9db084","tool_identifier":")" +
         tool +
         R"(","step_id":"611508513ce36642d3180dc8","step_index":2,"step_name":"anchore","step_configuration":{"tool":"event based automation","topic":"opsera.pipeline.response"},"action":"start confirmation","api_response":{"pipelineId":"611e7dca57f4eff66e9db084","customerId":"60157c8c70628140f776e359","stepId":"611508513ce36642d3180dc8","message":"Anchore Scan Started Successfully","status":"analyzing","runCount":174,"stepIdentifier":"anchore-integrator"},"message":"Anchore Scan Started Successfully","status":"analyzing","run_count":174,"createdAt":")" +
         Iso(time_ms) + R"(","updatedAt":")" + Iso(time_ms) + R"(","__v":0)" + extra + "}";
}

inline std::string JsonArray(const std::vector<std::string>& records) {
  std::string out = "[";
  for (size_t i = 0; i < records.size(); ++i) out += (i ? "," : "") + records[i];
  return out + "]";
}

// Times of a `data` array's `createdAt` values, parsed.
inline std::vector<int64_t> CreatedTimes(const codec::JsonValue& data) {
  std::vector<int64_t> out;
  for (const auto& r : data.items) out.push_back(ParseIsoMs(At(r, "createdAt").string).value_or(-1));
  return out;
}

// One server for the whole suite plus named tokens (created offline before
// the server starts).
class OpseraServer {
 public:
  // token name → scopes; every token is bound to kTenant unless the name
  // starts with "other" (bound to "other-acc").
  explicit OpseraServer(const std::map<std::string, std::vector<std::string>>& tokens) {
    server_ = std::make_unique<ServerProcess>(dir_.path());
    for (const auto& [name, scopes] : tokens) {
      std::string tenant = name.rfind("other", 0) == 0 ? "other-acc" : kTenant;
      tokens_[name] = MintToken(*server_, {tenant}, scopes);
    }
  }
  Client As(const std::string& token_name) {
    auto it = tokens_.find(token_name);
    EXPECT_NE(it, tokens_.end()) << token_name;
    return Client(server_->url(), it == tokens_.end() ? "" : it->second);
  }
  const std::string& Token(const std::string& name) { return tokens_[name]; }
  const std::string& DataDir() const { return dir_.path(); }
  std::string url() const { return server_->url(); }

  // Imports `body` with ?format=opsera as `token_name` (needs events.write).
  void Import(const std::string& token_name, const std::string& body) {
    auto r = As(token_name).Post("/v1/events?format=opsera", body);
    ASSERT_EQ(r.status, 201) << r.body;
  }

 private:
  TempDir dir_;
  std::map<std::string, std::string> tokens_;
  std::unique_ptr<ServerProcess> server_;
};

}  // namespace trailkeep::testing::opsera
