// format=csv over HTTP (API-NOTES §1.9 case 8): a zip holding
// audit_packages.csv, opened and parsed here with the test's own readers.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "dialects/xray/xray_fixture.h"
#include "dialects/xray/zip_csv_reader.h"

namespace trailkeep::testing {
namespace {

const std::vector<std::string> kHeader = {"id",
                                          "created_at",
                                          "action",
                                          "reason",
                                          "package_type",
                                          "package_name",
                                          "package_version",
                                          "package_url",
                                          "curated_repo_server_name",
                                          "curated_repo_name",
                                          "curated_repo_project_key",
                                          "user_name",
                                          "user_mail",
                                          "origin_repo_server_name",
                                          "origin_repo_name",
                                          "origin_repo_project_key",
                                          "public_repo_name",
                                          "public_repo_url",
                                          "ecosystem",
                                          "ondemand",
                                          "policy_id",
                                          "policy_name",
                                          "condition_name",
                                          "condition_category",
                                          "dry_run",
                                          "result",
                                          "policy_reason"};

class XrayCsv : public XrayServer {
 protected:
  std::map<std::string, std::string> Zip(const std::string& query) {
    auto r = client_->Get(std::string(kAuditPath) + "?format=csv" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(HeaderOf(r, "Content-Type"), "application/zip");
    EXPECT_NE(HeaderOf(r, "Content-Disposition").find("audit_packages.zip"), std::string::npos);
    auto entries = ReadZip(r.body);
    EXPECT_EQ(ReadZipStreaming(r.body), entries);
    return entries;
  }
};

TEST_F(XrayCsv, OneRowPerEventAndPolicyWithQuoting) {
  std::vector<TestEvent> events(3);
  int64_t t = NowSeconds() - kHourMs;
  for (int i = 0; i < 3; ++i) events[i].time_ms = t + i * 1000;
  events[0].policies = {TestPolicy{"p1", 1, false},
                        TestPolicy{"p2", 2, false, "says \"no\", twice"}};
  events[1].package_name = "a,b\r\nc";
  events[1].user_mail = "x@example.com";
  events[2].policies = {TestPolicy{"p3", 3, false}, TestPolicy{"dry", 4, true}};
  Import(&events);

  auto entries = Zip("&direction=asc");
  ASSERT_EQ(entries.size(), 1u);
  ASSERT_TRUE(entries.count("audit_packages.csv"));
  const std::string& csv = entries["audit_packages.csv"];
  EXPECT_EQ(csv.substr(0, csv.find("\r\n")),
            "id,created_at,action,reason,package_type,package_name,package_version,package_url,"
            "curated_repo_server_name,curated_repo_name,curated_repo_project_key,user_name,"
            "user_mail,origin_repo_server_name,origin_repo_name,origin_repo_project_key,"
            "public_repo_name,public_repo_url,ecosystem,ondemand,policy_id,policy_name,"
            "condition_name,condition_category,dry_run,result,policy_reason");
  auto rows = ParseCsv(csv);
  ASSERT_EQ(rows.size(), 5u);  // header, 2 + 1 + 1 (the dry-run policy is not a real one)
  EXPECT_EQ(rows[0], kHeader);
  for (const auto& row : rows) EXPECT_EQ(row.size(), 27u);
  EXPECT_EQ(rows[1][0], "1");
  EXPECT_EQ(rows[1][1], Rfc3339(t));
  EXPECT_EQ(rows[1][2], "blocked");
  EXPECT_EQ(rows[1][21], "p1");
  EXPECT_EQ(rows[1][20], "1");
  EXPECT_EQ(rows[1][24], "false");
  EXPECT_EQ(rows[2][0], "1");
  EXPECT_EQ(rows[2][21], "p2");
  EXPECT_EQ(rows[2][22], "says \"no\", twice");
  EXPECT_EQ(rows[3][0], "2");
  EXPECT_EQ(rows[3][5], "a,b\r\nc");
  EXPECT_EQ(rows[3][12], "x@example.com");
  EXPECT_EQ(rows[3][21], "");  // no policy: empty policy columns
  EXPECT_EQ(rows[4][0], "3");
  EXPECT_EQ(rows[4][21], "p3");

  // dry_run=true: the dry-run rows only.
  auto dry = ParseCsv(Zip("&dry_run=true")["audit_packages.csv"]);
  ASSERT_EQ(dry.size(), 2u);
  EXPECT_EQ(dry[1][21], "dry");
  EXPECT_EQ(dry[1][24], "true");
}

TEST_F(XrayCsv, PagesCountEventsAndNameIncompleteExports) {
  std::vector<TestEvent> events(10);
  int64_t t = NowSeconds() - kHourMs;
  for (int i = 0; i < 10; ++i) {
    events[i].time_ms = t + i * 1000;
    events[i].policies = {TestPolicy{"a", 1, false}, TestPolicy{"b", 2, false}};
  }
  Import(&events);
  // 4 events from offset 3, ascending: 8 rows of ids 4..7.
  auto entries = Zip("&direction=asc&num_of_rows=4&offset=3");
  ASSERT_EQ(entries.size(), 1u);
  ASSERT_TRUE(entries.count("audit_packages_incomplete.csv"));
  auto rows = ParseCsv(entries["audit_packages_incomplete.csv"]);
  ASSERT_EQ(rows.size(), 9u);
  for (size_t i = 1; i < rows.size(); ++i) EXPECT_EQ(rows[i][0], std::to_string(4 + (i - 1) / 2));
  // The last page is complete; num_of_rows beyond 2000 is fine for CSV.
  entries = Zip("&num_of_rows=500000&offset=7");
  ASSERT_TRUE(entries.count("audit_packages.csv"));
  EXPECT_EQ(ParseCsv(entries["audit_packages.csv"]).size(), 7u);
  auto r = client_->Get(std::string(kAuditPath) + "?format=csv&num_of_rows=500001");
  EXPECT_EQ(r.status, 400);
  // A large export is streamed and still opens: 3000 events, 6000 rows.
  std::vector<TestEvent> more(3000);
  for (int i = 0; i < 3000; ++i) {
    more[i].time_ms = t + 20'000 + i;
    more[i].policies = {TestPolicy{"a", 1, false}, TestPolicy{"b", 2, false}};
  }
  Import(&more);
  entries = Zip("&num_of_rows=500000");
  EXPECT_EQ(ParseCsv(entries["audit_packages.csv"]).size(), 1u + 2 * 3010);
  // Also readable by unzip when the machine has it.
  if (access("/usr/bin/unzip", X_OK) == 0) {
    auto raw = client_->Get(std::string(kAuditPath) + "?format=csv&num_of_rows=5");
    std::string path = dir_.path() + "/export.zip";
    FILE* f = fopen(path.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    fwrite(raw.body.data(), 1, raw.body.size(), f);
    fclose(f);
    EXPECT_EQ(system(("/usr/bin/unzip -tq " + path + " > /dev/null").c_str()), 0);
  }
}

}  // namespace
}  // namespace trailkeep::testing
