// The selection parameters shared by GET /v1/events, /export and /tail:
// from, to, filter, order, after; and GET /v1/events' offset and limit.
#pragma once

#include <cstdint>
#include <optional>

#include "api/http_message.h"
#include "base/clock.h"
#include "base/status.h"
#include "query/selection.h"
#include "store/event_store.h"

namespace trailkeep::api {

struct NativeSelection {
  store::ScanSpec spec;  // tenant, window, order (by id), after
  query::Selection selection;
};

// Parses from/to (ISO 8601, epoch ms, now-7d style; default: all time),
// filter (native grammar), order (asc|desc, default `default_order`) and
// after (an event id). Errors: kInvalidArgument naming the parameter.
Result<NativeSelection> ParseNativeSelection(const Request& request, const model::TenantId& tenant,
                                             const Clock& clock, store::Order default_order);

// Parses `offset` in [0, kMaxOffset] (default 0): how many events of the
// selection to skip. Errors: kInvalidArgument when it is not such a decimal
// integer, or when `after` is also given (they are two ways to say where a
// page starts).
inline constexpr uint64_t kMaxOffset = 1'000'000'000;
Result<uint64_t> ParseOffset(const Request& request);

// Parses `limit` in [1, max] (default `fallback`).
Result<size_t> ParseLimit(const Request& request, size_t fallback, size_t max);

// A decimal u64 ("0" .. "18446744073709551615"), nothing else.
std::optional<uint64_t> ParseU64(std::string_view s);

}  // namespace trailkeep::api
