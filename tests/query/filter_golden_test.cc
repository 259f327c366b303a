// Runs tests/golden/filter/*.txt against ParseFilter.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "query/filter.h"
#include "query/golden_file.h"

namespace trailkeep::query {
namespace {

using golden::GoldenLine;

void AppendJsonString(const std::string& s, std::string* out) {
  out->push_back('"');
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (ch == '"' || ch == '\\') {
      out->push_back('\\');
      out->push_back(ch);
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out->append(buf);
    } else {
      out->push_back(ch);
    }
  }
  out->push_back('"');
}

std::string ToJson(const std::vector<Criterion>& criteria) {
  std::string out = "[";
  for (size_t i = 0; i < criteria.size(); ++i) {
    if (i > 0) out.push_back(',');
    out.push_back('[');
    AppendJsonString(criteria[i].name, &out);
    out.append(",[");
    for (size_t j = 0; j < criteria[i].values.size(); ++j) {
      if (j > 0) out.push_back(',');
      AppendJsonString(criteria[i].values[j], &out);
    }
    out.append("]]");
  }
  out.push_back(']');
  return out;
}

// Checks an error against "error@N" or "error@N: text".
void ExpectError(const Status& status, const std::string& expected) {
  size_t colon = expected.find(": ");
  std::string position = expected.substr(6, colon == std::string::npos ? std::string::npos
                                                                       : colon - 6);
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("at position " + position + " "), std::string::npos)
      << "expected position " << position << ", got: " << status.message();
  if (colon != std::string::npos) {
    EXPECT_NE(status.message().find(expected.substr(colon + 2)), std::string::npos)
        << "expected '" << expected.substr(colon + 2) << "' in: " << status.message();
  }
}

class FilterGoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(FilterGoldenTest, File) {
  int cases = 0;
  for (const GoldenLine& line : golden::ReadGoldenFile(GetParam())) {
    SCOPED_TRACE(line.Where() + ": " + line.input);
    ASSERT_FALSE(line.directive) << "filter goldens take no directives";
    ASSERT_NE(line.expected, "<malformed>") << "no ' => ' in: " << line.input;
    ++cases;
    Result<std::vector<Criterion>> parsed = ParseFilter(line.input);
    if (line.expected.starts_with("error@")) {
      ASSERT_FALSE(parsed.ok()) << "parsed as " << ToJson(*parsed);
      ExpectError(parsed.status(), line.expected);
      continue;
    }
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
    EXPECT_EQ(ToJson(*parsed), line.expected);
    // The canonical form parses back to the same criteria.
    Result<std::vector<Criterion>> again = ParseFilter(FormatFilter(*parsed));
    ASSERT_TRUE(again.ok()) << FormatFilter(*parsed) << ": " << again.status().ToString();
    EXPECT_EQ(*again, *parsed);
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

INSTANTIATE_TEST_SUITE_P(Golden, FilterGoldenTest,
                         ::testing::ValuesIn(golden::GoldenFiles(golden::GoldenDir("filter"))),
                         FileName);

TEST(FilterGoldenFilesTest, Present) {
  EXPECT_GE(golden::GoldenFiles(golden::GoldenDir("filter")).size(), 3u)
      << "golden dir: " << golden::GoldenDir("filter");
}

}  // namespace
}  // namespace trailkeep::query
