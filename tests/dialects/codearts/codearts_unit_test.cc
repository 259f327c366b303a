// Unit tests of the CodeArts dialect's pure parts: path rules, times, query
// parameters, the record mapping, the SDK signature and access keys.
#include <gtest/gtest.h>

#include "api/dialects/codearts/audit_path.h"
#include "api/dialects/codearts/audit_query.h"
#include "api/dialects/codearts/audit_record.h"
#include "api/dialects/codearts/audit_time.h"
#include "api/dialects/codearts/sdk_signature.h"
#include "auth/access_keys.h"
#include "auth/fake_meta_store.h"
#include "dialects/codearts/test_signer.h"

namespace trailkeep::api::dialects::codearts {
namespace {

constexpr std::string_view kDomain = "5a775fdcb14f4431b6c0015618140bc3";

std::string Repo(std::string_view region, std::string_view format, std::string_view seq) {
  return std::string(region) + "_" + std::string(kDomain) + "_" + std::string(format) + "_" +
         std::string(seq);
}

TEST(CodeArtsPath, RepoIds) {
  EXPECT_TRUE(IsValidRepoId("xx-xxxxx-x_5a775fdcb14f4431b6c0015618140bc3_maven_1_108"));
  EXPECT_TRUE(IsValidRepoId("cn-north-7_5a775fdcb14f4431b6c0015618140bc3_pypi_40"));
  for (std::string_view f : {"npm", "go", "pypi", "rpm", "composer", "maven", "debian", "conan",
                             "nuget", "docker2", "cocoapods", "ohpm"}) {
    EXPECT_TRUE(IsValidRepoId(Repo("cn-north-4", f, "7"))) << f;
  }
  EXPECT_FALSE(IsValidRepoId(Repo("cn-north-4", "maven2", "1")));
  EXPECT_FALSE(IsValidRepoId(Repo("cn-north-4", "docker", "1")));
  EXPECT_FALSE(IsValidRepoId(Repo("cn-north-4", "Maven", "1")));
  EXPECT_FALSE(IsValidRepoId(Repo("", "maven", "1")));
  EXPECT_FALSE(IsValidRepoId(Repo("CN-north", "maven", "1")));
  EXPECT_FALSE(IsValidRepoId(Repo("cn", "maven", "")));
  EXPECT_FALSE(IsValidRepoId(Repo("cn", "maven", "1_")));
  EXPECT_FALSE(IsValidRepoId(Repo("cn", "maven", "1__2")));
  EXPECT_FALSE(IsValidRepoId(Repo("cn", "maven", "x")));
  EXPECT_FALSE(IsValidRepoId("cn_5a775fdcb14f4431b6c0015618140bc_maven_1"));    // 31 hex
  EXPECT_FALSE(IsValidRepoId("cn_5a775fdcb14f4431b6c0015618140bcZ_maven_1"));   // not hex
  EXPECT_FALSE(IsValidRepoId("cn_5a775fdcb14f4431b6c0015618140bc3_maven"));
  EXPECT_FALSE(IsValidRepoId(""));
}

TEST(CodeArtsPath, ParametersAndTenant) {
  std::string p32(32, 'a'), repo = Repo("cn", "npm", "1");
  auto ok = ParseAuditPath("abcd1234", p32, "file", repo);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(TenantFor(*ok).value, "abcd1234." + p32);
  EXPECT_TRUE(model::IsValidTenantName(TenantFor(*ok).value));
  EXPECT_TRUE(ParseAuditPath(std::string(32, 'Z'), p32, "repository", repo).ok());
  EXPECT_FALSE(ParseAuditPath("abcd123", p32, "file", repo).ok());
  EXPECT_FALSE(ParseAuditPath(std::string(33, 'a'), p32, "file", repo).ok());
  EXPECT_FALSE(ParseAuditPath("abcd-1234", p32, "file", repo).ok());
  EXPECT_FALSE(ParseAuditPath("abcd1234", std::string(31, 'a'), "file", repo).ok());
  EXPECT_FALSE(ParseAuditPath("abcd1234", std::string(33, 'a'), "file", repo).ok());
  EXPECT_FALSE(ParseAuditPath("abcd1234", std::string(31, 'a') + "_", "file", repo).ok());
  EXPECT_FALSE(ParseAuditPath("abcd1234", p32, "foo", repo).ok());
  EXPECT_FALSE(ParseAuditPath("abcd1234", p32, "File", repo).ok());
  EXPECT_FALSE(ParseAuditPath("abcd1234", p32, "file", "repo").ok());
}

TEST(CodeArtsTime, FormatsAndParsesBeijingTime) {
  // 2023-10-27T07:46:19Z is 15:46:19 in UTC+8.
  int64_t ms = 1698392779000;
  EXPECT_EQ(FormatAuditTime(ms), "2023/10/27 15:46:19");
  EXPECT_EQ(FormatAuditTime(ms + 999), "2023/10/27 15:46:19");
  EXPECT_EQ(ParseAuditTime("2023/10/27 15:46:19"), ms);
  EXPECT_EQ(FormatAuditTime(0), "1970/01/01 08:00:00");
  EXPECT_EQ(FormatAuditTime(-1), "1970/01/01 07:59:59");
  EXPECT_EQ(ParseAuditTime("2024/02/29 00:00:00").has_value(), true);
  EXPECT_FALSE(ParseAuditTime("2023/02/29 00:00:00"));
  EXPECT_FALSE(ParseAuditTime("2023/10/27 24:00:00"));
  EXPECT_FALSE(ParseAuditTime("2023-10-27 15:46:19"));
  EXPECT_FALSE(ParseAuditTime("2023/10/27T15:46:19"));
  EXPECT_FALSE(ParseAuditTime("2023/1/27 15:46:19"));
  for (int64_t t = -86'400'000LL * 800; t < 86'400'000LL * 30000; t += 86'400'000LL * 37 + 12'345'000) {
    EXPECT_EQ(ParseAuditTime(FormatAuditTime(t)), t / 1000 * 1000 - (t % 1000 < 0 ? 1000 : 0));
  }
}

Request WithQuery(std::string query) {
  Request r;
  r.target = "/x?" + query;
  SplitTarget(&r);
  return r;
}

TEST(CodeArtsQuery, PageParameters) {
  auto q = ParseAuditQuery(WithQuery(""));
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->page_num, 1);
  EXPECT_EQ(q->page_size, 10);
  EXPECT_FALSE(q->user_id);
  q = ParseAuditQuery(WithQuery("page_num=3&page_size=100&user_id=u1&instance_id=&page_num=9"));
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->page_num, 3);
  EXPECT_EQ(q->page_size, 100);
  EXPECT_EQ(q->Offset(), 200u);
  EXPECT_EQ(q->user_id, "u1");
  EXPECT_FALSE(q->instance_id);
  EXPECT_TRUE(ParseAuditQuery(WithQuery("page_num=2147483647")).ok());
  for (std::string bad : {"page_num=0", "page_num=-1", "page_num=2147483648", "page_num=",
                          "page_num=1.5", "page_num=x", "page_size=0", "page_size=101",
                          "page_size=+5", "page_size=5%20"}) {
    EXPECT_EQ(ParseAuditQuery(WithQuery(bad)).status().code(), StatusCode::kInvalidArgument)
        << bad;
  }
}

