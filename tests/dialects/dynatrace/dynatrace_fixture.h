// Shared set-up for the Dynatrace dialect's HTTP tests: a real trailkeep
// server with tokens for two environments and helpers to seed and read.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "api/http_message.h"
#include "codec/json_writer.h"
#include "http/json_util.h"
#include "http/server_process.h"

namespace trailkeep::testing::dynatrace {

inline int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

constexpr int64_t kHour = 3600 * 1000;
constexpr int64_t kDay = 24 * kHour;

// A JSON response, parsed.
struct Reply {
  int status = 0;
  std::string body;
  std::string content_type;
  codec::JsonValue json;
};

inline Reply Fetch(Client& client, const std::string& target) {
  auto r = client.Get(target);
  Reply out{r.status, r.body, HeaderOf(r, "Content-Type"), {}};
  if (!r.body.empty()) out.json = Json(r.body);
  return out;
}

inline std::vector<int64_t> Timestamps(const codec::JsonValue& page) {
  std::vector<int64_t> out;
  for (const auto& e : At(page, "auditLogs").items) out.push_back(std::stoll(At(e, "timestamp").string));
  return out;
}

inline std::vector<std::string> LogIds(const codec::JsonValue& page) {
  std::vector<std::string> out;
  for (const auto& e : At(page, "auditLogs").items) out.push_back(At(e, "logId").string);
  return out;
}

// The constraint violations' paths of an ErrorEnvelope.
inline std::vector<std::string> ViolationPaths(const codec::JsonValue& error_body) {
  std::vector<std::string> out;
  const auto& error = At(error_body, "error");
  if (const auto* list = error.Find("constraintViolations")) {
    for (const auto& v : list->items) out.push_back(At(v, "path").string);
  }
  return out;
}

class DynatraceServer : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(dir_.path());
    const ServerProcess& s = *server_;
    writer_token_ = MintToken(s, {"envA", "envB", "envP", "yasmuoujsw"}, {"events.write"});
    reader_token_ = MintToken(s, {"envA"}, {"auditLogs.read"});
    multi_token_ = MintToken(s, {"envA", "envB", "envP", "yasmuoujsw"}, {"auditLogs.read"});
    platform_token_ = MintToken(s, {"envA"}, {"environment-api:audit-logs:read"});
    noscope_token_ = MintToken(s, {"envA"}, {"events.read"});
    admin_token_ = s.FirstStartAdminToken();  // all tenants, "admin"
    writer_ = std::make_unique<Client>(server_->url(), writer_token_);
    reader_ = std::make_unique<Client>(server_->url(), "");
  }

  // Native ingest into `env`; returns the assigned ids.
  std::vector<uint64_t> PostNative(const std::string& env, const std::string& body) {
    auto r = writer_->Post("/v1/events?tenant=" + env, body);
    EXPECT_EQ(r.status, 201) << r.body;
    std::vector<uint64_t> ids;
    if (r.status != 201) return ids;
    codec::JsonValue reply = Json(r.body);
    for (const auto& id : At(reply, "ids").items) ids.push_back(U64(id));
    return ids;
  }

  // Dynatrace-format import into `env`.
  std::vector<uint64_t> PostDynatrace(const std::string& env, const std::string& body) {
    auto r = writer_->Post("/v1/events?format=dynatrace&tenant=" + env, body);
    EXPECT_EQ(r.status, 201) << r.body;
    std::vector<uint64_t> ids;
    if (r.status != 201) return ids;
    codec::JsonValue reply = Json(r.body);
    for (const auto& id : At(reply, "ids").items) ids.push_back(U64(id));
    return ids;
  }

  // GET with `Authorization: Api-Token <token>` (no header when token is "").
  Reply As(const std::string& token, const std::string& target,
           const std::string& scheme = "Api-Token") {
    api::HeaderList headers;
    if (!token.empty()) headers.emplace_back("Authorization", scheme + " " + token);
    auto r = reader_->Get(target, headers);
    Reply out{r.status, r.body, HeaderOf(r, "Content-Type"), {}};
    if (!r.body.empty()) out.json = Json(r.body);
    return out;
  }
  Reply Read(const std::string& target) { return As(reader_token_, target); }

  TempDir dir_;
  std::string writer_token_, reader_token_, multi_token_, platform_token_, noscope_token_,
      admin_token_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<Client> writer_, reader_;
};

}  // namespace trailkeep::testing::dynatrace
