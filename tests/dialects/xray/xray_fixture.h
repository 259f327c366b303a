// Shared by the Xray dialect's HTTP tests: a server with tokens, a model of
// Xray audit events with their JSON, import through POST /v1/events?format=xray,
// and a straightforward reference evaluation of the endpoint.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/time_format.h"
#include "codec/json_writer.h"
#include "http/json_util.h"
#include "http/server_process.h"

namespace trailkeep::testing {

inline constexpr const char* kAuditPath = "/xray/api/v1/curation/audit/packages";
inline constexpr int64_t kHourMs = 3'600'000;
inline constexpr int64_t kDayMs = 24 * kHourMs;

// "2024-01-01T00:00:00Z" for whole-second instants.
inline std::string Rfc3339(int64_t ms) {
  std::string iso = FormatIsoMs(ms - ((ms % 1000) + 1000) % 1000);
  return iso.substr(0, iso.size() - 5) + "Z";
}

inline int64_t NowSeconds() {
  auto now = std::chrono::system_clock::now().time_since_epoch();
  return std::chrono::duration_cast<std::chrono::seconds>(now).count() * 1000;
}

struct TestPolicy {
  std::string name;
  int id = 0;
  bool dry_run = false;
  std::string condition = "Image is not Docker Hub official";
  std::string category = "operational";
};

// An Xray AuditEvent as a client sees it.
struct TestEvent {
  uint64_t id = 0;      // assigned by the server at import
  int64_t time_ms = 0;  // whole seconds
  std::string action = "blocked", package_type = "Docker", package_name = "library/nginx",
              package_version = "latest", package_url = "https://registry-1.docker.io/v2/x",
              reason = "Policy violations", curated_server = "", curated_repo = "docker-remote",
              curated_project = "default", username = "admin", user_mail = "",
              origin_server = "z0curdocktest", origin_repo = "docker-remote",
              origin_project = "default", public_url = "https://registry-1.docker.io",
              public_name = "Docker Hub";
  std::vector<TestPolicy> policies;

  std::string Field(const std::string& column) const {
    if (column == "action") return action;
    if (column == "package_type") return package_type;
    if (column == "package_name") return package_name;
    if (column == "package_version") return package_version;
    if (column == "curated_repository_name") return curated_repo;
    if (column == "username") return username;
    if (column == "user_mail") return user_mail;
    if (column == "origin_repository_name") return origin_repo;
    if (column == "public_repo_name") return public_name;
    if (column == "reason") return reason;
    ADD_FAILURE() << "unknown column " << column;
    return "";
  }
};

inline void WritePolicy(const TestPolicy& p, codec::JsonWriter* w) {
  w->BeginObject();
  w->Key("policy_name"), w->String(p.name);
  w->Key("policy_id"), w->Int(p.id);
  w->Key("dry_run"), w->Bool(p.dry_run);
  w->Key("condition_name"), w->String(p.condition);
  w->Key("condition_category"), w->String(p.category);
  w->EndObject();
}

// The event as Xray's JSON (the id given is the vendor's: dropped at import).
inline std::string XrayJson(const TestEvent& e, uint64_t vendor_id = 174) {
  codec::JsonWriter w;
  w.BeginObject();
  w.Key("id"), w.Uint(vendor_id);
  w.Key("created_at"), w.String(Rfc3339(e.time_ms));
  w.Key("action"), w.String(e.action);
  w.Key("package_type"), w.String(e.package_type);
  w.Key("package_name"), w.String(e.package_name);
  w.Key("package_version"), w.String(e.package_version);
  w.Key("package_url"), w.String(e.package_url);
  w.Key("reason"), w.String(e.reason);
  w.Key("curated_repository_server_name"), w.String(e.curated_server);
  w.Key("curated_repository_name"), w.String(e.curated_repo);
  w.Key("curated_project"), w.String(e.curated_project);
  w.Key("username"), w.String(e.username);
  w.Key("user_mail"), w.String(e.user_mail);
  w.Key("origin_repository_server_name"), w.String(e.origin_server);
  w.Key("origin_repository_name"), w.String(e.origin_repo);
  w.Key("origin_project"), w.String(e.origin_project);
  w.Key("public_repo_url"), w.String(e.public_url);
  w.Key("public_repo_name"), w.String(e.public_name);
  w.Key("policies");
  w.BeginArray();
  for (const TestPolicy& p : e.policies) WritePolicy(p, &w);
  w.EndArray();
  w.EndObject();
  return w.Take();
}

class XrayServer : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(dir_.path());
    token_ = MintToken(*server_, {"acme"}, {"events.write", "VIEW_POLICIES"});
    reader_ = MintToken(*server_, {"acme"}, {"events.read"});
    admin_ = MintToken(*server_, {"acme"}, {"admin"});
    other_ = MintToken(*server_, {"other"}, {"events.write", "VIEW_POLICIES"});
    multi_ = MintToken(*server_, {"acme", "other"}, {"VIEW_POLICIES"});
    client_ = std::make_unique<Client>(server_->url(), token_);
  }

  // Imports `events` (in batches) through the Xray importer; fills their ids.
  void Import(std::vector<TestEvent>* events, size_t from = 0) {
    for (size_t start = from; start < events->size(); start += 5000) {
      size_t end = std::min(events->size(), start + 5000);
      std::string body = "[";
      for (size_t i = start; i < end; ++i) body += (i > start ? "," : "") + XrayJson((*events)[i]);
      body += "]";
      auto r = client_->Post("/v1/events?format=xray", body);
      ASSERT_EQ(r.status, 201) << r.body;
      auto ids = At(Json(r.body), "ids");
      ASSERT_EQ(ids.items.size(), end - start);
      for (size_t i = start; i < end; ++i) (*events)[i].id = U64(ids.items[i - start]);
    }
  }

  // GET the endpoint; the JSON body (status checked).
  codec::JsonValue Page(const std::string& query, int want_status = 200) {
    auto r = client_->Get(std::string(kAuditPath) + (query.empty() ? "" : "?" + query));
    EXPECT_EQ(r.status, want_status) << query << " -> " << r.body;
    return Json(r.body);
  }

  TempDir dir_;
  std::string token_;   // acme: events.write, VIEW_POLICIES
  std::string reader_;  // acme: events.read only
  std::string admin_;   // acme: admin
  std::string other_;   // other: events.write, VIEW_POLICIES
  std::string multi_;   // acme and other: VIEW_POLICIES
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<Client> client_;
};

