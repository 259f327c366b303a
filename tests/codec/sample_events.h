// Events shared by the codec tests: one with only the required fields, one
// with every field set, strings full of characters JSON must escape.
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "base/time_format.h"
#include "model/event.h"

namespace trailkeep::codec::testing {

inline model::Event MinimalEvent() {
  model::Event e;
  e.id = {7};
  e.tenant = {"acme"};
  e.time = {1795460645123};
  e.received = {1795460646000};
  e.kind = "user.action";
  e.action = "login";
  return e;
}

inline model::Event FullEvent() {
  model::Event e = MinimalEvent();
  e.id = {18446744073709551615u};
  e.category = "AUTH";
  e.success = false;
  e.actor = {.id = "u1",
             .name = "Zoë \"Z\" Ng",
             .email = "z@example.com",
             .type = "USER",
             .origin = "sso",
             .ip = "10.0.0.1",
             .user_agent = "curl/8.0\tx"};
  e.entity = {.id = "e1", .type = "package", .name = "left-pad", .version = "1.3.0"};
  e.message = "line1\nline2 \\ ☃ 😀";
  e.reason = std::string("nul\0byte", 8);
  e.uid = "abc-123";
  e.attributes = R"({"a":{"b":[1,2.50,"x\"y"]},"n":null})";
  return e;
}

// Random events for property tests: each optional field present or absent
// at random, every string a random run of `pieces` (so the pieces decide
// which escapes and lookalikes appear). No attributes: each test builds its
// own.
class RandomEvents {
 public:
  RandomEvents(uint64_t seed, std::vector<std::string_view> pieces)
      : rng_(seed), pieces_(std::move(pieces)) {}

  std::string String() {
    std::string s;
    for (size_t n = rng_() % 12; n > 0; --n) s += pieces_[rng_() % pieces_.size()];
    return s;
  }
  std::optional<std::string> Maybe() {
    if (rng_() % 2) return std::nullopt;
    return String();
  }
  bool Coin() { return rng_() % 2 == 0; }

  model::Event Next() {
    model::Event e;
    e.id = {rng_()};
    e.tenant = {String()};
    e.time = {kMinIsoMs + static_cast<int64_t>(rng_() % uint64_t(kMaxIsoMs - kMinIsoMs + 1))};
    e.received = {static_cast<int64_t>(rng_() % 4'000'000'000'000)};
    e.kind = String();
    e.action = String();
    e.category = Maybe();
    e.success = Coin();
    e.actor = {Maybe(), Maybe(), Maybe(), Maybe(), Maybe(), Maybe(), Maybe()};
    e.entity = {Maybe(), Maybe(), Maybe(), Maybe()};
    e.message = Maybe();
    e.reason = Maybe();
    e.uid = Maybe();
    return e;
  }

 private:
  std::mt19937_64 rng_;
  std::vector<std::string_view> pieces_;
};

}  // namespace trailkeep::codec::testing
