// A deterministic, realistic sample of audit events for `trailkeep demo`:
// logins, config changes, package curation decisions, pipeline runs,
// repository uploads and token use, across two tenants over 30 days.
#pragma once

#include <cstdint>
#include <string>

namespace trailkeep::cli {

struct DemoEvent {
  std::string tenant;
  std::string json;  // one native input event object
};

// Produces event `index` of a sample of `count` spread over the 30 days
// before `now_ms`, oldest first. Same arguments, same event.
DemoEvent MakeDemoEvent(uint64_t index, uint64_t count, int64_t now_ms);

// The sample's tenants.
inline constexpr const char* kDemoTenants[] = {"acme", "globex"};

}  // namespace trailkeep::cli
