// Importing Xray-shaped records (POST /v1/events?format=xray and
// `trailkeep ingest --format xray`) and reading them back through the Xray
// endpoint: the same objects apart from id.
#include <gtest/gtest.h>

#include <fstream>

#include "dialects/xray/xray_fixture.h"

namespace trailkeep::testing {
namespace {

class XrayImport : public XrayServer {
 protected:
  // Object equality regardless of member order (Xray's clients do not care).
  static bool SameJson(const codec::JsonValue& a, const codec::JsonValue& b) {
    if (a.type != b.type) return false;
    switch (a.type) {
      case codec::JsonValue::Type::kObject:
        if (a.members.size() != b.members.size()) return false;
        for (const auto& [key, value] : a.members) {
          const codec::JsonValue* other = b.Find(key);
          if (!other || !SameJson(value, *other)) return false;
        }
        return true;
      case codec::JsonValue::Type::kArray:
        if (a.items.size() != b.items.size()) return false;
        for (size_t i = 0; i < a.items.size(); ++i) {
          if (!SameJson(a.items[i], b.items[i])) return false;
        }
        return true;
      case codec::JsonValue::Type::kNumber:
        return a.number == b.number;
      case codec::JsonValue::Type::kString:
        return a.string == b.string;
      case codec::JsonValue::Type::kBool:
        return a.boolean == b.boolean;
      case codec::JsonValue::Type::kNull:
        return true;
    }
    return false;
  }
  static codec::JsonValue WithoutId(codec::JsonValue v) {
    std::erase_if(v.members, [](const auto& m) { return m.first == "id"; });
    return v;
  }

  // Records that use every field: the spec's sample, a newer-build record
  // with ecosystem/ondemand/result/policy_reason and an unknown field, and
  // one without policies.
  std::vector<std::string> Records(int64_t t) {
    return {
        R"({"id":174,"created_at":")" + Rfc3339(t) +
            R"(","action":"blocked","package_type":"Docker","package_name":"pumevnezdiroorg/drupal","package_version":"latest","package_url":"https://registry-1.docker.io/v2/pumevnezdiroorg/drupal/manifests/latest","reason":"Policy violations","curated_repository_server_name":"","curated_repository_name":"aviv-docker1","curated_project":"default","username":"admin","user_mail":"","origin_repository_server_name":"z0curdocktest","origin_repository_name":"aviv-docker1","origin_project":"default","public_repo_url":"https://registry-1.docker.io","public_repo_name":"Docker Hub","policies":[{"policy_name":"onlyOffical","policy_id":3,"dry_run":false,"condition_name":"Image is not Docker Hub official","condition_category":"operational"}]})",
        R"({"id":175,"created_at":")" + Rfc3339(t + 5000) +
            R"(","action":"approved","package_type":"npm","package_name":"@scope/left-pad","package_version":"1.3.0","package_url":"https://registry.npmjs.org/@scope/left-pad/-/left-pad-1.3.0.tgz","reason":"","curated_repository_server_name":"srv1","curated_repository_name":"npm-remote","curated_project":"web","username":"jane","user_mail":"jane@example.com","origin_repository_server_name":"srv1","origin_repository_name":"npm-remote","origin_project":"web","public_repo_url":"https://registry.npmjs.org","public_repo_name":"npmjs","policies":[{"policy_name":"cvss","policy_id":9,"dry_run":false,"condition_name":"CVE with CVSS >= 9","condition_category":"security","result":"Waived","policy_reason":"waiver #12"}],"ecosystem":"npm","ondemand":true,"future_field":{"x":[1,2]}})",
        R"({"id":176,"created_at":")" + Rfc3339(t + 9000) +
            R"(","action":"passed","package_type":"PyPI","package_name":"r\u00e9sum\u00e9 \"q\"","package_version":"0.1","package_url":"","reason":"","curated_repository_server_name":"","curated_repository_name":"pypi","curated_project":"default","username":"","user_mail":"","origin_repository_server_name":"","origin_repository_name":"pypi","origin_project":"default","public_repo_url":"https://pypi.org","public_repo_name":"PyPI","policies":[]})"};
  }

  void ExpectReadBack(const std::vector<std::string>& records, const std::string& query = "") {
    auto v = Page("direction=asc" + query);
    const auto& data = At(v, "data").items;
    ASSERT_EQ(data.size(), records.size());
    for (size_t i = 0; i < records.size(); ++i) {
      EXPECT_TRUE(SameJson(WithoutId(Json(records[i])), WithoutId(data[i])))
          << records[i] << "\nread back as\n"
          << ToJson(data[i]);
    }
  }
};

