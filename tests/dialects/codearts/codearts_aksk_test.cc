// AK/SK (SDK-HMAC-SHA256) authentication over HTTP: access keys issued with
// `trailkeep access-key create`, requests signed by the test's own signer
// (test_signer.h), verified by the real server.
#include <ctime>

#include "dialects/codearts/codearts_fixture.h"
#include "dialects/codearts/test_signer.h"

namespace trailkeep::testing {
namespace {

struct AccessKeyPair {
  std::string ak, sk;
};

AccessKeyPair CreateAccessKey(const std::string& dir, const std::string& tenant) {
  CommandResult r = RunTrailkeep(
      {"access-key", "create", "--data", dir, "--tenant", tenant, "--scope", kReadScope});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  AccessKeyPair key;
  size_t ak = r.out.find("AK "), sk = r.out.find("SK ");
  EXPECT_NE(ak, std::string::npos) << r.out;
  EXPECT_NE(sk, std::string::npos) << r.out;
  if (ak == std::string::npos || sk == std::string::npos) return key;
  key.ak = r.out.substr(ak + 3, r.out.find('\n', ak) - ak - 3);
  key.sk = r.out.substr(sk + 3, r.out.find('\n', sk) - sk - 3);
  return key;
}

class CodeArtsAkSk : public CodeArtsHttp {
 protected:
  void SetUp() override {
    key_ = CreateAccessKey(dir_.path(), CodeArtsTenant());
    other_key_ = CreateAccessKey(dir_.path(), std::string(kTenantId) + "." + std::string(32, '1'));
    CodeArtsHttp::SetUp();
    std::vector<Rec> recs(3);
    for (int i = 0; i < 3; ++i) recs[i].time = MinuteTime(i);
    Import(JsonArray(recs));
  }

  struct Signed {
    std::multimap<std::string, std::string> query = {{"page_num", "1"}, {"page_size", "5"}};
    std::string path = AuditPath();
    std::time_t at = std::time(nullptr);
    std::string ak, sk;
  };

  // Signs `s` and sends it; `sent_query` replaces the query actually sent.
  api::ClientResponse Send(const Signed& s, const std::string* sent_query = nullptr,
                           const std::string* authorization = nullptr) {
    SignedRequestParts parts;
    parts.path = s.path;
    parts.query = s.query;
    std::string date = SdkDate(s.at);
    parts.headers = {{"host", "127.0.0.1:" + std::to_string(server_->port())},
                     {"x-sdk-date", date}};
    std::string query;
    for (const auto& [k, v] : s.query) {
      query += (query.empty() ? "" : "&") + SignerEscape(k) + "=" + SignerEscape(v);
    }
    if (sent_query) query = *sent_query;
    std::string auth = authorization ? *authorization
                                     : TestAuthorization(parts, s.ak, s.sk, date);
    return reader_->Get(s.path + (query.empty() ? "" : "?" + query),
                        {{"X-Sdk-Date", date}, {"Authorization", auth}});
  }

  Signed With(const AccessKeyPair& k) {
    Signed s;
    s.ak = k.ak;
    s.sk = k.sk;
    return s;
  }

  AccessKeyPair key_, other_key_;
};

TEST_F(CodeArtsAkSk, SignedRequestIsAnswered) {
  ASSERT_EQ(key_.ak.size(), 20u);
  ASSERT_EQ(key_.sk.size(), 40u);
  auto r = Send(With(key_));
  ASSERT_EQ(r.status, 200) << r.body;
  auto v = Json(r.body);
  EXPECT_EQ(At(At(v, "result"), "total").string, "3");
  EXPECT_EQ(At(At(v, "result"), "auditInfoList").items.size(), 3u);

  // Escaped query values and an empty query are signed and verified alike.
  Signed s = With(key_);
  s.query = {{"user_id", "a b/é&=?"}, {"page_size", "2"}};
  r = Send(s);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(At(At(Json(r.body), "result"), "total").string, "0");
  s.query.clear();
  r = Send(s);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(At(At(Json(r.body), "result"), "total").string, "3");
}

TEST_F(CodeArtsAkSk, BadSignatureIsRejected) {
  Signed s = With(key_);
  SignedRequestParts parts;
  std::string good;
  {
    // Flip one hex digit of a correct signature.
    std::string date = SdkDate(s.at);
    parts.path = s.path;
    parts.query = s.query;
    parts.headers = {{"host", "127.0.0.1:" + std::to_string(server_->port())}, {"x-sdk-date", date}};
    good = TestAuthorization(parts, s.ak, s.sk, date);
  }
  std::string bad = good;
  bad.back() = bad.back() == '0' ? '1' : '0';
  auto r = Send(s, nullptr, &bad);
  ExpectGatewayError(r);
  EXPECT_NE(r.body.find("verify aksk signature fail"), std::string::npos) << r.body;

  // The wrong secret key.
  s.sk = other_key_.sk;
  ExpectGatewayError(Send(s));
}

TEST_F(CodeArtsAkSk, TamperedQueryIsRejected) {
  std::string sent = "page_num=1&page_size=6";
  ExpectGatewayError(Send(With(key_), &sent));
}

TEST_F(CodeArtsAkSk, DateMustBeWithinFifteenMinutes) {
  Signed s = With(key_);
  s.at -= 16 * 60;
  auto r = Send(s);
  ExpectGatewayError(r);
  EXPECT_NE(r.body.find("15 minutes"), std::string::npos) << r.body;
  s.at += 32 * 60;
  ExpectGatewayError(Send(s));
  s.at = std::time(nullptr) - 10 * 60;
  EXPECT_EQ(Send(s).status, 200);
}

TEST_F(CodeArtsAkSk, UnknownOrMalformedKeysAreRejected) {
  Signed s = With(key_);
  s.ak = "TKAAAAAAAAAAAAAAAAAA";
  auto r = Send(s);
  ExpectGatewayError(r);
  EXPECT_NE(r.body.find("ak not exist"), std::string::npos) << r.body;
  std::string malformed = "SDK-HMAC-SHA256 Access=" + key_.ak;
  ExpectGatewayError(Send(With(key_), nullptr, &malformed));
  // No X-Sdk-Date.
  ExpectGatewayError(reader_->Get(AuditPath(), {{"Authorization", "SDK-HMAC-SHA256 Access=" +
                                                                      key_.ak +
                                                                      ", SignedHeaders=host, "
                                                                      "Signature=00"}}));
}

TEST_F(CodeArtsAkSk, AccessKeyIsBoundToItsTenant) {
  auto r = Send(With(other_key_));
  ExpectServiceError(r, 403);
  Signed s = With(other_key_);
  s.path = AuditPath("file", kRepo, kTenantId, std::string(32, '1'));
  r = Send(s);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(At(At(Json(r.body), "result"), "total").string, "0");
}

}  // namespace
}  // namespace trailkeep::testing
