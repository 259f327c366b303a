#include "api/importer.h"

namespace trailkeep::api {

Result<std::vector<model::Event>> ImportBody(const Importer& importer, std::string_view body,
                                             size_t max_events, codec::EventError* error) {
  codec::EventError local;
  codec::EventError* err = error ? error : &local;
  TK_ASSIGN_OR_RETURN(auto records,
                      codec::SplitVendorRecords(body, importer.document_paths, max_events, err));
  std::vector<model::Event> events;
  events.reserve(records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    *err = codec::EventError{};
    auto event = importer.to_event(records[i], err);
    Status status = event.ok() ? codec::CheckEvent(*event, err) : event.status();
    if (!status.ok()) {
      err->index = i;
      if (err->reason.empty()) err->reason = status.message();
      return Status(status.code(), "record " + std::to_string(i) + ": " + status.message());
    }
    events.push_back(std::move(event).value());
  }
  return events;
}

const Importer* FindImporter(const std::vector<const Importer*>& importers,
                             std::string_view format) {
  for (const Importer* i : importers) {
    if (i->format == format) return i;
  }
  return nullptr;
}

}  // namespace trailkeep::api
