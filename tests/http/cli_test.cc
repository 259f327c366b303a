// The `trailkeep` command line against real data directories and a running
// server: token administration, ingest, query, export, demo, serve options
// and configuration precedence.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "http/json_util.h"
#include "http/native_error_util.h"
#include "http/server_process.h"
#include "http/text_shapes.h"

namespace trailkeep::testing {
namespace {


// Sets an environment variable for the scope (children inherit environ).
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() { unsetenv(name_); }

 private:
  const char* name_;
};

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  ASSERT_TRUE(out.good()) << path;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// RFC 4180 records (quoted fields may hold commas, quotes and newlines).
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
      continue;
    }
    any = true;
    if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
      any = false;
    } else {
      field += c;
    }
  }
  if (any) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string NdjsonEvents(int n, const std::string& action) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    out += R"({"kind":"user.action","action":")" + action + R"(","actor":{"name":"u)" +
           std::to_string(i % 7) + R"(, \"quoted\""},"message":"line one\nline two"})" + "\n";
  }
  return out;
}

std::string JsonArrayEvents(int n) {
  std::string out = "[\n";
  for (int i = 0; i < n; ++i) {
    out += std::string(i ? ",\n" : "") + R"(  {"kind":"config.change","action":"UPDATE","time":)" +
           std::to_string(1767225600000LL + i * 1000LL) + "}";
  }
  return out + "\n]\n";
}

uint64_t TotalOf(Client& c, const std::string& query = "") {
  auto r = c.Get("/v1/events?total=true&limit=1" + query);
  EXPECT_EQ(r.status, 200) << r.body;
  return static_cast<uint64_t>(At(Json(r.body), "total").number);
}

TEST(Cli, TokenCreateListRevoke) {
  TempDir dir;
  auto created =
      RunTrailkeep({"token", "create", "--data", dir.path(), "--tenant", "acme", "--scope",
                    "events.write", "--scope", "events.read", "--name", "ci-bot"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  auto lines = Lines(created.out);
  ASSERT_FALSE(lines.empty());
  std::string secret = lines.back();
  EXPECT_TRUE(IsTokenSecret(secret))
      << "last stdout line is not the token alone: '" << secret << "'";
  std::optional<std::string> found = FirstLowerHexRun(created.err, 12);
  ASSERT_TRUE(found) << created.err;
  std::string id = *found;

  auto other = RunTrailkeep(
      {"token", "create", "--data", dir.path(), "--tenant", "acme", "--scope", "events.read"});
  ASSERT_EQ(other.exit_code, 0) << other.err;
  std::string other_secret = Lines(other.out).back();

  auto list = RunTrailkeep({"token", "list", "--data", dir.path()});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find(id), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("ci-bot"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("events.write"), std::string::npos) << list.out;
  for (const auto& s : {secret, other_secret}) {
    EXPECT_EQ(list.out.find(s), std::string::npos) << "list shows a secret";
    EXPECT_EQ(list.err.find(s), std::string::npos) << "list shows a secret";
    EXPECT_EQ(list.out.find(s.substr(3)), std::string::npos);
  }
  EXPECT_EQ(Lines(list.out).size(), 2u) << list.out;

  // Bad input is refused with a message and no token.
  auto bad_scope =
      RunTrailkeep({"token", "create", "--data", dir.path(), "--tenant", "acme", "--scope", "fly"});
  EXPECT_NE(bad_scope.exit_code, 0);
  EXPECT_NE(bad_scope.err.find("fly"), std::string::npos) << bad_scope.err;
  EXPECT_TRUE(TokenSecretsIn(bad_scope.out).empty());
  auto bad_tenant = RunTrailkeep(
      {"token", "create", "--data", dir.path(), "--tenant", "a b", "--scope", "events.read"});
  EXPECT_NE(bad_tenant.exit_code, 0);
  EXPECT_NE(bad_tenant.err.find("tenant"), std::string::npos) << bad_tenant.err;

  // The created token authenticates with its tenant and scopes.
  {
    ServerProcess server(dir.path());
    Client c(server.url(), secret);
    auto post = c.Post("/v1/events", R"({"kind":"k","action":"a"})");
    EXPECT_EQ(post.status, 201) << post.body;
    auto got = c.Get("/v1/events");
    ASSERT_EQ(got.status, 200) << got.body;
    EXPECT_EQ(At(At(Json(got.body), "events").items.at(0), "tenant").string, "acme");
    EXPECT_EQ(Client(server.url(), other_secret)
                  .Post("/v1/events", R"({"kind":"k","action":"a"})")
                  .status,
              403);
  }

  auto revoke = RunTrailkeep({"token", "revoke", "--data", dir.path(), id});
  EXPECT_EQ(revoke.exit_code, 0) << revoke.err;
  auto again = RunTrailkeep({"token", "revoke", "--data", dir.path(), id});
  EXPECT_NE(again.exit_code, 0);
  EXPECT_NE(again.err.find(id), std::string::npos) << again.err;
  auto list2 = RunTrailkeep({"token", "list", "--data", dir.path()});
  EXPECT_EQ(list2.out.find(id), std::string::npos) << list2.out;
  EXPECT_EQ(Lines(list2.out).size(), 1u) << list2.out;

  ServerProcess server(dir.path());
  ExpectNativeError(Client(server.url(), secret).Get("/v1/events"), 401, "unauthenticated");
  EXPECT_EQ(Client(server.url(), other_secret).Get("/v1/events").status, 200);
}

TEST(Cli, TokenCommandsOnADataDirInUseFailClearly) {
  TempDir dir;
  std::string token = CreateToken(dir.path(), {"acme"}, {"events.read"});
  ServerProcess server(dir.path());
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"token", "create", "--data", dir.path(), "--tenant", "acme",
                                 "--scope", "events.read"},
        std::vector<std::string>{"token", "list", "--data", dir.path()}}) {
    auto r = RunTrailkeep(args);
    EXPECT_NE(r.exit_code, 0) << r.out;
    EXPECT_NE(r.err.find("data directory"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("in use"), std::string::npos) << r.err;
    EXPECT_TRUE(TokenSecretsIn(r.out).empty()) << r.out;
  }
  // The running server is unharmed.
  EXPECT_EQ(Client(server.url(), token).Get("/v1/events").status, 200);
}

