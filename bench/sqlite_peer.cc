#include "sqlite_peer.h"

#include <sqlite3.h>
#include <unistd.h>

#include <chrono>

#include "base/time_format.h"
#include "codec/csv.h"
#include "codec/event_json.h"
#include "codec/json_writer.h"
#include "proc_stats.h"

namespace trailkeep::bench {
namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE events(
  id INTEGER PRIMARY KEY, tenant TEXT NOT NULL, time INTEGER NOT NULL, received INTEGER NOT NULL,
  kind TEXT NOT NULL, action TEXT NOT NULL, category TEXT, success INTEGER NOT NULL,
  actor_id TEXT, actor_name TEXT, actor_email TEXT, actor_type TEXT, actor_origin TEXT,
  actor_ip TEXT, actor_user_agent TEXT,
  entity_id TEXT, entity_type TEXT, entity_name TEXT, entity_version TEXT,
  message TEXT, reason TEXT, uid TEXT, attributes TEXT);
CREATE INDEX events_tenant_time ON events(tenant, time);
CREATE INDEX events_tenant_action_time ON events(tenant, action, time);
CREATE INDEX events_tenant_actor_name_time ON events(tenant, actor_name, time);
)sql";

// Columns 0..22 in schema order.
constexpr const char* kColumns =
    "id, tenant, time, received, kind, action, category, success, actor_id, actor_name, "
    "actor_email, actor_type, actor_origin, actor_ip, actor_user_agent, entity_id, entity_type, "
    "entity_name, entity_version, message, reason, uid, attributes";
constexpr int kActorFirst = 8, kEntityFirst = 15, kMessage = 19, kAttributes = 22;
constexpr const char* kActorKeys[] = {"id", "name", "email", "type", "origin", "ip", "user_agent"};
constexpr const char* kEntityKeys[] = {"id", "type", "name", "version"};
constexpr const char* kTailKeys[] = {"message", "reason", "uid"};

std::string_view Text(sqlite3_stmt* s, int col) {
  const unsigned char* p = sqlite3_column_text(s, col);
  return p ? std::string_view(reinterpret_cast<const char*>(p),
                              static_cast<size_t>(sqlite3_column_bytes(s, col)))
           : std::string_view();
}
bool IsNull(sqlite3_stmt* s, int col) { return sqlite3_column_type(s, col) == SQLITE_NULL; }

void OptionalMember(codec::JsonWriter& w, const char* key, sqlite3_stmt* s, int col) {
  if (IsNull(s, col)) return;
  w.Key(key);
  w.String(Text(s, col));
}

// The row as canonical-shaped JSON (codec/canonical.h), as a server returns it.
void AppendRowJson(sqlite3_stmt* s, codec::JsonWriter& w) {
  w.BeginObject();
  w.Key("id");
  w.Int(sqlite3_column_int64(s, 0));
  w.Key("tenant");
  w.String(Text(s, 1));
  w.Key("time");
  w.String(FormatIsoMs(sqlite3_column_int64(s, 2)));
  w.Key("received");
  w.String(FormatIsoMs(sqlite3_column_int64(s, 3)));
  w.Key("kind");
  w.String(Text(s, 4));
  w.Key("action");
  w.String(Text(s, 5));
  OptionalMember(w, "category", s, 6);
  w.Key("success");
  w.Bool(sqlite3_column_int(s, 7) != 0);
  w.Key("actor");
  w.BeginObject();
  for (int i = 0; i < 7; ++i) OptionalMember(w, kActorKeys[i], s, kActorFirst + i);
  w.EndObject();
  w.Key("entity");
  w.BeginObject();
  for (int i = 0; i < 4; ++i) OptionalMember(w, kEntityKeys[i], s, kEntityFirst + i);
  w.EndObject();
  for (int i = 0; i < 3; ++i) OptionalMember(w, kTailKeys[i], s, kMessage + i);
  if (!IsNull(s, kAttributes)) {
    w.Key("attributes");
    w.Raw(Text(s, kAttributes));
  }
  w.EndObject();
}