TEST(CodeArtsRecord, ImportThenRender) {
  auto record = codec::ParseJsonValue(
      R"({"id":"2271182","module":"file","operation":"upload","time":"2023/10/27 15:46:19",)"
      R"("info":"xx-xxxxx-x_5a775fdcb14f4431b6c0015618140bc3_maven_1_108","data":"1/1/1/1-1-1.jar",)"
      R"j("reason":null,"userAgent":"Apache-HttpClient/4.5.13 (Java/1.8.0_232)",)j"
      R"("operator":"devcloud_devcloud_y00226182_01","ipSource":"10.172.180.79",)"
      R"("userId":"u-1","instanceId":"i-9","operatorNickName":null})");
  ASSERT_TRUE(record.ok());
  codec::EventError error;
  auto e = AuditRecordToEvent(*record, &error);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->kind, "artifact.audit");
  EXPECT_EQ(e->category, "file");
  EXPECT_EQ(e->action, "upload");
  EXPECT_EQ(e->time.ms, 1698392779000);
  EXPECT_EQ(e->entity.id, "xx-xxxxx-x_5a775fdcb14f4431b6c0015618140bc3_maven_1_108");
  EXPECT_EQ(e->entity.name, "1/1/1/1-1-1.jar");
  EXPECT_FALSE(e->reason);
  EXPECT_EQ(e->actor.id, "u-1");
  EXPECT_EQ(e->actor.name, "devcloud_devcloud_y00226182_01");
  EXPECT_EQ(e->attributes, R"({"id":"2271182","instanceId":"i-9"})");

  e->id = model::EventId{42};
  codec::JsonWriter w;
  WriteAuditRecord(*e, w);
  EXPECT_EQ(w.str(),
            R"({"id":"42","module":"file","operation":"upload","time":"2023/10/27 15:46:19",)"
            R"("info":"xx-xxxxx-x_5a775fdcb14f4431b6c0015618140bc3_maven_1_108","data":"1/1/1/1-1-1.jar",)"
            R"j("reason":null,"userAgent":"Apache-HttpClient/4.5.13 (Java/1.8.0_232)",)j"
            R"("operator":"devcloud_devcloud_y00226182_01","ipSource":"10.172.180.79"})");
}