class CliClient : public ::testing::Test {
 protected:
  void SetUp() override {
    token_ = CreateToken(dir_.path(), {"acme"}, {"events.write", "events.read"});
    server_ = std::make_unique<ServerProcess>(dir_.path());
    client_ = std::make_unique<Client>(server_->url(), token_);
  }
  std::vector<std::string> Remote(std::vector<std::string> args) {
    args.insert(args.end(), {"--url", server_->url(), "--token", token_});
    return args;
  }
  TempDir dir_, files_;
  std::string token_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<Client> client_;
};

TEST_F(CliClient, IngestStoresEveryEventQuietlyWhenPiped) {
  std::string nd = files_.path() + "/events.ndjson";
  std::string js = files_.path() + "/events.json";
  WriteFile(nd, NdjsonEvents(250, "login"));
  WriteFile(js, JsonArrayEvents(120));
  auto r = RunTrailkeep(Remote({"ingest", "--batch", "100", nd, js}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.find('\r'), std::string::npos) << "progress bar drawn on a pipe: " << r.err;
  EXPECT_EQ(TotalOf(*client_), 370u);
  EXPECT_EQ(TotalOf(*client_, "&filter=action(login)"), 250u);
  EXPECT_EQ(TotalOf(*client_, "&filter=action(UPDATE)"), 120u);
  // Content is intact (times of the JSON file, escapes of the NDJSON file).
  auto first = client_->Get("/v1/events?order=asc&limit=1&filter=action(UPDATE)");
  EXPECT_EQ(At(At(Json(first.body), "events").items.at(0), "time").string,
            "2026-01-01T00:00:00.000Z");
  auto login = client_->Get("/v1/events?limit=1&filter=action(login)");
  auto e = At(Json(login.body), "events").items.at(0);
  EXPECT_EQ(At(e, "message").string, "line one\nline two");

  // Stdin ("-") as NDJSON.
  auto piped = RunTrailkeep(Remote({"ingest", "-"}), NdjsonEvents(5, "stdin"));
  EXPECT_EQ(piped.exit_code, 0) << piped.err;
  EXPECT_EQ(TotalOf(*client_, "&filter=action(stdin)"), 5u);
}

TEST_F(CliClient, IngestOfABadFileFailsAndSaysWhy) {
  std::string nd = files_.path() + "/bad.ndjson";
  WriteFile(nd, "{\"kind\":\"k\",\"action\":\"a\"}\n{\"kind\":\"k\"}\n");
  auto r = RunTrailkeep(Remote({"ingest", nd}));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("action"), std::string::npos) << r.err;
  EXPECT_EQ(TotalOf(*client_), 0u);
  auto bad_token = RunTrailkeep({"ingest", nd, "--url", server_->url(), "--token", "tk_nope"});
  EXPECT_NE(bad_token.exit_code, 0);
  EXPECT_NE(bad_token.err.find("401"), std::string::npos) << bad_token.err;
  auto missing = RunTrailkeep(Remote({"ingest", files_.path() + "/absent.ndjson"}));
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.err.find("absent.ndjson"), std::string::npos) << missing.err;
}

