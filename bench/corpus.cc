#include "corpus.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "codec/json_writer.h"

namespace trailkeep::bench {
namespace {

constexpr size_t kUsers = 10'000;
constexpr size_t kEntities = 50'000;

// SplitMix64: a counter-based generator, so event i's values depend only on
// (seed, i) and the corpus is the same however it is walked.
class Rng {
 public:
  Rng(uint64_t seed, uint64_t index) : state_(seed * 0x9E3779B97F4A7C15ULL ^ (index + 1)) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  size_t Below(size_t n) { return static_cast<size_t>(Next() % n); }

 private:
  uint64_t state_;
};

// Rank r (0-based) drawn with weight 1 / (r + 1)^s.
class ZipfSampler {
 public:
  ZipfSampler(size_t n, double s) : cdf_(n) {
    double sum = 0;
    for (size_t r = 0; r < n; ++r) cdf_[r] = sum += 1.0 / std::pow(static_cast<double>(r + 1), s);
    for (double& c : cdf_) c /= sum;
  }
  size_t Sample(double u) const {
    auto it = std::lower_bound(cdf_.begin(), cdf_.end(), u);
    return std::min(static_cast<size_t>(it - cdf_.begin()), cdf_.size() - 1);
  }

 private:
  std::vector<double> cdf_;
};

struct ActionInfo {
  const char* action;
  const char* category;
  const char* entity_type;
};

// Most frequent first; three actions per category.
constexpr std::array<ActionInfo, 15> kActions = {{
    {"user.login", "auth", "session"},
    {"repository.read", "repo", "repo"},
    {"artifact.download", "artifact", "artifact"},
    {"pipeline.run", "pipeline", "pipeline"},
    {"user.logout", "auth", "session"},
    {"artifact.upload", "artifact", "artifact"},
    {"repository.write", "repo", "repo"},
    {"config.read", "config", "setting"},
    {"pipeline.approve", "pipeline", "pipeline"},
    {"token.create", "auth", "token"},
    {"config.update", "config", "setting"},
    {"artifact.delete", "artifact", "artifact"},
    {"repository.create", "repo", "repo"},
    {"pipeline.delete", "pipeline", "pipeline"},
    {"config.delete", "config", "setting"},
}};

constexpr std::array<const char*, 6> kUserAgents = {
    "Firefox/121.0", "Chrome/120.0.6099", "Safari/605.1.15", "curl/8.4.0", "jfrog-cli-go/2.52.8",
    "python-requests/2.31",
};

constexpr std::array<const char*, 4> kReasons = {
    "permission denied", "token expired", "policy violation", "rate limited"};

const std::array<std::string, 2> kTenants = {"acme", "globex"};

void AppendEvent(Rng& rng, int64_t time_ms, size_t user, const ZipfSampler& actions,
                 std::string* out) {
  const ActionInfo& a = kActions[actions.Sample(rng.Uniform())];
  bool success = rng.Below(100) >= 3;
  size_t entity = rng.Below(kEntities);
  const std::string& tenant = Corpus::TenantOfUser(user);
  std::string name = Corpus::UserName(user);
  char buf[64];

  codec::JsonWriter w;
  w.BeginObject();
  w.Key("time");
  w.Int(time_ms);
  w.Key("kind");
  w.String("user.action");
  w.Key("action");
  w.String(a.action);
  w.Key("category");
  w.String(a.category);
  w.Key("success");
  w.Bool(success);
  w.Key("actor");
  w.BeginObject();
  std::snprintf(buf, sizeof(buf), "u-%05zu", user);
  w.Key("id");
  w.String(buf);
  w.Key("name");
  w.String(name);
  w.Key("email");
  w.String(name + "@" + tenant + ".io");
  if (user % 10 == 9) {  // service accounts say so; people leave it out
    w.Key("type");
    w.String("SERVICE");
  }
  // Each user works from one of two addresses and one client.
  std::snprintf(buf, sizeof(buf), "10.%zu.%zu.%zu", user % 200, (user / 200) % 250,
                1 + (user + rng.Below(2)) % 250);
  w.Key("ip");
  w.String(buf);
  w.Key("user_agent");
  w.String(kUserAgents[(user * 7) % kUserAgents.size()]);
  w.EndObject();
  w.Key("entity");
  w.BeginObject();
  std::snprintf(buf, sizeof(buf), "%s-%06zu", a.entity_type, entity);
  std::string entity_id = buf;
  w.Key("id");
  w.String(entity_id);
  std::snprintf(buf, sizeof(buf), "t%zu/%s-%zu", entity % 40, a.entity_type, entity % 997);
  std::string entity_name = buf;
  w.Key("name");
  w.String(entity_name);
  w.EndObject();
  w.Key("message");
  w.String(std::string(a.action) + (success ? " ok" : " refused"));
  if (!success) {
    w.Key("reason");
    w.String(kReasons[rng.Below(kReasons.size())]);
  }
  w.Key("attributes");
  w.BeginObject();
  std::snprintf(buf, sizeof(buf), "%012llx", static_cast<unsigned long long>(rng.Next() >> 16));
  w.Key("request_id");
  w.String(buf);
  w.EndObject();
  w.EndObject();
  out->append(w.str());
  out->push_back('\n');
}

}  // namespace

const std::vector<std::string>& Corpus::Actions() {
  static const std::vector<std::string> actions = [] {
    std::vector<std::string> v;
    for (const auto& a : kActions) v.emplace_back(a.action);
    return v;
  }();
  return actions;
}

std::string Corpus::UserName(size_t rank) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "user%05zu", rank);
  return buf;
}

const std::string& Corpus::TenantOfUser(size_t rank) { return kTenants[rank % 2]; }

Corpus Corpus::Generate(const CorpusOptions& options) {
  Corpus c;
  c.events_ = options.events;
  c.end_ms_ = options.end_ms;
  c.start_ms_ = options.end_ms - kCorpusDays * kDayMs;
  c.tenants_.assign(kTenants.begin(), kTenants.end());
  c.tenant_events_.assign(kTenants.size(), 0);
  ZipfSampler users(kUsers, 1.0);
  ZipfSampler actions(kActions.size(), 0.8);
  const int64_t span = c.end_ms_ - c.start_ms_;
  const uint64_t n = std::max<uint64_t>(options.events, 1);

  std::array<Batch, 2> pending;
  auto emit = [&](Batch& b) {
    c.ndjson_bytes_ += b.ndjson.size();
    c.batches_.push_back(std::move(b));
    b = Batch{};
  };
  for (uint64_t i = 0; i < options.events; ++i) {
    Rng rng(options.seed, i);
    // Event i lies in its own slot of the span, so times increase with i.
    int64_t slot_start = c.start_ms_ + static_cast<int64_t>((static_cast<__int128>(span) * i) / n);
    int64_t slot_end = c.start_ms_ + static_cast<int64_t>((static_cast<__int128>(span) * (i + 1)) / n);
    int64_t time_ms = slot_start + static_cast<int64_t>(
                                       rng.Below(static_cast<size_t>(std::max<int64_t>(1, slot_end - slot_start))));
    size_t user = users.Sample(rng.Uniform());
    size_t t = user % 2;
    Batch& b = pending[t];
    b.tenant = kTenants[t];
    AppendEvent(rng, time_ms, user, actions, &b.ndjson);
    ++c.tenant_events_[t];
    if (++b.count == options.batch_size) emit(b);
  }
  for (Batch& b : pending) {
    if (b.count > 0) emit(b);
  }
  return c;
}

}  // namespace trailkeep::bench
