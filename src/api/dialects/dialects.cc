#include "api/dialects/dialects.h"

namespace trailkeep::api::dialects {

void AddDialectRoutes(Router& router, ApiContext& context) {
  AddDynatraceRoutes(router, context);
  AddXrayRoutes(router, context);
  AddOpseraRoutes(router, context);
  AddCodeArtsRoutes(router, context);
}

std::vector<const Importer*> AllImporters() {
  return {&DynatraceImporter(), &XrayImporter(), &OpseraImporter(), &CodeArtsImporter()};
}

}  // namespace trailkeep::api::dialects
