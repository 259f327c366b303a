// CodeArts dialect routes: not yet built (see the open issue).
#include "api/dialects/dialects.h"

namespace trailkeep::api::dialects {

void AddCodeArtsRoutes(Router&, ApiContext&) {}

}  // namespace trailkeep::api::dialects
