// The Dynatrace golden files (tests/golden/dynatrace/*.txt): query strings →
// resolved first-page queries, filters → match or not.
#include <gtest/gtest.h>

#include "api/dialects/dynatrace/list_params.h"
#include "base/time_format.h"
#include "codec/event_json.h"
#include "query/filter.h"
#include "query/golden_file.h"

namespace trailkeep::api::dialects::dynatrace {
namespace {

using query::golden::GoldenDir;
using query::golden::GoldenFiles;
using query::golden::GoldenLine;
using query::golden::ReadGoldenFile;

std::vector<std::string> FilesWithPrefix(const std::string& prefix) {
  std::vector<std::string> out;
  for (const std::string& f : GoldenFiles(GoldenDir("dynatrace"))) {
    std::string name = f.substr(f.find_last_of('/') + 1);
    if (name.starts_with(prefix)) out.push_back(f);
  }
  return out;
}

std::string Describe(const ListParams& p) {
  auto criteria = query::ParseFilter(p.filter_text);
  return "from=" + FormatIsoMs(p.from.ms) + " to=" + FormatIsoMs(p.to.ms) +
         " pageSize=" + std::to_string(p.page_size) +
         " sort=" + (p.oldest_first ? "timestamp" : "-timestamp") +
         " filter=" + (criteria.ok() ? query::FormatFilter(*criteria) : "<unparsable>");
}

TEST(DynatraceGolden, Params) {
  auto files = FilesWithPrefix("params");
  ASSERT_FALSE(files.empty()) << GoldenDir("dynatrace");
  int cases = 0;
  for (const std::string& file : files) {
    int64_t now = 0;
    for (const GoldenLine& line : ReadGoldenFile(file)) {
      if (line.directive) {
        ASSERT_EQ(line.name, "now") << line.Where();
        auto t = ParseIsoMs(line.input);
        ASSERT_TRUE(t.has_value()) << line.Where();
        now = *t;
        continue;
      }
      ++cases;
      Request request;
      request.query = ParseQuery(line.input);
      ListParams params;
      std::vector<Violation> violations;
      bool ok = ParseListParams(request, now, &params, &violations);
      if (!line.expected.starts_with("400")) {
        EXPECT_TRUE(ok) << line.Where() << ": " << (violations.empty() ? "" : violations[0].path + ": " + violations[0].message);
        if (ok) {
          EXPECT_EQ(Describe(params), line.expected) << line.Where();
        }
        continue;
      }
      EXPECT_FALSE(ok) << line.Where() << ": got " << Describe(params);
      std::string spec = line.expected.substr(4);
      std::string text;
      if (size_t colon = spec.find(": "); colon != std::string::npos) {
        text = spec.substr(colon + 2);
        spec = spec.substr(0, colon);
      }
      std::string paths;
      for (const Violation& v : violations) {
        paths += (paths.empty() ? "" : ",") + v.path;
        EXPECT_EQ(v.location, "QUERY") << line.Where();
      }
      EXPECT_EQ(paths, spec) << line.Where();
      if (!text.empty() && !violations.empty()) {
        EXPECT_NE(violations[0].message.find(text), std::string::npos)
            << line.Where() << ": " << violations[0].message;
      }
    }
  }
  EXPECT_GT(cases, 50);
}

TEST(DynatraceGolden, Match) {
  auto files = FilesWithPrefix("match");
  ASSERT_FALSE(files.empty());
  int cases = 0;
  for (const std::string& file : files) {
    std::optional<model::Event> event;
    for (const GoldenLine& line : ReadGoldenFile(file)) {
      if (line.directive) {
        ASSERT_EQ(line.name, "event") << line.Where();
        codec::EventError error;
        auto parsed = codec::ParseEvents(line.input, {}, &error);
        ASSERT_TRUE(parsed.ok() && parsed->size() == 1) << line.Where() << ": " << error.reason;
        event = (*parsed)[0];
        continue;
      }
      ++cases;
      ASSERT_TRUE(event.has_value()) << line.Where();
      auto filter = ParseAuditFilter(line.input);
      ASSERT_TRUE(filter.ok()) << line.Where() << ": " << filter.status().message();
      ASSERT_TRUE(line.expected == "match" || line.expected == "no match") << line.Where();
      EXPECT_EQ(filter->Matches(*event), line.expected == "match") << line.Where();
    }
  }
  EXPECT_GT(cases, 20);
}

}  // namespace
}  // namespace trailkeep::api::dialects::dynatrace