TEST_F(CliClient, QueryTotalAndCsvExport) {
  std::string nd = files_.path() + "/events.ndjson";
  WriteFile(nd, NdjsonEvents(42, "login"));
  ASSERT_EQ(RunTrailkeep(Remote({"ingest", nd})).exit_code, 0);

  auto q = RunTrailkeep(Remote({"query", "--total", "--limit", "5"}));
  ASSERT_EQ(q.exit_code, 0) << q.err;
  auto v = Json(q.out);
  EXPECT_EQ(At(v, "total").number, 42);
  EXPECT_EQ(At(v, "events").items.size(), 5u);
  // The filter travels intact (quotes, commas, '~' escapes) through the URL.
  auto filtered =
      RunTrailkeep(Remote({"query", "--total", "--filter", "actor.name(\"u1, ~\"quoted~\"\")"}));
  ASSERT_EQ(filtered.exit_code, 0) << filtered.err << filtered.out;
  EXPECT_EQ(At(Json(filtered.out), "total").number, 6);  // i % 7 == 1 for i < 42
  auto bad = RunTrailkeep(Remote({"query", "--from", "yesterday"}));
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.out.find("from"), std::string::npos) << bad.out << bad.err;

  std::string csv_path = files_.path() + "/out.csv";
  auto e = RunTrailkeep(Remote({"export", "--format", "csv", "-o", csv_path}));
  ASSERT_EQ(e.exit_code, 0) << e.err;
  EXPECT_EQ(e.out, "");
  EXPECT_EQ(e.err.find('\r'), std::string::npos) << e.err;
  auto rows = ParseCsv(ReadFile(csv_path));
  ASSERT_EQ(rows.size(), 43u) << ReadFile(csv_path).substr(0, 500);
  const auto& header = rows[0];
  auto col = [&](const std::string& name) {
    auto it = std::find(header.begin(), header.end(), name);
    EXPECT_NE(it, header.end()) << "no column " << name;
    return static_cast<size_t>(it - header.begin());
  };
  size_t id_col = col("id"), action_col = col("action"), message_col = col("message");
  for (size_t i = 1; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), header.size()) << "row " << i;
    EXPECT_EQ(rows[i][id_col], std::to_string(i));  // ascending ids
    EXPECT_EQ(rows[i][action_col], "login");
    EXPECT_EQ(rows[i][message_col], "line one\nline two");
  }

  // NDJSON export to stdout: one line per event.
  auto nde = RunTrailkeep(Remote({"export"}));
  ASSERT_EQ(nde.exit_code, 0) << nde.err;
  EXPECT_EQ(Lines(nde.out).size(), 42u);
}

TEST(Cli, DemoLoadsTwoTenantsOverThirtyDays) {
  TempDir dir;
  auto demo = RunTrailkeep({"demo", "--data", dir.path(), "--events", "500"});
  ASSERT_EQ(demo.exit_code, 0) << demo.err;
  std::string token = CreateToken(dir.path(), {"acme", "globex"}, {"events.read"});
  ServerProcess server(dir.path());
  Client c(server.url(), token);
  uint64_t acme = TotalOf(c, "&tenant=acme"), globex = TotalOf(c, "&tenant=globex");
  EXPECT_EQ(acme + globex, 500u);
  for (const std::string tenant : {"acme", "globex"}) {
    SCOPED_TRACE(tenant);
    uint64_t all = TotalOf(c, "&tenant=" + tenant);
    EXPECT_GT(all, 100u);
    // Spread over the last 30 days: some in the first days, some recent,
    // none in the future or older than 30 days.
    EXPECT_EQ(TotalOf(c, "&tenant=" + tenant + "&from=now-30d&to=now"), all);
    EXPECT_GT(TotalOf(c, "&tenant=" + tenant + "&to=now-25d"), 0u);
    EXPECT_GT(TotalOf(c, "&tenant=" + tenant + "&from=now-3d"), 0u);
    EXPECT_GT(TotalOf(c, "&tenant=" + tenant + "&from=now-16d&to=now-14d"), 0u);
  }
}

