// Dynatrace dialect routes: not yet built (see the open issue).
#include "api/dialects/dialects.h"

namespace trailkeep::api::dialects {

void AddDynatraceRoutes(Router&, ApiContext&) {}

}  // namespace trailkeep::api::dialects
