#include "auth/token_record.h"

#include <gtest/gtest.h>

namespace trailkeep::auth {
namespace {

TokenRecord Sample() {
  TokenRecord r;
  r.hash_hex = std::string(64, 'a');
  r.info.id = "0123456789ab";
  r.info.name = std::string("odd, name:\n with\0 bytes", 23);
  r.info.tenants = {"acme", "globex"};
  r.info.scopes = {"events.read", "admin"};
  r.info.created_ms = 1700000000123;
  return r;
}

TEST(TokenRecordTest, RoundTrip) {
  TokenRecord r = Sample();
  Result<TokenRecord> back = DecodeTokenRecord(EncodeTokenRecord(r));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, r);

  TokenRecord empty;
  EXPECT_EQ(*DecodeTokenRecord(EncodeTokenRecord(empty)), empty);

  r.info.created_ms = -5;
  EXPECT_EQ(*DecodeTokenRecord(EncodeTokenRecord(r)), r);
}

TEST(TokenRecordTest, RejectsCorruption) {
  std::string good = EncodeTokenRecord(Sample());
  EXPECT_FALSE(DecodeTokenRecord("").ok());
  EXPECT_FALSE(DecodeTokenRecord("garbage").ok());
  EXPECT_FALSE(DecodeTokenRecord(good + "x").ok());
  EXPECT_EQ(DecodeTokenRecord("tk-token-1" + std::string("99999999999999999999999:")).status(),
            Internal("corrupt token record"));
  EXPECT_FALSE(DecodeTokenRecord("tk-token-118446744073709551615:x,").ok());
  for (size_t cut = 0; cut < good.size(); ++cut) {
    EXPECT_FALSE(DecodeTokenRecord(good.substr(0, cut)).ok()) << cut;
  }
}

}  // namespace
}  // namespace trailkeep::auth
