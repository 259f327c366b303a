#include "cli/demo_data.h"

#include <array>
#include <random>
#include <string_view>

#include "base/time_format.h"
#include "codec/json_writer.h"

namespace trailkeep::cli {
namespace {

constexpr std::array<std::string_view, 8> kUsers = {"alice", "bob", "carol", "dave",
                                                    "erin",  "frank", "grace", "heidi"};
constexpr std::array<std::string_view, 4> kIps = {"10.1.4.23", "10.1.7.88", "192.168.0.2",
                                                  "172.16.3.9"};
constexpr std::array<std::string_view, 3> kAgents = {
    "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", "curl/7.88.1", "python-requests/2.31"};
constexpr std::array<std::string_view, 5> kPackages = {"lodash", "requests", "log4j-core",
                                                       "left-pad", "numpy"};

struct Writer {
  codec::JsonWriter w;
  void Str(std::string_view k, std::string_view v) {
    w.Key(k);
    w.String(v);
  }
};

void Actor(Writer& o, std::string_view user, std::mt19937_64& rng) {
  o.w.Key("actor");
  o.w.BeginObject();
  o.Str("id", "u-" + std::string(user));
  o.Str("name", user);
  o.Str("email", std::string(user) + "@example.com");
  o.Str("type", "USER_NAME");
  o.Str("ip", kIps[rng() % kIps.size()]);
  o.Str("user_agent", kAgents[rng() % kAgents.size()]);
  o.w.EndObject();
}

void Entity(Writer& o, std::string_view id, std::string_view type, std::string_view name) {
  o.w.Key("entity");
  o.w.BeginObject();
  o.Str("id", id);
  o.Str("type", type);
  o.Str("name", name);
  o.w.EndObject();
}

}  // namespace

DemoEvent MakeDemoEvent(uint64_t index, uint64_t count, int64_t now_ms) {
  std::mt19937_64 rng(index * 0x9E3779B97F4A7C15ULL + 17);
  constexpr int64_t kSpan = 30LL * 24 * 3600 * 1000;
  int64_t t = now_ms - kSpan + static_cast<int64_t>(kSpan * (index + 1) / (count + 1));
  DemoEvent out;
  out.tenant = kDemoTenants[rng() % 2];
  std::string_view user = kUsers[(rng() % 64) % kUsers.size()];
  bool success = rng() % 10 != 0;
  Writer o;
  o.w.BeginObject();
  o.Str("time", FormatIsoMs(t));
  switch (rng() % 6) {
    case 0:
      o.Str("kind", "user.action");
      o.Str("action", success ? "LOGIN" : "LOGIN_FAILED");
      o.Str("category", "WEB_UI");
      Actor(o, user, rng);
      o.Str("message", success ? "user logged in" : "invalid password");
      break;
    case 1: {
      o.Str("kind", "config.change");
      o.Str("action", "UPDATE");
      o.Str("category", "CONFIG");
      Actor(o, user, rng);
      std::string id = "settings/alerting/" + std::to_string(rng() % 40);
      Entity(o, id, "setting", "alerting rule");
      o.w.Key("attributes");
      o.w.BeginObject();
      o.Str("field", "threshold");
      o.w.Key("old");
      o.w.Int(static_cast<int64_t>(rng() % 100));
      o.w.Key("new");
      o.w.Int(static_cast<int64_t>(rng() % 100));
      o.w.EndObject();
      break;
    }
    case 2: {
      std::string_view pkg = kPackages[rng() % kPackages.size()];
      bool blocked = pkg == "log4j-core" || pkg == "left-pad";
      o.Str("kind", "curation.package");
      o.Str("action", blocked ? "blocked" : "approved");
      o.Str("category", "npm");
      Actor(o, user, rng);
      Entity(o, std::string(pkg) + "@1." + std::to_string(rng() % 9), "package", pkg);
      o.Str("reason", blocked ? "policy: critical CVE" : "no policy violated");
      break;
    }
    case 3:
      o.Str("kind", "pipeline.activity");
      o.Str("action", success ? "run.succeeded" : "run.failed");
      o.Str("category", "pipeline");
      Actor(o, user, rng);
      Entity(o, "pipeline-" + std::to_string(rng() % 12), "pipeline", "deploy");
      o.w.Key("attributes");
      o.w.BeginObject();
      o.w.Key("run_count");
      o.w.Uint(rng() % 500);
      o.Str("step", "build");
      o.w.EndObject();
      break;
    case 4:
      o.Str("kind", "artifact.audit");
      o.Str("action", "upload");
      o.Str("category", "repository");
      Actor(o, user, rng);
      Entity(o, "repo-maven-" + std::to_string(rng() % 5) + "/com/acme/app.jar", "file", "app.jar");
      break;
    default:
      o.Str("kind", "token.use");
      o.Str("action", "api.call");
      o.Str("category", "TOKEN");
      Actor(o, user, rng);
      Entity(o, "token-" + std::to_string(rng() % 20), "token", "ci token");
      break;
  }
  o.w.Key("success");
  o.w.Bool(success);
  o.w.EndObject();
  out.json = o.w.Take();
  return out;
}

}  // namespace trailkeep::cli
