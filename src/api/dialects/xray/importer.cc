// Xray record import: not yet built (see the open issue).
#include "api/dialects/dialects.h"

namespace trailkeep::api::dialects {

const Importer& XrayImporter() {
  static const Importer importer{
      "xray", {}, [](const codec::JsonValue&, codec::EventError*) -> Result<model::Event> {
        return InvalidArgument("xray import is not available yet");
      }};
  return importer;
}

}  // namespace trailkeep::api::dialects
