#include "results_json.h"

#include <unistd.h>

#include <ctime>
#include <utility>
#include <filesystem>

#include "base/time_format.h"
#include "codec/json_writer.h"
#include "figure_rows.h"

namespace trailkeep::bench {
namespace {

void Number(codec::JsonWriter& w, std::optional<double> v) {
  if (v) {
    w.Double(*v);
  } else {
    w.Null();
  }
}

// {"from":"…","to":"…","from_ms":…,"to_ms":…}, left open for more members.
void BeginWindowObject(codec::JsonWriter& w, const Window& window) {
  w.BeginObject();
  w.Key("from");
  w.String(FormatIsoMs(window.from_ms));
  w.Key("to");
  w.String(FormatIsoMs(window.to_ms));
  w.Key("from_ms");
  w.Int(window.from_ms);
  w.Key("to_ms");
  w.Int(window.to_ms);
}

void ContextObject(codec::JsonWriter& w, const Workload& wl) {
  w.BeginObject();
  w.Key("tenant");
  w.String(wl.tenant);
  w.Key("week");
  BeginWindowObject(w, wl.week);
  w.Key("events");
  w.Uint(wl.week_times.size());
  w.EndObject();
  w.Key("fortnight");
  BeginWindowObject(w, wl.fortnight);
  w.EndObject();
  w.Key("page_filters");
  w.BeginArray();
  for (const Match& m : wl.page_matches) w.String(m.field + "=" + m.value);
  w.EndArray();
  w.Key("user_filter");
  w.String(wl.user.field + "=" + wl.user.value);
  w.Key("entity_substring");
  w.String(wl.entity_substring);
  w.Key("offset");
  w.Uint(wl.offset);
  w.Key("page_limit");
  w.Uint(wl.page_limit);
  w.Key("page_runs");
  w.Int(wl.page_runs);
  w.Key("count_runs");
  w.Int(wl.count_runs);
  w.Key("cores");
  w.Int(sysconf(_SC_NPROCESSORS_ONLN));
  w.Key("measured");
  w.String(FormatIsoMs(std::time(nullptr) * 1000LL));
  w.EndObject();
}

void CorpusObject(codec::JsonWriter& w, const Corpus& c) {
  w.BeginObject();
  w.Key("events");
  w.Uint(c.events());
  w.Key("tenants");
  w.BeginObject();
  for (size_t i = 0; i < c.tenants().size(); ++i) {
    w.Key(c.tenants()[i]);
    w.Uint(c.tenant_events()[i]);
  }
  w.EndObject();
  w.Key("start");
  w.String(FormatIsoMs(c.start_ms()));
  w.Key("end");
  w.String(FormatIsoMs(c.end_ms()));
  w.Key("ndjson_bytes");
  w.Uint(c.ndjson_bytes());
  w.EndObject();
}

// The answers the targets are checked on (suite.h CompareAnswers).
void AnswersObject(codec::JsonWriter& w, const Figures& f) {
  w.BeginObject();
  const std::pair<const char*, uint64_t> counts[] = {
      {"page_total_sum", f.page_total_sum},       {"page_rows_sum", f.page_rows_sum},
      {"dialect_total_sum", f.dialect_total_sum}, {"dialect_rows_sum", f.dialect_rows_sum},
      {"count_all", f.count_all},                 {"count_user", f.count_user},
      {"substring_total", f.substring_total},     {"substring_rows", f.substring_rows},
      {"exported_ndjson", f.exported_ndjson},     {"exported_csv", f.exported_csv},
  };
  for (const auto& [key, value] : counts) {
    w.Key(key);
    w.Uint(value);
  }
  w.Key("offset_rows");
  if (f.offset_answer) {
    w.Uint(f.offset_answer->rows);
  } else {
    w.Null();
  }
  w.Key("offset_first_time");
  if (f.offset_answer && f.offset_answer->first_time_ms) {
    w.String(FormatIsoMs(*f.offset_answer->first_time_ms));
  } else {
    w.Null();
  }
  w.EndObject();
}

}  // namespace

std::string ResultsJson(const Corpus& corpus, const Workload& workload,
                        const std::vector<Figures>& figures,
                        const std::vector<std::string>& differences,
                        const EngineCeiling& ceiling) {
  codec::JsonWriter w;
  w.BeginObject();
  w.Key("corpus");
  CorpusObject(w, corpus);
  w.Key("context");
  ContextObject(w, workload);
  w.Key("targets");
  w.BeginArray();
  for (const Figures& f : figures) w.String(f.target);
  w.EndArray();
  w.Key("figures");
  w.BeginObject();
  for (const Figures& f : figures) {
    w.Key(f.target);
    w.BeginObject();
    for (const FigureRow& row : FigureRows()) {
      w.Key(row.key);
      Number(w, f.*row.field);
    }
    w.EndObject();
  }
  w.EndObject();
  w.Key("ratios");
  w.BeginObject();
  for (size_t i = 1; i < figures.size(); ++i) {
    w.Key(figures[i].target);
    w.BeginObject();
    for (const FigureRow& row : FigureRows()) {
      std::optional<double> a = figures[0].*row.field, b = figures[i].*row.field;
      w.Key(row.key);
      Number(w, a && b && *b != 0 ? std::optional<double>(*a / *b) : std::nullopt);
    }
    w.EndObject();
  }
  w.EndObject();
  w.Key("goals");
  w.BeginObject();
  for (const FigureRow& row : FigureRows()) {
    if (!row.goal) continue;
    w.Key(row.key);
    w.BeginObject();
    w.Key("target");
    w.String(GoalText(row));
    w.Key("met");
    std::optional<bool> met = GoalMet(row, figures);
    if (met) {
      w.Bool(*met);
    } else {
      w.Null();
    }
    w.EndObject();
  }
  w.EndObject();
  w.Key("answers");
  w.BeginObject();
  for (const Figures& f : figures) {
    w.Key(f.target);
    AnswersObject(w, f);
  }
  w.EndObject();
  w.Key("notes");
  w.BeginObject();
  for (const Figures& f : figures) {
    w.Key(f.target);
    w.BeginArray();
    for (const std::string& n : f.notes) w.String(n);
    w.EndArray();
  }
  w.EndObject();
  w.Key("engine_ceiling");
  w.BeginObject();
  w.Key("runs");
  w.BeginArray();
  for (const EngineWriteRun& r : ceiling.runs) {
    w.BeginObject();
    w.Key("what");
    w.String(r.what);
    w.Key("entries_per_event");
    w.Double(r.entries_per_event);
    w.Key("value_bytes");
    w.Uint(r.value_bytes);
    w.Key("entries");
    w.Uint(r.entries);
    w.Key("entries_per_s");
    w.Double(r.entries_per_s);
    w.Key("events_per_s");
    w.Double(r.events_per_s);
    w.EndObject();
  }
  w.EndArray();
  w.Key("records_read_per_s");
  Number(w, ceiling.records_read_per_s);
  w.Key("note");
  w.String(ceiling.note);
  w.EndObject();
  w.Key("answers_differ");
  w.BeginArray();
  for (const std::string& d : differences) w.String(d);
  w.EndArray();
  w.EndObject();
  std::string out = w.Take();
  out.push_back('\n');
  return out;
}

std::string JsonPathFor(const std::string& markdown_path) {
  return std::filesystem::path(markdown_path).replace_extension(".json").string();
}

}  // namespace trailkeep::bench
