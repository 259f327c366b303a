// Runs tests/golden/time/*.txt against ParseTimeExpr / ParseDurationMs.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "base/clock.h"
#include "base/time_format.h"
#include "query/golden_file.h"
#include "query/time_expr.h"

namespace trailkeep::query {
namespace {

using golden::GoldenLine;

// The outcome of one case in the golden notation.
std::string Render(const Status& status, const std::string& value) {
  return status.ok() ? value : "error: " + status.message();
}

// True when `actual` (rendered) satisfies `expected`: equal, or `error` /
// `error: <substring>` against an error.
bool Satisfies(const std::string& actual, const std::string& expected) {
  if (expected == "error") return actual.starts_with("error: ");
  if (expected.starts_with("error: ")) {
    return actual.starts_with("error: ") &&
           actual.find(expected.substr(7), 7) != std::string::npos;
  }
  return actual == expected;
}

class TimeGoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(TimeGoldenTest, File) {
  FakeClock clock(0);
  bool clock_set = false;
  TimeExprOptions options;
  bool durations = false;
  int cases = 0;
  for (const GoldenLine& line : golden::ReadGoldenFile(GetParam())) {
    SCOPED_TRACE(line.Where());
    if (line.directive) {
      if (line.name == "now") {
        std::optional<int64_t> now = ParseIsoMs(line.input);
        ASSERT_TRUE(now.has_value()) << "bad @now " << line.input;
        clock.Set(*now);
        clock_set = true;
      } else if (line.name == "date_only") {
        ASSERT_TRUE(line.input == "true" || line.input == "false") << line.input;
        options.allow_date_only = line.input == "true";
      } else if (line.name == "parse") {
        ASSERT_EQ(line.input, "duration");
        durations = true;
      } else {
        FAIL() << "unknown directive @" << line.name;
      }
      continue;
    }
    ASSERT_NE(line.expected, "<malformed>") << "no ' => ' in: " << line.input;
    ++cases;
    std::string actual;
    if (durations) {
      Result<int64_t> ms = ParseDurationMs(line.input);
      actual = Render(ms.status(), ms.ok() ? std::to_string(*ms) : "");
    } else {
      ASSERT_TRUE(clock_set) << "time cases need an @now directive first";
      Result<model::TimeMs> t = ParseTimeExpr(line.input, clock, options);
      if (!t.ok()) {
        EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument);
      }
      actual = Render(t.status(), t.ok() ? FormatIsoMs(t->ms) : "");
    }
    EXPECT_TRUE(Satisfies(actual, line.expected))
        << "input: '" << line.input << "'\n  expected: " << line.expected
        << "\n  actual:   " << actual;
  }
  EXPECT_GT(cases, 0) << "no cases in " << GetParam();
}

std::string FileName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param.substr(info.param.find_last_of('/') + 1);
  name = name.substr(0, name.find('.'));
  for (char& c : name) {
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Golden, TimeGoldenTest,
                         ::testing::ValuesIn(golden::GoldenFiles(golden::GoldenDir("time"))),
                         FileName);

TEST(TimeGoldenFilesTest, Present) {
  EXPECT_GE(golden::GoldenFiles(golden::GoldenDir("time")).size(), 5u)
      << "golden dir: " << golden::GoldenDir("time");
}

}  // namespace
}  // namespace trailkeep::query
