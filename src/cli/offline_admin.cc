#include "cli/offline_admin.h"

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

void PrintCredentials(const std::vector<auth::TokenInfo>& list, std::ostream& out) {
  auto joined = [&out](const std::vector<std::string>& items) {
    for (size_t i = 0; i < items.size(); ++i) out << (i ? "," : "") << items[i];
  };
  for (const auth::TokenInfo& t : list) {
    out << t.id << "\t" << FormatIsoMs(t.created_ms) << "\ttenants=";
    joined(t.tenants);
    out << "\tscopes=";
    joined(t.scopes);
    out << "\t" << t.name << "\n";
  }
}

}  // namespace trailkeep::cli