// The row in the native CSV export's columns (export/csv_row.cc).
void AppendRowCsv(sqlite3_stmt* s, std::string* out) {
  for (int col = 0; col <= kAttributes; ++col) {
    if (col > 0) out->push_back(',');
    if (col == 2 || col == 3) {
      AppendIsoMs(sqlite3_column_int64(s, col), out);
    } else if (col == 7) {
      out->append(sqlite3_column_int(s, col) ? "true" : "false");
    } else {
      codec::AppendCsvField(Text(s, col), out);
    }
  }
  out->append("\r\n");
}

const char* ColumnOf(const std::string& field) {
  if (field == "action") return "action";
  if (field == "actor.name") return "actor_name";
  if (field == "category") return "category";
  if (field == "kind") return "kind";
  return nullptr;
}

void BindText(sqlite3_stmt* s, int i, std::string_view v) {
  sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}
void BindOptional(sqlite3_stmt* s, int i, const std::optional<std::string>& v) {
  if (v) {
    BindText(s, i, *v);
  } else {
    sqlite3_bind_null(s, i);
  }
}

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

SqlitePeer::SqlitePeer(std::string dir) : dir_(std::move(dir)) {}

SqlitePeer::~SqlitePeer() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  if (db_ != nullptr) sqlite3_close(db_);
}

Status SqlitePeer::Error(const std::string& what) const {
  return Internal("sqlite: " + what + ": " + (db_ ? sqlite3_errmsg(db_) : "no database"));
}

Status SqlitePeer::Exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string message = err ? err : "?";
    sqlite3_free(err);
    return Internal(std::string("sqlite: ") + message + " in: " + sql);
  }
  return Status::Ok();
}

Result<sqlite3_stmt*> SqlitePeer::Prepare(const std::string& sql) {
  auto it = statements_.find(sql);
  if (it != statements_.end()) {
    sqlite3_reset(it->second);
    sqlite3_clear_bindings(it->second);
    return it->second;
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    return Error("prepare " + sql);
  }
  statements_.emplace(sql, stmt);
  return stmt;
}

Result<std::unique_ptr<SqlitePeer>> SqlitePeer::Open(const std::string& dir) {
  std::unique_ptr<SqlitePeer> p(new SqlitePeer(dir));
  // Measure from here: the corpus is already resident, so growth is SQLite's.
  if (ResetPeakRss(getpid())) p->baseline_rss_kib_ = ProcStatusKib(getpid(), "VmRSS");
  std::string path = dir + "/events.db";
  if (sqlite3_open(path.c_str(), &p->db_) != SQLITE_OK) return p->Error("open " + path);
  TK_RETURN_IF_ERROR(p->Exec("PRAGMA journal_mode=WAL"));
  TK_RETURN_IF_ERROR(p->Exec("PRAGMA synchronous=FULL"));
  TK_RETURN_IF_ERROR(p->Exec("PRAGMA cache_size=-262144"));
  TK_RETURN_IF_ERROR(p->Exec(kSchema));
  return p;
}

