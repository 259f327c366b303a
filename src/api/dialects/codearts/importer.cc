// CodeArts record import: not yet built (see the open issue).
#include "api/dialects/dialects.h"

namespace trailkeep::api::dialects {

const Importer& CodeArtsImporter() {
  static const Importer importer{
      "codearts", {}, [](const codec::JsonValue&, codec::EventError*) -> Result<model::Event> {
        return InvalidArgument("codearts import is not available yet");
      }};
  return importer;
}

}  // namespace trailkeep::api::dialects
