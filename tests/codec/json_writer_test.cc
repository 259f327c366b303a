#include "codec/json_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <limits>

namespace trailkeep::codec {
namespace {

std::string Quoted(std::string_view s) {
  std::string out;
  AppendJsonString(s, &out);
  return out;
}

TEST(AppendJsonString, PlainTextIsQuoted) {
  EXPECT_EQ(Quoted(""), R"("")");
  EXPECT_EQ(Quoted("hello"), R"("hello")");
}

TEST(AppendJsonString, EscapesQuoteBackslashAndControls) {
  EXPECT_EQ(Quoted("a\"b\\c"), R"("a\"b\\c")");
  EXPECT_EQ(Quoted("\n\t\r\b\f"), R"("\n\t\r\b\f")");
  EXPECT_EQ(Quoted(std::string_view("\0\x01\x1f", 3)), R"("\u0000\u0001\u001f")");
  EXPECT_EQ(Quoted("/\x7f"), "\"/\x7f\"");  // neither '/' nor DEL needs escaping
}

// Every byte value at every position of strings up to 24 bytes long (so
// in and across the eight-byte words AppendJsonString skips whole), against
// escaping byte by byte.
TEST(AppendJsonString, EscapesEveryByteAtEveryPosition) {
  auto reference = [](const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
      if (c == '"' || c == '\\') {
        out += '\\';
        out += static_cast<char>(c);
      } else if (c == '\n') {
        out += "\\n";
      } else if (c == '\t') {
        out += "\\t";
      } else if (c == '\r') {
        out += "\\r";
      } else if (c == '\b') {
        out += "\\b";
      } else if (c == '\f') {
        out += "\\f";
      } else if (c < 0x20) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out += buf;
      } else {
        out += static_cast<char>(c);
      }
    }
    return out + "\"";
  };
  for (size_t len = 1; len <= 24; ++len) {
    for (size_t at = 0; at < len; ++at) {
      for (int c = 0; c < 256; ++c) {
        std::string s(len, 'a');
        s[at] = static_cast<char>(c);
        ASSERT_EQ(Quoted(s), reference(s)) << "length " << len << ", byte " << c << " at " << at;
      }
    }
  }
}

// WriteJsonString (which AppendJsonString sizes a string for, checked
// against escaping byte by byte above) stays within JsonStringMaxBytes:
// every byte at every position, and strings escaped whole (the bound's
// worst case), with guard bytes after the bound.
TEST(WriteJsonString, WritesWhatAppendAppendsWithinTheBound) {
  auto check = [](const std::string& s) {
    const size_t bound = JsonStringMaxBytes(s.size());
    std::string buffer(bound + 16, '#');
    const char* end = WriteJsonString(s, buffer.data());
    ASSERT_LE(end - buffer.data(), static_cast<ptrdiff_t>(bound));
    ASSERT_EQ(std::string_view(buffer.data(), static_cast<size_t>(end - buffer.data())), Quoted(s));
    ASSERT_EQ(buffer.substr(bound), std::string(16, '#'));
  };
  check("");
  for (size_t len = 1; len <= 24; ++len) {
    for (size_t at = 0; at < len; ++at) {
      for (int c = 0; c < 256; ++c) {
        std::string s(len, 'a');
        s[at] = static_cast<char>(c);
        check(s);
      }
    }
    check(std::string(len, '\x01'));
  }
}

TEST(AppendJsonString, KeepsUtf8Bytes) { EXPECT_EQ(Quoted("héllo ☃ 😀"), "\"héllo ☃ 😀\""); }

TEST(AppendJsonString, AppendsToExistingText) {
  std::string out = "x=";
  AppendJsonString("y\n", &out);
  EXPECT_EQ(out, "x=\"y\\n\"");
}

TEST(JsonWriter, NestedContainersGetCommas) {
  JsonWriter w;
  w.BeginObject();
  w.Key("ids");
  w.BeginArray();
  w.Uint(1);
  w.Uint(2);
  w.BeginObject();
  w.EndObject();
  w.BeginArray();
  w.EndArray();
  w.EndArray();
  w.Key("name");
  w.String("a\"b");
  w.Key("ok");
  w.Bool(true);
  w.Key("no");
  w.Bool(false);
  w.Key("nothing");
  w.Null();
  w.Key("neg");
  w.Int(-42);
  w.EndObject();
  EXPECT_EQ(w.str(),
            R"({"ids":[1,2,{},[]],"name":"a\"b","ok":true,"no":false,"nothing":null,"neg":-42})");
}

TEST(JsonWriter, IntegerExtremes) {
  JsonWriter w;
  w.BeginArray();
  w.Int(std::numeric_limits<int64_t>::min());
  w.Int(std::numeric_limits<int64_t>::max());
  w.Uint(std::numeric_limits<uint64_t>::max());
  w.EndArray();
  EXPECT_EQ(w.str(), "[-9223372036854775808,9223372036854775807,18446744073709551615]");
}

TEST(JsonWriter, DoubleIsShortestRoundTrip) {
  JsonWriter w;
  w.BeginArray();
  w.Double(0.1);
  w.Double(1.0);
  w.Double(-2.5);
  w.Double(1e300);
  w.Double(5e-324);
  w.Double(std::nan(""));
  w.Double(std::numeric_limits<double>::infinity());
  w.EndArray();
  EXPECT_EQ(w.str(), "[0.1,1,-2.5,1e+300,5e-324,null,null]");
}

TEST(JsonWriter, RawInsertsValuesVerbatim) {
  JsonWriter w;
  w.BeginObject();
  w.Key("events");
  w.BeginArray();
  w.Raw(R"({"id":1})");
  w.Raw(R"({"id":2})");
  w.EndArray();
  w.Key("next");
  w.Raw("null");
  w.EndObject();
  EXPECT_EQ(w.str(), R"({"events":[{"id":1},{"id":2}],"next":null})");
}

TEST(JsonWriter, TopLevelScalarAndClear) {
  JsonWriter w;
  w.String("x");
  EXPECT_EQ(w.str(), R"("x")");
  w.Clear();
  w.BeginArray();
  w.Int(1);
  w.EndArray();
  EXPECT_EQ(w.Take(), "[1]");
}

}  // namespace
}  // namespace trailkeep::codec