TEST(Cli, ServeRejectsBadOptionsNamingThem) {
  TempDir dir;
  struct Case {
    std::vector<std::string> args;
    std::string named;
  };
  // Each case also carries a later bad option, so a wrongly accepted first
  // one still ends the process instead of serving forever.
  const Case cases[] = {
      {{"--no-such-option", "1"}, "--no-such-option"}, {{"--durability", "fast"}, "durability"},
      {{"--listen", "127.0.0.1:99999"}, "listen"},     {{"--listen", "nonsense"}, "listen"},
      {{"--max-body-bytes", "12x"}, "max_body_bytes"}, {{"--io-threads", "300"}, "io_threads"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.args[0] + " " + c.args[1]);
    std::vector<std::string> args = {"serve", "--data", dir.path() + "/d"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    args.insert(args.end(), {"--worker-threads", "0"});
    auto r = RunTrailkeep(args);
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.err.find(c.named), std::string::npos) << r.err;
    EXPECT_EQ(r.out.find("listening"), std::string::npos) << r.out;
  }
}

class CliConfig : public ::testing::Test {
 protected:
  std::string Config(const std::string& text) {
    std::string path = files_.path() + "/trailkeep.ini";
    WriteFile(path, text);
    return path;
  }
  TempDir dir_, files_;
};

TEST_F(CliConfig, FileIsOverriddenByEnvironmentIsOverriddenByFlags) {
  std::string file = Config("# comment\n[trailkeep]\ndurability = buffered\n; more\n");
  {
    ServerProcess s(dir_.path(), {"--config", file});
    EXPECT_NE(s.Output().find("durability: buffered"), std::string::npos) << s.Output();
  }
  {
    ScopedEnv env("TRAILKEEP_DURABILITY", "sync");
    ServerProcess s(dir_.path(), {"--config", file});
    EXPECT_NE(s.Output().find("durability: sync"), std::string::npos) << s.Output();
  }
  {
    ScopedEnv env("TRAILKEEP_DURABILITY", "sync");
    ServerProcess s(dir_.path(), {"--config", file, "--durability", "buffered"});
    EXPECT_NE(s.Output().find("durability: buffered"), std::string::npos) << s.Output();
  }
  {
    // The flag's port 0 beats the environment's fixed port.
    ScopedEnv env("TRAILKEEP_LISTEN", "127.0.0.1:1");
    ServerProcess s(dir_.path(), {"--config", Config("listen = 127.0.0.1:2\n")});
    EXPECT_NE(s.port(), 0);
    EXPECT_NE(s.port(), 1);
    EXPECT_NE(s.port(), 2);
  }
}

TEST_F(CliConfig, AnInvalidFileValueOverriddenByAFlagStillStarts) {
  std::string file = Config("listen = 127.0.0.1:99999\n");
  ServerProcess s(dir_.path(), {"--config", file});
  ASSERT_NE(s.port(), 0) << "server did not start; output:\n" << s.Output();
  EXPECT_EQ(Client(s.url(), "").Get("/healthz").status, 200);
}

TEST_F(CliConfig, AnInvalidEnvironmentValueOverriddenByAFlagStillStarts) {
  ScopedEnv env("TRAILKEEP_LISTEN", "127.0.0.1:99999");
  ServerProcess s(dir_.path());
  ASSERT_NE(s.port(), 0) << "server did not start; output:\n" << s.Output();
}

TEST_F(CliConfig, FileErrorsNameFileAndLine) {
  // Safety net: should the file be accepted, the bad environment value still
  // stops the server, so the test fails instead of hanging.
  ScopedEnv env("TRAILKEEP_WORKER_THREADS", "0");
  struct Case {
    std::string text, mention;
  };
  const Case cases[] = {
      {"durability = sync\n\nbogus_key = 1\n", ":3"},
      {"[trailkeep]\nlisten 127.0.0.1:0\n", ":2"},
      {"[server]\n", ":1"},
      {"# ok\nmax_connections = lots\n", ":2"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    std::string file = Config(c.text);
    auto r = RunTrailkeep({"serve", "--config", file, "--data", dir_.path()});
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.err.find(file + c.mention), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("TRAILKEEP_WORKER_THREADS"), std::string::npos) << r.err;
  }
  auto unknown =
      RunTrailkeep({"serve", "--config", Config("bogus_key = 1\n"), "--data", dir_.path()});
  EXPECT_NE(unknown.err.find("bogus_key"), std::string::npos) << unknown.err;
  auto missing =
      RunTrailkeep({"serve", "--config", files_.path() + "/nope.ini", "--data", dir_.path()});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.err.find("nope.ini"), std::string::npos) << missing.err;
}

}  // namespace
}  // namespace trailkeep::testing