// One row of the reference answer: an event id and the names of the
// policies it shows.
struct RefRow {
  uint64_t id;
  std::vector<std::string> policies;
  friend bool operator==(const RefRow&, const RefRow&) = default;
};

struct RefQuery {
  std::string order_by = "id";
  bool asc = false;
  uint64_t num_of_rows = 100;
  uint64_t offset = 0;
  int64_t start = 0, end = 0;  // [start, end)
  bool dry_run = false;
};

struct RefAnswer {
  std::vector<RefRow> rows;
  uint64_t total = 0;
  uint64_t next_offset = 0;
};

// The endpoint's answer computed the obvious way: filter, expand, sort all,
// slice.
inline RefAnswer Reference(const std::vector<TestEvent>& events, const RefQuery& q) {
  // Each event with its order_by value, taken once: Field builds a string,
  // and two per comparison were most of this function's time.
  struct Keyed {
    const TestEvent* e;
    std::string key;  // empty for id and created_at
  };
  const bool by_time = q.order_by == "created_at";
  const bool by_field = q.order_by != "id" && !by_time;
  std::vector<Keyed> in;
  for (const TestEvent& e : events) {
    if (e.time_ms >= q.start && e.time_ms < q.end) {
      in.push_back(Keyed{&e, by_field ? e.Field(q.order_by) : std::string()});
    }
  }
  auto before = [&](const Keyed& ka, const Keyed& kb) {
    const TestEvent* a = ka.e;
    const TestEvent* b = kb.e;
    if (by_time) {
      if (a->time_ms != b->time_ms)
        return q.asc ? a->time_ms < b->time_ms : a->time_ms > b->time_ms;
    } else if (by_field && ka.key != kb.key) {
      return q.asc ? ka.key < kb.key : ka.key > kb.key;
    }
    return q.asc ? a->id < b->id : a->id > b->id;
  };
  std::sort(in.begin(), in.end(), before);
  // Every row counts towards the total; only the slice's rows are built.
  RefAnswer answer;
  auto in_slice = [&] {
    return answer.total >= q.offset && answer.total - q.offset < q.num_of_rows;
  };
  for (const Keyed& k : in) {
    const TestEvent* e = k.e;
    if (!q.dry_run) {
      if (in_slice()) {
        RefRow row{e->id, {}};
        for (const TestPolicy& p : e->policies) {
          if (!p.dry_run) row.policies.push_back(p.name);
        }
        answer.rows.push_back(std::move(row));
      }
      ++answer.total;
    } else {
      for (const TestPolicy& p : e->policies) {
        if (!p.dry_run) continue;
        if (in_slice()) answer.rows.push_back(RefRow{e->id, {p.name}});
        ++answer.total;
      }
    }
  }
  if (q.offset + answer.rows.size() < answer.total) {
    answer.next_offset = q.offset + answer.rows.size();
  }
  return answer;
}

// The rows of a JSON answer, as RefRows.
inline std::vector<RefRow> RowsOf(const codec::JsonValue& body) {
  std::vector<RefRow> rows;
  for (const auto& e : At(body, "data").items) {
    RefRow row{U64(At(e, "id")), {}};
    for (const auto& p : At(e, "policies").items)
      row.policies.push_back(At(p, "policy_name").string);
    rows.push_back(row);
  }
  return rows;
}

inline std::string RefQueryString(const RefQuery& q) {
  return "order_by=" + q.order_by + "&direction=" + (q.asc ? "asc" : "desc") +
         "&num_of_rows=" + std::to_string(q.num_of_rows) + "&offset=" + std::to_string(q.offset) +
         "&created_at_start=" + Rfc3339(q.start) + "&created_at_end=" + Rfc3339(q.end) +
         "&include_total=true" + (q.dry_run ? "&dry_run=true" : "");
}

}  // namespace trailkeep::testing
