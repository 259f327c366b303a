// Reading JSON responses in HTTP tests.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "codec/json_value.h"

namespace trailkeep::testing {

// Parses `text`; a test failure (and a null value) when it is not JSON.
inline codec::JsonValue Json(const std::string& text) {
  auto v = codec::ParseJsonValue(text);
  EXPECT_TRUE(v.ok()) << "not JSON: " << text;
  return v.ok() ? std::move(v).value() : codec::JsonValue{};
}

// The member `key` of object `v`; a test failure when absent.
inline const codec::JsonValue& At(const codec::JsonValue& v, const std::string& key) {
  static const codec::JsonValue kNull;
  const codec::JsonValue* m = v.Find(key);
  EXPECT_NE(m, nullptr) << "no member " << key;
  return m ? *m : kNull;
}

inline uint64_t U64(const codec::JsonValue& v) { return std::stoull(v.string); }

// The "id" of every element of the array `events`.
inline std::vector<uint64_t> Ids(const codec::JsonValue& events) {
  std::vector<uint64_t> ids;
  for (const auto& e : events.items) ids.push_back(U64(At(e, "id")));
  return ids;
}

}  // namespace trailkeep::testing
