// Opsera record import: not yet built (see the open issue).
#include "api/dialects/dialects.h"

namespace trailkeep::api::dialects {

const Importer& OpseraImporter() {
  static const Importer importer{
      "opsera", {}, [](const codec::JsonValue&, codec::EventError*) -> Result<model::Event> {
        return InvalidArgument("opsera import is not available yet");
      }};
  return importer;
}

}  // namespace trailkeep::api::dialects
