// Shared by the offline credential commands (`token`, `access-key`): opening
// a data directory whose server is stopped, and listing credentials.
#pragma once

#include <memory>
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

// `trailkeep <command> list`: prints one tab-separated line per credential
// on stdout (id, created (ISO 8601), tenants=..., scopes=..., name; never a
// secret) and returns 0, or prints the error on stderr and returns 1.
int ReportList(std::string_view command, const Result<std::vector<auth::TokenInfo>>& list);

// `trailkeep <command> revoke ID`: reports the outcome `s` of revoking `id`
// on stderr; returns 0 when it is OK, else 1.
int ReportRevoke(std::string_view command, std::string_view id, const Status& s);

}  // namespace trailkeep::cli