TEST(CodeArtsRecord, ImportErrorsNameTheField) {
  struct Case {
    const char* json;
    const char* field;
  } cases[] = {
      {R"({"module":"file","time":"2023/10/27 15:46:19","info":"r"})", "operation"},
      {R"({"operation":"u","module":"files","time":"2023/10/27 15:46:19","info":"r"})", "module"},
      {R"({"operation":"u","module":"file","time":"2023/10/27 15:46:19"})", "info"},
      {R"({"operation":"u","module":"file","time":"2023-10-27","info":"r"})", "time"},
      {R"({"operation":"u","module":"file","time":"2023/10/27 15:46:19","info":"r","reason":1})",
       "reason"},
      {R"({"operation":"u","module":"file","time":"2023/10/27 15:46:19","info":"r",)"
       R"("operatorNickName":true})",
       "operatorNickName"},
  };
  for (const Case& c : cases) {
    auto v = codec::ParseJsonValue(c.json);
    ASSERT_TRUE(v.ok());
    codec::EventError error;
    auto e = AuditRecordToEvent(*v, &error);
    EXPECT_EQ(e.status().code(), StatusCode::kInvalidArgument) << c.json;
    EXPECT_EQ(error.field, c.field) << c.json;
  }
}

TEST(CodeArtsSignature, MatchesTheHuaweiSdkTestVector) {
  // huaweicloud-sdk-go-v3 core/auth/signer/signer_test.go, test1.
  Request r;
  r.method = "GET";
  r.target = "/path?limit=1";
  SplitTarget(&r);
  r.headers.emplace("X-Sdk-Date", "20060102T150405Z");
  r.headers.emplace("TEST_UNDERSCORE", "TEST_VALUE");
  std::string canonical = SdkCanonicalRequest(r, {"x-sdk-date"});
  EXPECT_EQ(canonical,
            "GET\n/path/\nlimit=1\nx-sdk-date:20060102T150405Z\n\nx-sdk-date\n"
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(SdkSignature("SecretKey", SdkStringToSign("20060102T150405Z", canonical)),
            "5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624");
}

TEST(CodeArtsSignature, AgreesWithTheTestSigner) {
  testing::SignedRequestParts parts;
  parts.path = "/cloudartifact/v5/t/p/file/r a/audit";
  parts.query = {{"page_size", "5"}, {"page_num", "1"}, {"user_id", "a b/é"}};
  parts.headers = {{"host", "127.0.0.1:80"}, {"x-sdk-date", "20260101T000000Z"}};
  std::string header = testing::TestAuthorization(parts, "AK", "SK", "20260101T000000Z");

  Request r;
  r.method = "GET";
  r.target = "/cloudartifact/v5/t/p/file/r%20a/audit?user_id=a%20b%2F%C3%A9&page_num=1&page_size=5";
  SplitTarget(&r);
  r.headers.emplace("Host", " 127.0.0.1:80 ");
  r.headers.emplace("X-Sdk-Date", "20260101T000000Z");
  auto authz = ParseSdkAuthorization(header);
  ASSERT_TRUE(authz);
  EXPECT_EQ(authz->access_key, "AK");
  EXPECT_EQ(authz->signed_headers, (std::vector<std::string>{"host", "x-sdk-date"}));
  EXPECT_EQ(SdkCanonicalRequest(r, authz->signed_headers), testing::TestCanonicalRequest(parts));
  EXPECT_EQ(SdkSignature("SK", SdkStringToSign("20260101T000000Z",
                                               SdkCanonicalRequest(r, authz->signed_headers))),
            authz->signature);
}

TEST(CodeArtsSignature, ParsesHeadersAndDates) {
  EXPECT_TRUE(IsSdkSigned("SDK-HMAC-SHA256 Access=a"));
  EXPECT_FALSE(IsSdkSigned("Bearer x"));
  EXPECT_FALSE(ParseSdkAuthorization("SDK-HMAC-SHA256 Access=a, Signature=b"));
  EXPECT_FALSE(ParseSdkAuthorization("SDK-HMAC-SHA256 Access=a, SignedHeaders=;x, Signature=b"));
  EXPECT_FALSE(ParseSdkAuthorization("SDK-HMAC-SHA256 Access=a, SignedHeaders=x, Sig=b"));
  EXPECT_EQ(ParseSdkDate("20060102T150405Z"), 1136214245000);
  EXPECT_FALSE(ParseSdkDate("2006-01-02T15:04:05Z"));
  EXPECT_FALSE(ParseSdkDate("20061302T150405Z"));
  EXPECT_FALSE(ParseSdkDate("2006010xT150405Z"));
}

class FixedClock : public Clock {
 public:
  int64_t NowMs() const override { return 1000; }
};

TEST(AccessKeys, CreateFindAndReject) {
  auth::testing::FakeMetaStore meta;
  FixedClock clock;
  auth::AccessKeyService keys(meta, clock);
  auto key = keys.Create("ci", {"t.p", "t.p"}, {"codeartsartifact:repository:read"});
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_EQ(key->info.id.size(), auth::kAccessKeyIdLength);
  EXPECT_EQ(key->secret_key.size(), auth::kSecretKeyLength);
  EXPECT_EQ(key->info.tenants, std::vector<std::string>{"t.p"});
  auto found = keys.Find(key->info.id);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->secret_key, key->secret_key);
  EXPECT_EQ(found->info, key->info);
  EXPECT_EQ(found->info.created_ms, 1000);
  auto other = keys.Create("", {"*"}, {"admin"});
  ASSERT_TRUE(other.ok());
  EXPECT_NE(other->info.id, key->info.id);
  EXPECT_NE(other->secret_key, key->secret_key);

  EXPECT_EQ(keys.Find("TKAAAAAAAAAAAAAAAAAA").status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(keys.Find("../../x").status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(keys.Create("", {}, {"admin"}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(keys.Create("", {"*", "a"}, {"admin"}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(keys.Create("", {"a b"}, {"admin"}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(keys.Create("", {"a"}, {"nope"}).status().code(), StatusCode::kInvalidArgument);
}

TEST(AccessKeys, ListWithoutSecretsAndRevoke) {
  auth::testing::FakeMetaStore meta;
  FixedClock clock;
  auth::AccessKeyService keys(meta, clock);
  auto a = keys.Create("a", {"t.p"}, {"codeartsartifact:repository:read"});
  auto b = keys.Create("b", {"*"}, {"admin"});
  ASSERT_TRUE(a.ok() && b.ok());
  auto list = keys.List();
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->size(), 2u);
  // Same created_ms: ordered by id.
  auto [first, second] = a->info.id < b->info.id ? std::pair{a, b} : std::pair{b, a};
  EXPECT_EQ((*list)[0], first->info);
  EXPECT_EQ((*list)[1], second->info);

  EXPECT_TRUE(keys.Revoke(a->info.id).ok());
  EXPECT_EQ(keys.Find(a->info.id).status().code(), StatusCode::kUnauthenticated);
  EXPECT_TRUE(keys.Find(b->info.id).ok());
  EXPECT_EQ(keys.Revoke(a->info.id).code(), StatusCode::kNotFound);
  EXPECT_EQ(keys.Revoke("../../x").code(), StatusCode::kNotFound);
  list = keys.List();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].id, b->info.id);

  // A corrupt record is reported, not skipped.
  ASSERT_TRUE(meta.Put("auth/ak/TKAAAAAAAAAAAAAAAAAA", "garbage").ok());
  EXPECT_EQ(keys.List().status().code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace trailkeep::api::dialects::codearts
