// The native JSON API under /v1, plus /healthz and /metrics.
#pragma once

#include <vector>

#include "api/importer.h"
#include "api/metrics.h"
#include "api/router.h"
#include "auth/access_keys.h"
#include "auth/token_service.h"
#include "base/clock.h"
#include "store/event_store.h"

namespace trailkeep::api {

struct NativeLimits {
  size_t max_events_per_request = 10'000;
  size_t max_page_size = 10'000;
  size_t default_page_size = 100;
  std::chrono::seconds max_tail_wait{300};
};

// What the native handlers need. Not owned; must outlive the router.
struct ApiContext {
  store::EventStore& store;
  auth::TokenService& tokens;
  auth::AccessKeyService& access_keys;  // AK/SK pairs (the CodeArts dialect's signed requests)
  const Clock& clock;
  Metrics& metrics;
  NativeLimits limits;
  // The dialects' record importers (`POST /v1/events?format=<name>`).
  std::vector<const Importer*> importers;
};

// Registers every native route on `router`.
void AddNativeRoutes(Router& router, ApiContext& context);

// Per-concern registration (one file each).
void AddIngestRoutes(Router& router, ApiContext& context);
void AddReadRoutes(Router& router, ApiContext& context);
void AddExportRoutes(Router& router, ApiContext& context);
void AddTailRoutes(Router& router, ApiContext& context);
void AddTokenRoutes(Router& router, ApiContext& context);
void AddAccessKeyRoutes(Router& router, ApiContext& context);
void AddOpsRoutes(Router& router, ApiContext& context);

}  // namespace trailkeep::api
