#include "cli/offline_admin.h"

#include <iostream>

#include "base/time_format.h"
#include "store/open.h"

namespace trailkeep::cli {

Result<std::unique_ptr<store::EventStore>> OpenOffline(const std::string& data,
                                                       std::string_view online_hint) {
  store::StoreOptions o;
  o.path = data;
  auto s = store::OpenEventStore(o);
  if (!s.ok() && s.status().code() == StatusCode::kUnavailable) {
    return Unavailable(s.status().message() + " (stop the server, or use " +
                       std::string(online_hint) + ")");
  }
  return s;
}

int ReportList(std::string_view command, const Result<std::vector<auth::TokenInfo>>& list) {
  if (!list.ok()) {
    std::cerr << "trailkeep " << command << " list: " << list.status().message() << "\n";
    return 1;
  }
  auto joined = [](const std::vector<std::string>& items) {
    for (size_t i = 0; i < items.size(); ++i) std::cout << (i ? "," : "") << items[i];
  };
  for (const auth::TokenInfo& t : *list) {
    std::cout << t.id << "\t" << FormatIsoMs(t.created_ms) << "\ttenants=";
    joined(t.tenants);
    std::cout << "\tscopes=";
    joined(t.scopes);
    std::cout << "\t" << t.name << "\n";
  }
  return 0;
}

int ReportRevoke(std::string_view command, std::string_view id, const Status& s) {
  if (!s.ok()) {
    std::cerr << "trailkeep " << command << " revoke: " << s.message() << "\n";
    return 1;
  }
  std::cerr << "revoked " << id << "\n";
  return 0;
}

}  // namespace trailkeep::cli
