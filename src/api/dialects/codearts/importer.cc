// CodeArts record import (`POST /v1/events?format=codearts`, `trailkeep
// ingest --format codearts`): AuditDO records as a JSON array, NDJSON, or a
// whole saved response document ({"result":{"auditInfoList":[...]}}).
#include "api/dialects/codearts/audit_record.h"
#include "api/dialects/dialects.h"

namespace trailkeep::api::dialects {

const Importer& CodeArtsImporter() {
  static const Importer importer{"codearts",
                                 {{"result", "auditInfoList"}},
                                 codearts::AuditRecordToEvent};
  return importer;
}

}  // namespace trailkeep::api::dialects
