#include "auth/credentials.h"

#include <gtest/gtest.h>

#include "crypto/base64.h"

namespace trailkeep::auth {
namespace {

std::string Basic(std::string_view user_pass) { return "Basic " + crypto::Base64Encode(user_pass); }

TEST(CredentialsTest, Bearer) {
  EXPECT_EQ(ExtractSecret("Bearer tk_abc", ""), "tk_abc");
  EXPECT_EQ(ExtractSecret("bearer tk_abc", ""), "tk_abc");
  EXPECT_EQ(ExtractSecret("BEARER tk_abc", ""), "tk_abc");
  EXPECT_EQ(ExtractSecret("  Bearer   tk_abc  ", ""), "tk_abc");
  EXPECT_EQ(ExtractSecret("Bearer\ttk_abc", ""), "tk_abc");
}

TEST(CredentialsTest, ApiToken) {
  EXPECT_EQ(ExtractSecret("Api-Token dt0c01.abc", ""), "dt0c01.abc");
  EXPECT_EQ(ExtractSecret("api-token dt0c01.abc", ""), "dt0c01.abc");
  EXPECT_EQ(ExtractSecret("API-TOKEN dt0c01.abc", ""), "dt0c01.abc");
}

TEST(CredentialsTest, Basic) {
  EXPECT_EQ(ExtractSecret(Basic("alice:tk_abc"), ""), "tk_abc");
  EXPECT_EQ(ExtractSecret(Basic(":tk_abc"), ""), "tk_abc");  // empty user
  EXPECT_EQ(ExtractSecret(Basic("bob:tk:with:colons"), ""), "tk:with:colons");
  EXPECT_EQ(ExtractSecret("basic " + crypto::Base64Encode("u:tk_x"), ""), "tk_x");
  EXPECT_EQ(ExtractSecret("BASIC " + crypto::Base64Encode("u:tk_x"), ""), "tk_x");
}

TEST(CredentialsTest, MalformedBasic) {
  EXPECT_EQ(ExtractSecret("Basic", ""), std::nullopt);
  EXPECT_EQ(ExtractSecret("Basic ", ""), std::nullopt);
  EXPECT_EQ(ExtractSecret("Basic !!!notbase64", ""), std::nullopt);
  EXPECT_EQ(ExtractSecret(Basic("no-colon-here"), ""), std::nullopt);
  EXPECT_EQ(ExtractSecret(Basic("alice:"), ""), std::nullopt);  // empty password
  EXPECT_EQ(ExtractSecret(Basic("alice:has space"), ""), std::nullopt);
  EXPECT_EQ(ExtractSecret(Basic(std::string("alice:a\0b", 9)), ""), std::nullopt);
}

TEST(CredentialsTest, XAuthToken) {
  EXPECT_EQ(ExtractSecret("", "tk_abc"), "tk_abc");
  EXPECT_EQ(ExtractSecret("", "  tk_abc "), "tk_abc");
  EXPECT_EQ(ExtractSecret("   ", "tk_abc"), "tk_abc");  // blank Authorization = absent
  EXPECT_EQ(ExtractSecret("", "tk abc"), std::nullopt);
}

TEST(CredentialsTest, AuthorizationTakesPrecedence) {
  EXPECT_EQ(ExtractSecret("Bearer from_auth", "from_x"), "from_auth");
  // A malformed Authorization is not silently replaced by X-Auth-Token.
  EXPECT_EQ(ExtractSecret("Bogus from_auth", "from_x"), std::nullopt);
}

TEST(CredentialsTest, EmptyAndMalformed) {
  EXPECT_EQ(ExtractSecret("", ""), std::nullopt);
  EXPECT_EQ(ExtractSecret("Bearer", ""), std::nullopt);
  EXPECT_EQ(ExtractSecret("Bearer ", ""), std::nullopt);
  EXPECT_EQ(ExtractSecret("tk_abc", ""), std::nullopt);  // no scheme
  EXPECT_EQ(ExtractSecret("Token tk_abc", ""), std::nullopt);
  EXPECT_EQ(ExtractSecret("Bearer tk abc", ""), std::nullopt);
  EXPECT_EQ(ExtractSecret("Bearer tk_\x01", ""), std::nullopt);
  EXPECT_EQ(ExtractSecret("Bearer tk_\xc3\xa9", ""), std::nullopt);
  EXPECT_EQ(ExtractSecret("Bearertk_abc", ""), std::nullopt);
}

}  // namespace
}  // namespace trailkeep::auth
