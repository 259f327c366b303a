// The four vendor dialects: their routes and their record importers.
#pragma once

#include <vector>

#include "api/importer.h"
#include "api/native/native_api.h"
#include "api/router.h"

namespace trailkeep::api::dialects {

// Registers every dialect's routes on `router`.
void AddDialectRoutes(Router& router, ApiContext& context);

// Every dialect's importer, for ApiContext::importers.
std::vector<const Importer*> AllImporters();

// Per dialect (api/dialects/<name>/).
void AddDynatraceRoutes(Router& router, ApiContext& context);
const Importer& DynatraceImporter();
void AddXrayRoutes(Router& router, ApiContext& context);
const Importer& XrayImporter();
void AddOpseraRoutes(Router& router, ApiContext& context);
const Importer& OpseraImporter();
void AddCodeArtsRoutes(Router& router, ApiContext& context);
const Importer& CodeArtsImporter();

}  // namespace trailkeep::api::dialects
