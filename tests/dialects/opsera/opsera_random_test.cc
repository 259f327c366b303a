// Randomized comparison of the Opsera endpoints against a straightforward
// reference evaluation (filter a vector, sort newest first, slice), and deep
// v2 pages over thousands of records.
#include <algorithm>
#include <cstdlib>
#include <optional>
#include <random>

#include "dialects/opsera/opsera_fixture.h"

namespace trailkeep::testing::opsera {
namespace {

struct Rec {
  int seq = 0;  // also commit order within its kind
  int64_t time = 0;
  std::string type, action, user, email, target;  // type: tool / scope for other kinds
};

const std::vector<std::string> kTypes = {"pipeline", "registry", "login"};
const std::vector<std::string> kActionsV = {"create", "update", "delete"};
const std::vector<std::string> kUsers = {"aaaaaaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbbbbbb",
                                         "cccccccccccccccccccccccc"};
const std::vector<std::string> kEmails = {"a@x.io", "b@x.io", "c@x.io"};
const std::vector<std::string> kTargets = {"111111111111111111111111", "222222222222222222222222",
                                           "333333333333333333333333"};
const std::vector<std::string> kTools = {"jenkins", "anchore", "consumer.response"};
const std::vector<std::string> kScopes = {"api", "security_logs"};

// The reference: records in [from, to) passing `keep`, newest first (ties:
// later commit first), `skip` then at most `limit`.
struct RefResult {
  size_t count = 0;
  std::vector<int> seqs;
};
template <typename Keep>
RefResult Reference(const std::vector<Rec>& recs, int64_t from, int64_t to, Keep keep,
                    uint64_t skip, size_t limit) {
  std::vector<Rec> hit;
  for (const Rec& r : recs) {
    if (r.time >= from && r.time < to && keep(r)) hit.push_back(r);
  }
  std::sort(hit.begin(), hit.end(), [](const Rec& a, const Rec& b) {
    return a.time != b.time ? a.time > b.time : a.seq > b.seq;
  });
  RefResult out;
  out.count = hit.size();
  for (uint64_t i = skip; i < hit.size() && out.seqs.size() < limit; ++i) out.seqs.push_back(hit[i].seq);
  return out;
}

std::vector<int> Seqs(const codec::JsonValue& body) {
  std::vector<int> out;
  for (const auto& r : At(body, "data").items) out.push_back(std::stoi(At(r, "seq").string));
  return out;
}

std::string Seq(int i) { return ",\"seq\":" + std::to_string(i); }

class OpseraRandom : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* env = std::getenv("TK_OPSERA_SEED");
    seed_ = env ? std::strtoul(env, nullptr, 10) : 20231101u;
    rng_.seed(seed_);
    server_ = std::make_unique<OpseraServer>(std::map<std::string, std::vector<std::string>>{
        {"writer", {"events.write"}}, {"reader", {"api", "opsera.role.site_admin"}}});
  }
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(rng_)];
  }
  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool Coin() { return Int(0, 1) == 1; }
  // A time on a coarse grid (many ties) or anywhere, in 2023-10-28..11-08.
  int64_t RandomTime() {
    int64_t base = *ParseIsoMs("2023-10-28T00:00:00Z");
    return Coin() ? base + int64_t{Int(0, 3000)} * 300'000
                  : base + int64_t{Int(0, 11 * 24 * 3600)} * 1000 + Int(0, 999);
  }
  std::string RandomDay() {
    int64_t base = *ParseIsoMs("2023-10-27T00:00:00Z");
    return Iso(base + int64_t{Int(0, 13)} * kDayMs).substr(0, 10);
  }
  codec::JsonValue Get(const std::string& target, int status = 200) {
    auto r = server_->As("reader").Get(target);
    EXPECT_EQ(r.status, status) << target << " " << r.body;
    return Json(r.body);
  }
  void Check(const std::string& target, const RefResult& want) {
    auto v = Get(target);
    EXPECT_EQ(At(v, "count").number, static_cast<double>(want.count)) << target << " seed " << seed_;
    EXPECT_EQ(Seqs(v), want.seqs) << target << " seed " << seed_;
  }
  unsigned seed_ = 0;
  std::mt19937 rng_;
  std::unique_ptr<OpseraServer> server_;
};