TEST_F(XrayImport, JsonArrayReadsBackIdentical) {
  auto records = Records(NowSeconds() - kHourMs);
  auto r = client_->Post("/v1/events?format=xray",
                         "[" + records[0] + "," + records[1] + "," + records[2] + "]");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.body, R"({"ids":[1,2,3]})");
  ExpectReadBack(records);
  // The canonical events: kind, action, success, actor, entity as documented.
  auto native = client_->Get("/v1/events/2");
  EXPECT_EQ(native.status, 403);  // the token lacks events.read
  auto e = Json(Client(server_->url(), reader_).Get("/v1/events/2").body);
  EXPECT_EQ(At(e, "kind").string, "curation.package");
  EXPECT_EQ(At(e, "action").string, "approved");
  EXPECT_TRUE(At(e, "success").boolean);
  EXPECT_EQ(At(At(e, "actor"), "name").string, "jane");
  EXPECT_EQ(At(At(e, "actor"), "email").string, "jane@example.com");
  EXPECT_EQ(At(At(e, "entity"), "type").string, "npm");
  EXPECT_EQ(At(At(e, "entity"), "name").string, "@scope/left-pad");
  EXPECT_EQ(At(At(e, "entity"), "version").string, "1.3.0");
  EXPECT_EQ(At(At(e, "entity"), "id").string,
            "https://registry.npmjs.org/@scope/left-pad/-/left-pad-1.3.0.tgz");
  EXPECT_EQ(At(At(e, "attributes"), "curated_repository_name").string, "npm-remote");
  EXPECT_EQ(At(e, "attributes").Find("id"), nullptr);  // the vendor id is dropped
  auto blocked = Json(Client(server_->url(), reader_).Get("/v1/events/1").body);
  EXPECT_FALSE(At(blocked, "success").boolean);
}

TEST_F(XrayImport, NdjsonAndSavedResponseDocument) {
  auto records = Records(NowSeconds() - kHourMs);
  std::string ndjson = records[0] + "\n" + records[1] + "\n";
  ASSERT_EQ(
      client_->Post("/v1/events?format=xray", ndjson, {{"Content-Type", "application/x-ndjson"}})
          .status,
      201);
  // A whole saved response of the endpoint, meta and all.
  std::string document = R"({"data":[)" + records[2] +
                         R"(],"meta":{"result_count":1,"next_offset":0,"order_by":"id"}})";
  ASSERT_EQ(client_->Post("/v1/events?format=xray", document).status, 201);
  ExpectReadBack(records);
  // Re-importing an export of the endpoint gives the same records again.
  std::string exported = client_->Get(std::string(kAuditPath) + "?direction=asc").body;
  ASSERT_EQ(client_->Post("/v1/events?format=xray", exported).status, 201);
  auto v = Page("direction=asc&offset=3");
  ASSERT_EQ(At(v, "data").items.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_TRUE(SameJson(WithoutId(Json(records[i])), WithoutId(At(v, "data").items[i])));
  }
}

TEST_F(XrayImport, DryRunRecordsReadBackThroughTheDryRunView) {
  TestEvent e;
  e.time_ms = NowSeconds() - kHourMs;
  e.policies = {TestPolicy{"would-block", 8, true}};
  std::string record = XrayJson(e);
  ASSERT_EQ(client_->Post("/v1/events?format=xray", "[" + record + "]").status, 201);
  ExpectReadBack({record}, "&dry_run=true");
}

TEST_F(XrayImport, CliIngestFormatXray) {
  auto records = Records(NowSeconds() - kHourMs);
  std::string path = dir_.path() + "/xray.json";
  std::ofstream(path) << R"({"data":[)" << records[0] << "," << records[1] << "," << records[2]
                      << R"(],"meta":{}})";
  auto r = RunTrailkeep(
      {"ingest", "--format", "xray", path, "--url", server_->url(), "--token", token_});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  ExpectReadBack(records);
}

TEST_F(XrayImport, BadRecordsAreRejectedWithIndexAndField) {
  auto records = Records(NowSeconds() - kHourMs);
  auto r = client_->Post(
      "/v1/events?format=xray",
      "[" + records[0] +
          R"(,{"created_at":"2024-01-01T00:00:00Z","action":"blocked","package_name":5}])");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("package_name"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("record 1"), std::string::npos) << r.body;
  r = client_->Post("/v1/events?format=xray", R"([{"action":"blocked"}])");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("created_at"), std::string::npos) << r.body;
  r = client_->Post("/v1/events?format=xray", R"([{"created_at":"2024-01-01T00:00:00Z"}])");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("action"), std::string::npos) << r.body;
  // Nothing of a rejected batch was stored.
  EXPECT_TRUE(At(Page("created_at_start=2023-12-30T00:00:00Z"), "data").items.empty());
  EXPECT_TRUE(At(Page(""), "data").items.empty());
}

}  // namespace
}  // namespace trailkeep::testing
