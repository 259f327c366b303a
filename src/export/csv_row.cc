#include "export/csv_row.h"

#include <charconv>
#include <optional>

#include "codec/canonical.h"
#include "codec/csv.h"

namespace trailkeep::exporter {
namespace {

void Field(std::string_view v, std::string* out) {
  codec::AppendCsvField(v, out);
  out->push_back(',');
}
void OptionalField(const std::optional<std::string_view>& v, std::string* out) {
  Field(v.value_or(std::string_view()), out);
}

}  // namespace

std::string_view CsvHeader() {
  return "id,tenant,time,received,kind,action,category,success,actor_id,actor_name,actor_email,"
         "actor_type,actor_origin,actor_ip,actor_user_agent,entity_id,entity_type,entity_name,"
         "entity_version,message,reason,uid,attributes\r\n";
}

Status AppendCsvRow(std::string_view canonical, std::string* out) {
  // Fields are copied out of the canonical text: its times are already ISO
  // 8601, so nothing is parsed or formatted but the id.
  codec::CanonicalText t;
  TK_RETURN_IF_ERROR(codec::ParseCanonicalText(canonical, &t));
  char id[24];
  Field(std::string_view(id, static_cast<size_t>(std::to_chars(id, id + sizeof id, t.id).ptr - id)),
        out);
  Field(t.tenant, out);
  Field(t.time, out);
  Field(t.received, out);
  Field(t.kind, out);
  Field(t.action, out);
  OptionalField(t.category, out);
  Field(t.success ? "true" : "false", out);
  for (const std::optional<std::string_view>& f : t.actor) OptionalField(f, out);
  for (const std::optional<std::string_view>& f : t.entity) OptionalField(f, out);
  for (const auto* f : {&t.message, &t.reason, &t.uid}) OptionalField(*f, out);
  codec::AppendCsvField(t.attributes, out);
  out->append("\r\n");
  return Status::Ok();
}

}  // namespace trailkeep::exporter
