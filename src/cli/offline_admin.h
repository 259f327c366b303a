// Shared by the offline credential commands (`token`, `access-key`): opening
// a data directory whose server is stopped, and listing credentials.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "auth/token.h"
#include "base/status.h"
#include "store/event_store.h"

namespace trailkeep::cli {

// Opens the store in `data`. When a running server holds it, the error
// (kUnavailable) says to stop the server or use `online_hint` instead.
Result<std::unique_ptr<store::EventStore>> OpenOffline(const std::string& data,
                                                       std::string_view online_hint);

// One line per credential: id, created (ISO 8601), tenants=..., scopes=...,
// name; tab-separated. Never a secret.
void PrintCredentials(const std::vector<auth::TokenInfo>& list, std::ostream& out);

}  // namespace trailkeep::cli
