#include "export/csv_row.h"

#include <optional>

#include "base/time_format.h"
#include "codec/canonical.h"
#include "codec/csv.h"

namespace trailkeep::exporter {
namespace {

void Field(std::string_view v, std::string* out) {
  codec::AppendCsvField(v, out);
  out->push_back(',');
}
void OptionalField(const std::optional<std::string>& v, std::string* out) {
  Field(v ? std::string_view(*v) : std::string_view(), out);
}

}  // namespace

std::string_view CsvHeader() {
  return "id,tenant,time,received,kind,action,category,success,actor_id,actor_name,actor_email,"
         "actor_type,actor_origin,actor_ip,actor_user_agent,entity_id,entity_type,entity_name,"
         "entity_version,message,reason,uid,attributes\r\n";
}

Status AppendCsvRow(std::string_view canonical, std::string* out) {
  TK_ASSIGN_OR_RETURN(model::Event e, codec::ParseCanonical(canonical));
  Field(std::to_string(e.id.value), out);
  Field(e.tenant.value, out);
  Field(FormatIsoMs(e.time.ms), out);
  Field(FormatIsoMs(e.received.ms), out);
  Field(e.kind, out);
  Field(e.action, out);
  OptionalField(e.category, out);
  Field(e.success ? "true" : "false", out);
  for (const auto* f : {&e.actor.id, &e.actor.name, &e.actor.email, &e.actor.type, &e.actor.origin,
                        &e.actor.ip, &e.actor.user_agent, &e.entity.id, &e.entity.type,
                        &e.entity.name, &e.entity.version, &e.message, &e.reason, &e.uid}) {
    OptionalField(*f, out);
  }
  codec::AppendCsvField(e.attributes, out);
  out->append("\r\n");
  return Status::Ok();
}

}  // namespace trailkeep::exporter
