// Imports of vendor-shaped records: `POST /v1/events?format=<dialect>` and
// `trailkeep ingest --format <dialect>`. Each dialect supplies an Importer
// (api/dialects/<name>/); the native ingest route looks them up by name.
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "codec/event_json.h"
#include "codec/json_value.h"
#include "codec/vendor_records.h"
#include "model/event.h"

namespace trailkeep::api {

// How one vendor's records become canonical events.
struct Importer {
  // The `format=` value: "dynatrace", "xray", "opsera", "codearts".
  std::string_view format;
  // Where a saved whole response document of the vendor's API keeps its
  // records, e.g. {{"auditLogs"}}; see codec::SplitVendorRecords.
  std::vector<codec::DocumentPath> document_paths;
  // One record to one event (tenant, id, received unset). On a bad record:
  // kInvalidArgument, with `error->field` (the vendor's field name) and
  // `error->reason` filled; the caller sets the index.
  std::function<Result<model::Event>(const codec::JsonValue& record, codec::EventError* error)>
      to_event;
};

// Converts a whole import body, all or nothing: records split as
// SplitVendorRecords does, each converted and then checked with
// codec::CheckEvent. Errors carry the record's index.
Result<std::vector<model::Event>> ImportBody(const Importer& importer, std::string_view body,
                                             size_t max_events, codec::EventError* error);

// The importer named `format` among `importers`, or nullptr.
const Importer* FindImporter(const std::vector<const Importer*>& importers,
                             std::string_view format);

}  // namespace trailkeep::api