TEST_F(OpseraRandom, AllEndpointsMatchTheReference) {
  std::vector<Rec> actions, pipes, tokens;
  std::vector<std::string> bodies;
  for (int i = 0; i < 600; ++i) {
    Rec r{i, RandomTime(), Pick(kTypes), Pick(kActionsV), Pick(kUsers), Pick(kEmails), Pick(kTargets)};
    bodies.push_back(ActionRecord(r.time, r.type, r.action, r.user, r.email, r.target, Seq(i)));
    actions.push_back(r);
  }
  server_->Import("writer", JsonArray(bodies));
  bodies.clear();
  for (int i = 0; i < 300; ++i) {
    Rec r{i, RandomTime(), Pick(kTools), "", "", "", ""};
    bodies.push_back(PipelineRecord(r.time, r.type, Seq(i)));
    pipes.push_back(r);
  }
  server_->Import("writer", JsonArray(bodies));
  bodies.clear();
  for (int i = 0; i < 300; ++i) {
    Rec r{i, RandomTime(), Pick(kScopes), "", "", "", ""};
    std::string rec = TokenRecord(r.time, r.type);
    rec.insert(rec.size() - 1, Seq(i));
    bodies.push_back(rec);
    tokens.push_back(r);
  }
  server_->Import("writer", JsonArray(bodies));

  const int64_t kMin = INT64_MIN, kMax = INT64_MAX;
  for (int round = 0; round < 120; ++round) {
    // v2: optional bounds with optional times, filters, page, page_size.
    std::string q = "?x=1";
    int64_t from = kMin, to = kMax;
    if (Coin()) {
      std::string d = RandomDay();
      q += "&start_date=" + d;
      from = *ParseIsoMs(d + "T00:00:00Z");
      if (Coin()) {
        int h = Int(0, 23), m = Int(0, 59), s = Int(0, 59);
        char buf[16];
        if (Coin()) {
          std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", h, m, s);
        } else {
          std::snprintf(buf, sizeof buf, "%d:%02d", h, m);
          s = 0;
        }
        q += std::string("&start_time=") + buf;
        from += (int64_t{h} * 3600 + m * 60 + s) * 1000;
      }
    }
    if (Coin()) {
      std::string d = RandomDay();
      q += "&end_date=" + d;
      to = *ParseIsoMs(d + "T00:00:00Z") + kDayMs;
      if (Coin()) {
        int h = Int(0, 23), m = Int(0, 59), s = Int(0, 59);
        char buf[16];
        std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", h, m, s);
        q += std::string("&end_time=") + buf;
        to = to - kDayMs + (int64_t{h} * 3600 + m * 60 + s) * 1000 + 1;
      }
    }
    std::optional<std::string> type, action, user, email, target;
    if (Int(0, 2) == 0) q += "&type=" + *(type = Pick(kTypes));
    if (Int(0, 2) == 0) q += "&action=" + *(action = Pick(kActionsV));
    if (Int(0, 3) == 0) q += "&user_id=" + *(user = Pick(kUsers));
    if (Int(0, 3) == 0) q += "&user_email=" + *(email = Pick(kEmails));
    if (Int(0, 3) == 0) q += "&target_id=" + *(target = Pick(kTargets));
    int page = Int(1, 6);
    size_t page_size = Coin() ? 100 : static_cast<size_t>(Pick(std::vector<int>{1, 2, 3, 7, 40, 1000}));
    q += "&page=" + std::to_string(page);
    if (page_size != 100 || Coin()) q += "&page_size=" + std::to_string(page_size);
    if (from != kMin && to != kMax && from >= to) {
      Get(std::string(kV2Audit) + q, 400);
      continue;
    }
    auto keep = [&](const Rec& r) {
      return (!type || r.type == *type) && (!action || r.action == *action) &&
             (!user || r.user == *user) && (!email || r.email == *email) &&
             (!target || r.target == *target);
    };
    Check(std::string(kV2Audit) + q,
          Reference(actions, from, to, keep, uint64_t(page - 1) * page_size, page_size));
  }

  for (int round = 0; round < 80; ++round) {
    // v1 actions and pipelines: date, start/end, type, count.
    bool on_pipes = Coin();
    const std::vector<Rec>& recs = on_pipes ? pipes : actions;
    std::string q = "?x=1";
    int64_t from = kMin, to = kMax;
    int window = Int(0, 3);
    std::string d1 = RandomDay(), d2 = RandomDay();
    if (d2 < d1) std::swap(d1, d2);
    if (window == 0) {
      q += "&date=" + d1;
      from = *ParseIsoMs(d1 + "T00:00:00Z");
      to = from + kDayMs;
    } else if (window == 1) {
      q += "&start=" + d1 + "&end=" + d2;
      from = *ParseIsoMs(d1 + "T00:00:00Z");
      to = *ParseIsoMs(d2 + "T00:00:00Z") + kDayMs;
    } else if (window == 2) {
      q += "&end=" + d2;
      to = *ParseIsoMs(d2 + "T00:00:00Z") + kDayMs;
    } else if (!on_pipes) {
      q += "&start=" + d1;  // to now: every record is older
      from = *ParseIsoMs(d1 + "T00:00:00Z");
    }
    std::optional<std::string> type;
    if (Coin()) q += "&type=" + *(type = on_pipes ? Pick(kTools) : Pick(kTypes));
    size_t count = 1000;
    if (Coin()) q += "&count=" + std::to_string(count = static_cast<size_t>(Int(1, 60)));
    auto keep = [&](const Rec& r) { return !type || r.type == *type; };
    Check(std::string(on_pipes ? kV1Pipelines : kV1Actions) + q,
          Reference(recs, from, to, keep, 0, count));
  }

  for (int round = 0; round < 30; ++round) {
    std::string d = RandomDay();
    std::optional<std::string> scope;
    std::string q = "?date=" + d;
    if (Coin()) q += "&scope=" + *(scope = Pick(kScopes));
    int64_t from = *ParseIsoMs(d + "T00:00:00Z");
    Check(std::string(kV1Tokens) + q,
          Reference(tokens, from, from + kDayMs,
                    [&](const Rec& r) { return !scope || r.type == *scope; }, 0, 1000));
  }
}

