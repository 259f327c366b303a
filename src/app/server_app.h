// The `trailkeep serve` process: opens the store, wires the API, serves until
// SIGINT/SIGTERM.
#pragma once

#include <ostream>

#include "app/config.h"
#include "base/status.h"
#include "store/open.h"

namespace trailkeep::app {

// The store options a Config asks for.
store::StoreOptions StoreOptionsFor(const Config& config);

// Serves until SIGINT or SIGTERM, then shuts down cleanly. Prints
// "trailkeep listening on http://HOST:PORT" to `out` once ready and, on the
// first start of an empty data directory, a new admin token (shown once)
// with sample curl commands. REQUIRES: SIGINT/SIGTERM not ignored.
Status RunServer(const Config& config, std::ostream& out);

}  // namespace trailkeep::app