Status SqlitePeer::Load(const Corpus& corpus) {
  TK_ASSIGN_OR_RETURN(sqlite3_stmt * insert,
                      Prepare(std::string("INSERT INTO events(") + kColumns +
                              ") VALUES(NULL,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
  codec::ParseOptions options;
  options.format = codec::InputFormat::kNdjson;
  options.default_time = model::TimeMs{NowMs()};
  for (const Batch& batch : corpus.batches()) {
    options.max_events = batch.count;
    auto events = codec::ParseEvents(batch.ndjson, options);
    if (!events.ok()) return events.status();
    int64_t received = NowMs();
    TK_RETURN_IF_ERROR(Exec("BEGIN"));
    for (const model::Event& e : *events) {
      sqlite3_reset(insert);
      BindText(insert, 1, batch.tenant);
      sqlite3_bind_int64(insert, 2, e.time.ms);
      sqlite3_bind_int64(insert, 3, received);
      BindText(insert, 4, e.kind);
      BindText(insert, 5, e.action);
      BindOptional(insert, 6, e.category);
      sqlite3_bind_int(insert, 7, e.success ? 1 : 0);
      int i = 8;
      for (const auto* f : {&e.actor.id, &e.actor.name, &e.actor.email, &e.actor.type,
                            &e.actor.origin, &e.actor.ip, &e.actor.user_agent, &e.entity.id,
                            &e.entity.type, &e.entity.name, &e.entity.version, &e.message,
                            &e.reason, &e.uid}) {
        BindOptional(insert, i++, *f);
      }
      if (e.attributes.empty()) {
        sqlite3_bind_null(insert, i);
      } else {
        BindText(insert, i, e.attributes);
      }
      if (sqlite3_step(insert) != SQLITE_DONE) return Error("insert");
    }
    TK_RETURN_IF_ERROR(Exec("COMMIT"));
  }
  return Status::Ok();
}

Result<OffsetAnswer> SqlitePeer::RenderRows(const std::string& sql, const Binder& bind) {
  TK_ASSIGN_OR_RETURN(sqlite3_stmt * s, Prepare(sql));
  bind(s);
  OffsetAnswer answer;
  codec::JsonWriter w;
  w.BeginObject();
  w.Key("events");
  w.BeginArray();
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    if (answer.rows == 0) answer.first_time_ms = sqlite3_column_int64(s, 2);
    AppendRowJson(s, w);
    ++answer.rows;
  }
  if (rc != SQLITE_DONE) return Error("rows of " + sql);
  w.EndArray();
  w.EndObject();
  return answer;
}

Result<uint64_t> SqlitePeer::CountRows(const std::string& sql, const Binder& bind) {
  TK_ASSIGN_OR_RETURN(sqlite3_stmt * s, Prepare(sql));
  bind(s);
  if (sqlite3_step(s) != SQLITE_ROW) return Error("count of " + sql);
  return static_cast<uint64_t>(sqlite3_column_int64(s, 0));
}

Result<PageAnswer> SqlitePeer::NewestPage(const std::string& tenant, Window window,
                                          const Match& match, size_t limit) {
  const char* column = ColumnOf(match.field);
  if (column == nullptr) return InvalidArgument("sqlite: no column for " + match.field);
  std::string where = std::string(" FROM events WHERE tenant=?1 AND ") + column +
                      "=?2 AND time>=?3 AND time<?4";
  auto bind = [&](sqlite3_stmt* s) {
    BindText(s, 1, tenant);
    BindText(s, 2, match.value);
    sqlite3_bind_int64(s, 3, window.from_ms);
    sqlite3_bind_int64(s, 4, window.to_ms);
    if (sqlite3_bind_parameter_count(s) >= 5) sqlite3_bind_int64(s, 5, static_cast<int64_t>(limit));
  };
  return NewestWithTotal(where, bind);
}

Result<PageAnswer> SqlitePeer::EntitySubstringPage(const std::string& tenant, Window window,
                                                   const std::string& substring, size_t limit) {
  // instr, not LIKE: SQLite's LIKE ignores ASCII case, the filter does not.
  const std::string where =
      " FROM events WHERE tenant=?1 AND time>=?3 AND time<?4 AND instr(entity_id, ?2) > 0";
  auto bind = [&](sqlite3_stmt* s) {
    BindText(s, 1, tenant);
    BindText(s, 2, substring);
    sqlite3_bind_int64(s, 3, window.from_ms);
    sqlite3_bind_int64(s, 4, window.to_ms);
    if (sqlite3_bind_parameter_count(s) >= 5) sqlite3_bind_int64(s, 5, static_cast<int64_t>(limit));
  };
  return NewestWithTotal(where, bind);
}

Result<PageAnswer> SqlitePeer::NewestWithTotal(const std::string& from_where,
                                               const Binder& bind) {
  TK_ASSIGN_OR_RETURN(OffsetAnswer rows, RenderRows(std::string("SELECT ") + kColumns +
                                                        from_where +
                                                        " ORDER BY time DESC, id DESC LIMIT ?5",
                                                    bind));
  TK_ASSIGN_OR_RETURN(uint64_t total, CountRows("SELECT count(*)" + from_where, bind));
  return PageAnswer{rows.rows, total};
}

Result<OffsetAnswer> SqlitePeer::OffsetPage(const std::string& tenant, Window window,
                                            uint64_t offset, size_t limit) {
  return RenderRows(std::string("SELECT ") + kColumns +
                        " FROM events WHERE tenant=?1 AND time>=?2 AND time<?3"
                        " ORDER BY id DESC LIMIT ?4 OFFSET ?5",
                    [&](sqlite3_stmt* s) {
                      BindText(s, 1, tenant);
                      sqlite3_bind_int64(s, 2, window.from_ms);
                      sqlite3_bind_int64(s, 3, window.to_ms);
                      sqlite3_bind_int64(s, 4, static_cast<int64_t>(limit));
                      sqlite3_bind_int64(s, 5, static_cast<int64_t>(offset));
                    });
}

Result<uint64_t> SqlitePeer::Count(const std::string& tenant, Window window,
                                   const std::optional<Match>& match) {
  const char* column = match ? ColumnOf(match->field) : nullptr;
  if (match && column == nullptr) return InvalidArgument("sqlite: no column for " + match->field);
  std::string sql = "SELECT count(*) FROM events WHERE tenant=?1 AND time>=?2 AND time<?3";
  if (match) sql += std::string(" AND ") + column + "=?4";
  TK_ASSIGN_OR_RETURN(sqlite3_stmt * s, Prepare(sql));
  BindText(s, 1, tenant);
  sqlite3_bind_int64(s, 2, window.from_ms);
  sqlite3_bind_int64(s, 3, window.to_ms);
  if (match) BindText(s, 4, match->value);
  if (sqlite3_step(s) != SQLITE_ROW) return Error("count");
  return static_cast<uint64_t>(sqlite3_column_int64(s, 0));
}

Result<uint64_t> SqlitePeer::Export(const std::string& tenant, ExportFormat format) {
  // In (time, id) order along the (tenant, time) index, which holds the
  // rowid: no sort. (ORDER BY id alone makes SQLite sort the whole tenant.)
  TK_ASSIGN_OR_RETURN(sqlite3_stmt * s,
                      Prepare(std::string("SELECT ") + kColumns +
                              " FROM events INDEXED BY events_tenant_time WHERE tenant=?1"
                              " ORDER BY time, id"));
  BindText(s, 1, tenant);
  constexpr size_t kChunk = 64 << 10;  // a server would write this much per send
  std::string out;
  codec::JsonWriter w;
  uint64_t rows = 0;
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    if (format == ExportFormat::kCsv) {
      AppendRowCsv(s, &out);
    } else {
      w.Clear();
      AppendRowJson(s, w);
      out.append(w.str());
      out.push_back('\n');
    }
    ++rows;
    if (out.size() >= kChunk) out.clear();
  }
  if (rc != SQLITE_DONE) return Error("export");
  return rows;
}

double SqlitePeer::CpuSeconds() const { return ProcCpuSeconds(getpid()); }

Result<Footprint> SqlitePeer::Finish() {
  Footprint f;
  long peak = ProcStatusKib(getpid(), "VmHWM");
  if (baseline_rss_kib_ >= 0 && peak >= 0) f.peak_rss_kib = peak - baseline_rss_kib_;
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  statements_.clear();
  // The last connection to close checkpoints the WAL into the file.
  if (sqlite3_close(db_) != SQLITE_OK) return Error("close");
  db_ = nullptr;
  f.disk_bytes = DiskUsageBytes(dir_);
  return f;
}

}  // namespace trailkeep::bench
