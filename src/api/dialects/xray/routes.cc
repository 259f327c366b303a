// Xray dialect routes: not yet built (see the open issue).
#include "api/dialects/dialects.h"

namespace trailkeep::api::dialects {

void AddXrayRoutes(Router&, ApiContext&) {}

}  // namespace trailkeep::api::dialects
