// Strong types for the values that must never be mixed up: event ids,
// tenants and instants.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <string>

namespace trailkeep::model {

// A server-assigned event id: 64-bit, strictly increasing in commit order
// across the whole store, never reused, no gaps. 0 means "none" (before the
// first event); the first event committed gets 1.
struct EventId {
  uint64_t value = 0;
  friend auto operator<=>(EventId, EventId) = default;
};

// Milliseconds since the Unix epoch, UTC.
struct TimeMs {
  int64_t ms = 0;
  friend auto operator<=>(TimeMs, TimeMs) = default;
};

// A tenant: the isolation boundary. 1..128 bytes of [A-Za-z0-9._:-].
struct TenantId {
  std::string value;
  friend auto operator<=>(const TenantId&, const TenantId&) = default;
};

// True when `s` is a valid tenant name (see TenantId).
bool IsValidTenantName(std::string_view s);

}  // namespace trailkeep::model

template <>
struct std::hash<trailkeep::model::TenantId> {
  size_t operator()(const trailkeep::model::TenantId& t) const noexcept {
    return std::hash<std::string>()(t.value);
  }
};
