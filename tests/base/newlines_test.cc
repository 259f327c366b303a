#include "base/newlines.h"

#include <string>

#include <gtest/gtest.h>

namespace trailkeep {
namespace {

TEST(CountNewlines, EmptyAndNone) {
  EXPECT_EQ(CountNewlines({}), 0u);
  EXPECT_EQ(CountNewlines("no line break"), 0u);
}

TEST(CountNewlines, EdgesAndRuns) {
  EXPECT_EQ(CountNewlines("\n"), 1u);
  EXPECT_EQ(CountNewlines("\nabc\n"), 2u);
  EXPECT_EQ(CountNewlines("\n\n\n"), 3u);
  EXPECT_EQ(CountNewlines("a\r\nb\r\n"), 2u);  // CSV rows end in CRLF
}

TEST(CountNewlines, AgreesWithAByteLoopOnLongText) {
  std::string text;
  size_t expected = 0;
  for (int i = 0; i < 5000; ++i) {
    text.append(static_cast<size_t>(i % 700), 'x');
    if (i % 3 != 0) {
      text.push_back('\n');
      ++expected;
    }
  }
  EXPECT_EQ(CountNewlines(text), expected);
  // Every offset and length crosses a newline differently.
  for (size_t off = 0; off < 64; ++off) {
    std::string_view part = std::string_view(text).substr(off, text.size() / 2);
    size_t loop = 0;
    for (char c : part) loop += c == '\n';
    EXPECT_EQ(CountNewlines(part), loop) << off;
  }
}

}  // namespace
}  // namespace trailkeep
