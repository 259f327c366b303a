// Dynatrace record import: not yet built (see the open issue).
#include "api/dialects/dialects.h"

namespace trailkeep::api::dialects {

const Importer& DynatraceImporter() {
  static const Importer importer{
      "dynatrace", {}, [](const codec::JsonValue&, codec::EventError*) -> Result<model::Event> {
        return InvalidArgument("dynatrace import is not available yet");
      }};
  return importer;
}

}  // namespace trailkeep::api::dialects
