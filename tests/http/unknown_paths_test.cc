// Unknown paths answer 404 in the error shape of the API whose namespace
// they fall under (the longest matching prefix), so a vendor client reading
// its own error body keeps working; everything else gets the native shape.
#include <gtest/gtest.h>

#include "http/json_util.h"
#include "http/server_process.h"

namespace trailkeep::testing {
namespace {

class UnknownPaths : public ::testing::Test {
 protected:
  void SetUp() override {
    token_ = CreateToken(dir_.path(), {"acme"}, {"events.read"});
    server_ = std::make_unique<ServerProcess>(dir_.path());
    client_ = std::make_unique<Client>(server_->url(), token_);
  }

  codec::JsonValue Get404(const std::string& path) {
    auto r = client_->Get(path);
    EXPECT_EQ(r.status, 404) << path << ": " << r.body;
    return Json(r.body);
  }

  TempDir dir_;
  std::string token_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<Client> client_;
};

TEST_F(UnknownPaths, NativePathsGetTheNativeShape) {
  for (std::string path : {"/v1/nope", "/nope", "/v1/events/1/extra"}) {
    codec::JsonValue j = Get404(path);
    EXPECT_EQ(At(At(j, "error"), "code").string, "not_found") << path;
  }
}

TEST_F(UnknownPaths, DynatraceNamespacesGetTheErrorEnvelope) {
  for (std::string path : {"/api/v2/auditlogs/1/extra", "/e/env1/api/v2/nope", "/e/env1",
                           "/platform/classic/environment-api/v2/auditlogs/1/2"}) {
    codec::JsonValue j = Get404(path);
    EXPECT_EQ(At(At(j, "error"), "code").string, "404") << path;
    EXPECT_FALSE(At(At(j, "error"), "message").string.empty()) << path;
  }
}

TEST_F(UnknownPaths, XrayNamespaceGetsThePlatformShape) {
  codec::JsonValue j = Get404("/xray/api/v1/curation/audit/nope");
  const codec::JsonValue& errors = At(j, "errors");
  ASSERT_EQ(errors.items.size(), 1u);
  EXPECT_EQ(At(errors.items[0], "status").string, "404");
}

TEST_F(UnknownPaths, CodeArtsNamespaceGetsTheGatewayShape) {
  auto r = client_->Get("/cloudartifact/v5/t/p/nope");
  EXPECT_EQ(r.status, 404);
  codec::JsonValue j = Json(r.body);
  EXPECT_EQ(At(j, "error_code").string, "APIGW.0101");
  EXPECT_EQ(HeaderOf(r, "X-Request-Id"), At(j, "request_id").string);
}

TEST_F(UnknownPaths, OtherApiPathsGetOpserasShape) {
  for (std::string path : {"/api/v1/logs/nope", "/api/v3/anything", "/api/v2/logs/audit/x/y"}) {
    auto r = client_->Get(path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.body, R"({"message":"Not Found"})") << path;
  }
}

}  // namespace
}  // namespace trailkeep::testing
