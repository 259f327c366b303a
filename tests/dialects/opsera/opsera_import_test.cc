// Importing Opsera-shaped records (POST /v1/events?format=opsera and
// `trailkeep ingest --format opsera`) and reading them back through the
// Opsera endpoints: the same objects apart from `_id`.
#include <algorithm>
#include <cstdio>
#include <fstream>

#include "dialects/opsera/opsera_fixture.h"

namespace trailkeep::testing::opsera {
namespace {

class OpseraImport : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<OpseraServer>(std::map<std::string, std::vector<std::string>>{
        {"writer", {"events.write"}},
        {"reader", {"api", "opsera.role.site_admin"}},
        {"other_writer", {"events.write"}},
        {"other_reader", {"security_logs", "opsera.role.power_user"}},
    });
  }
  codec::JsonValue Read(const std::string& token, const std::string& target) {
    auto r = server_->As(token).Get(target);
    EXPECT_EQ(r.status, 200) << target << " " << r.body;
    return Json(r.body);
  }
  // A record without `_id`, as compact JSON with its members sorted by name
  // (object equality; nested values keep their order, which is preserved).
  static std::string Normal(codec::JsonValue r) {
    std::erase_if(r.members, [](const auto& m) { return m.first == "_id"; });
    std::stable_sort(r.members.begin(), r.members.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    return codec::ToJson(r);
  }
  static std::vector<std::string> WithoutIds(const codec::JsonValue& data) {
    std::vector<std::string> out;
    for (const codec::JsonValue& r : data.items) out.push_back(Normal(r));
    return out;
  }
  static std::vector<std::string> Compact(const std::vector<std::string>& records) {
    std::vector<std::string> out;
    for (const std::string& r : records) out.push_back(Normal(Json(r)));
    return out;
  }
  std::unique_ptr<OpseraServer> server_;
};

// Unusual but legal records: extra members, non-string values where the
// envelope wants strings, a different updatedAt, a non-zero __v, nested
// objects, a createdAt without milliseconds and one in epoch ms.
std::vector<std::string> OddActionRecords() {
  return {
      R"({"_id":"61042540e1d666c9ded178c4","user_id":null,"user_email":"a@b.c","type":7,"action":"update","target_id":{"$oid":"5fbe589a0fae8b021e137534"},"account":"someone-else","secondary_action":"user_profile","createdAt":"2021-07-30T16:13:52.109Z","updatedAt":"2021-07-31T00:00:00.000Z","__v":3})",
      R"({"user_id":"5e1cbf251c26d68f7ce6361e","type":"login","action":"login","account":"org-opsera-dnd-acc0","createdAt":"2021-07-30T10:00:00Z","updatedAt":"2021-07-30T10:00:00Z","__v":0,"meta":{"ip":"10.0.0.1","tags":["a",1,true,null]}})",
      R"({"user_id":"5e1cbf251c26d68f7ce6361e","user_email":"","type":"registry","action":"create","account":"org-opsera-dnd-acc0","createdAt":1627603200000,"updatedAt":1627603200000,"__v":0})",
  };
}

TEST_F(OpseraImport, EveryKindReadsBackIdenticalApartFromIds) {
  std::vector<std::string> actions = {
      ActionRecord(*ParseIsoMs("2021-07-30T12:00:00.001Z"), "pipeline", "update"),
      ActionRecord(*ParseIsoMs("2021-07-30T12:00:00.000Z"), "registry", "create", "aaaaaaaaaaaaaaaaaaaaaaaa"),
  };
  for (const std::string& r : OddActionRecords()) actions.push_back(r);
  std::vector<std::string> tokens = {TokenRecord(*ParseIsoMs("2021-07-31T16:50:02.242Z"), "api"),
                                     TokenRecord(*ParseIsoMs("2021-07-31T01:00:00.000Z"), "security_logs", "/v1/logs/pipelines")};
  std::vector<std::string> pipelines = {
      PipelineRecord(*ParseIsoMs("2022-05-10T17:09:24.080Z"), "consumer.response"),
      PipelineRecord(*ParseIsoMs("2022-05-10T17:09:23.000Z"), "jenkins", R"(,"extra":[1.50,2e3],"status_code":null)"),
  };
  // All three kinds in one body: the importer tells them apart by shape.
  std::vector<std::string> mixed = actions;
  mixed.insert(mixed.end(), tokens.begin(), tokens.end());
  mixed.insert(mixed.end(), pipelines.begin(), pipelines.end());
  server_->Import("writer", JsonArray(mixed));

  auto a = Read("reader", std::string(kV1Actions) + "?start=2021-07-30&end=2021-07-30");
  // Newest first: the two sample-shaped records, then the odd ones by time.
  std::vector<std::string> want = Compact({actions[2], actions[0], actions[1], actions[3], actions[4]});
  EXPECT_EQ(WithoutIds(At(a, "data")), want);
  auto t = Read("reader", std::string(kV1Tokens) + "?date=2021-07-31");
  EXPECT_EQ(WithoutIds(At(t, "data")), Compact(tokens));
  auto p = Read("reader", std::string(kV1Pipelines));
  EXPECT_EQ(WithoutIds(At(p, "data")), Compact(pipelines));
  // Numbers keep their spelling; the v2 view shows the same action records.
  EXPECT_NE(codec::ToJson(At(p, "data")).find("[1.50,2e3]"), std::string::npos);
  auto v2 = Read("reader", std::string(kV2Audit) + "?start_date=2021-07-30&end_date=2021-07-30");
  EXPECT_EQ(codec::ToJson(At(v2, "data")), codec::ToJson(At(a, "data")));
}

TEST_F(OpseraImport, NdjsonAndSavedResponseDocuments) {
  // NDJSON lines.
  std::string nd = ActionRecord(1'600'000'000'000, "pipeline", "a") + "\n" +
                   ActionRecord(1'600'000'001'000, "pipeline", "b") + "\n";
  server_->Import("writer", nd);
  auto first = Read("reader", std::string(kV1Actions) + "?date=2020-09-13");
  EXPECT_EQ(At(first, "count").number, 2);

  // A saved v1 response (records under "data") re-imported into another
  // account reads back the same, apart from ids.
  auto saved = server_->As("reader").Get(std::string(kV1Actions) + "?date=2020-09-13");
  server_->Import("other_writer", saved.body);
  auto copy = Read("other_reader", std::string(kV1Actions) + "?date=2020-09-13");
  EXPECT_EQ(WithoutIds(At(copy, "data")), WithoutIds(At(first, "data")));
  EXPECT_NE(codec::ToJson(At(copy, "data")), codec::ToJson(At(first, "data")));  // new ids

  // A saved v2 response and a saved pipelines response, likewise.
  server_->Import("writer", JsonArray({PipelineRecord(1'600'000'002'000, "x")}));
  auto v2 = server_->As("reader").Get(std::string(kV2Audit) + "?start_date=2020-09-13&end_date=2020-09-13");
  auto pipes = server_->As("reader").Get(kV1Pipelines);
  server_->Import("other_writer", v2.body);
  server_->Import("other_writer", pipes.body);
  // The v2 document holds the same two records (same _id) as the v1 one
  // imported above: stored once.
  EXPECT_EQ(At(Read("other_reader", std::string(kV2Audit) + "?start_date=2020-09-13"), "count").number, 2);
  EXPECT_EQ(WithoutIds(At(Read("other_reader", kV1Pipelines), "data")),
            WithoutIds(At(Json(pipes.body), "data")));

  // Records that carry their Opsera _id are stored once, however often the
  // same saved document is imported.
  std::string with_id = JsonArray({R"({"_id":"61042540e1d666c9ded178c4","type":"t","action":"x","createdAt":"2020-01-01T00:00:00.000Z"})"});
  server_->Import("writer", with_id);
  server_->Import("writer", with_id);
  EXPECT_EQ(At(Read("reader", std::string(kV1Actions) + "?date=2020-01-01"), "count").number, 1);
}

TEST_F(OpseraImport, BadRecordsRejectTheWholeBatchWithTheirIndex) {
  Client w = server_->As("writer");
  auto r = w.Post("/v1/events?format=opsera",
                  JsonArray({ActionRecord(1'600'000'000'000, "t", "a"), R"({"type":"t","createdAt":"2020-01-01T00:00:00Z"})"}));
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(At(At(Json(r.body), "error"), "index").number, 1);
  EXPECT_EQ(At(At(Json(r.body), "error"), "field").string, "action");
  r = w.Post("/v1/events?format=opsera", R"([{"action":"a","createdAt":"yesterday"}])");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(At(At(Json(r.body), "error"), "field").string, "createdAt");
  r = w.Post("/v1/events?format=opsera", R"([{"action":7,"createdAt":"2020-01-01T00:00:00Z"}])");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(w.Post("/v1/events?format=opsera", "[1,2]").status, 400);
  EXPECT_EQ(w.Post("/v1/events?format=opsera", "not json").status, 400);
  // Nothing of the rejected batches was stored.
  EXPECT_EQ(At(Read("reader", std::string(kV2Audit)), "count").number, 0);
  // Reading needs the Opsera scope and role; writing needs events.write.
  EXPECT_EQ(server_->As("reader").Post("/v1/events?format=opsera", ActionRecord(1, "t", "a")).status, 403);
}

TEST_F(OpseraImport, CliIngestFormatOpsera) {
  std::string path = server_->DataDir() + "/../opsera-import-" + std::to_string(WallNowMs()) + ".json";
  {
    std::ofstream f(path);
    f << R"({"count":3,"data":)"
      << JsonArray({ActionRecord(1'500'000'000'000, "pipeline", "update"),
                    TokenRecord(1'500'000'000'000, "api"),
                    PipelineRecord(1'500'000'000'000, "jenkins")})
      << "}";
  }
  auto r = RunTrailkeep({"ingest", "--format", "opsera", path, "--url", server_->url(), "--token",
                         server_->Token("writer")});
  std::remove(path.c_str());
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(At(Read("reader", std::string(kV1Actions) + "?date=2017-07-14"), "count").number, 1);
  EXPECT_EQ(At(Read("reader", std::string(kV1Tokens) + "?date=2017-07-14"), "count").number, 1);
  auto p = Read("reader", std::string(kV1Pipelines) + "?date=2017-07-14");
  ASSERT_EQ(At(p, "data").items.size(), 1u);
  EXPECT_EQ(WithoutIds(At(p, "data"))[0], Compact({PipelineRecord(1'500'000'000'000, "jenkins")})[0]);
}

}  // namespace
}  // namespace trailkeep::testing::opsera