// Deep pages: thousands of records with many same-millisecond ties; pages
// far down (skipped by counts for the kind alone, by stepping the index with
// filters) equal the reference slice.
TEST_F(OpseraRandom, DeepPagesMatchTheReference) {
  std::vector<Rec> recs;
  std::vector<std::string> bodies;
  int64_t base = *ParseIsoMs("2023-11-01T00:00:00Z");
  for (int i = 0; i < 5000; ++i) {
    // Groups of 3 share a millisecond; spread over ~3 days with some
    // records far in the past and the future of the bulk.
    int64_t t = base + int64_t{i / 3} * 150'001;
    if (i % 97 == 0) t = base - int64_t{i} * kDayMs;
    Rec r{i, t, i % 5 == 0 ? "registry" : "pipeline", Pick(kActionsV), Pick(kUsers), Pick(kEmails), Pick(kTargets)};
    bodies.push_back(ActionRecord(r.time, r.type, r.action, r.user, r.email, r.target, Seq(i)));
    recs.push_back(r);
  }
  server_->Import("writer", JsonArray(bodies));
  const int64_t kMin = INT64_MIN, kMax = INT64_MAX;
  auto all = [](const Rec&) { return true; };

  // Default page size 100; exact boundaries at the end.
  Check(kV2Audit, Reference(recs, kMin, kMax, all, 0, 100));
  for (int page : {11, 12, 25, 49, 50, 51}) {
    Check(std::string(kV2Audit) + "?page=" + std::to_string(page),
          Reference(recs, kMin, kMax, all, uint64_t(page - 1) * 100, 100));
  }
  for (int page : {1001, 2501, 4998, 4999, 5000, 5001}) {
    Check(std::string(kV2Audit) + "?page_size=1&page=" + std::to_string(page),
          Reference(recs, kMin, kMax, all, uint64_t(page - 1), 1));
  }
  for (int round = 0; round < 40; ++round) {
    size_t size = static_cast<size_t>(Pick(std::vector<int>{1, 3, 7, 100, 333, 1000}));
    size_t pages = 5000 / size + 2;
    int page = Int(1, static_cast<int>(pages));
    std::string q = "?page=" + std::to_string(page) + "&page_size=" + std::to_string(size);
    int64_t from = kMin, to = kMax;
    if (Coin()) {
      int hour = Int(0, 23);
      q += "&start_date=2023-11-01&start_time=" + std::to_string(hour) + ":30";
      from = base + int64_t{hour} * kHourMs + 30 * 60'000;
    }
    if (Coin()) {
      q += "&end_date=2023-11-03";
      to = *ParseIsoMs("2023-11-04T00:00:00Z");
    }
    std::optional<std::string> type;
    if (Int(0, 3) == 0) q += "&type=" + *(type = Pick(std::vector<std::string>{"registry", "pipeline"}));
    Check(std::string(kV2Audit) + q,
          Reference(recs, from, to, [&](const Rec& r) { return !type || r.type == *type; },
                    uint64_t(page - 1) * size, size));
  }
  // v1: count above 1000 is clamped; the total stays exact.
  auto v = Get(std::string(kV1Actions) + "?start=2023-11-01&end=2023-11-30&count=5000");
  EXPECT_EQ(At(v, "data").items.size(), 1000u);
  EXPECT_EQ(Seqs(v), Reference(recs, base, kMax, all, 0, 1000).seqs);
  EXPECT_EQ(At(v, "count").number,
            static_cast<double>(Reference(recs, base, kMax, all, 0, 1).count));
}

}  // namespace
}  // namespace trailkeep::testing::opsera
