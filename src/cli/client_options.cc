#include "cli/client_options.h"

#include <CLI/CLI.hpp>

#include <cstdlib>

namespace trailkeep::cli {
namespace {
std::string Env(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v ? v : fallback;
}
}  // namespace

void AddClientFlags(CLI::App& cmd, ClientOptions& o) {
  o.url = Env("TRAILKEEP_URL", "http://127.0.0.1:8080");
  o.token = Env("TRAILKEEP_TOKEN", "");
  o.tenant = Env("TRAILKEEP_TENANT", "");
  cmd.add_option("--url", o.url, "server URL (env TRAILKEEP_URL)")->capture_default_str();
  cmd.add_option("--token", o.token, "API token (env TRAILKEEP_TOKEN)");
  cmd.add_option("--tenant", o.tenant, "tenant (env TRAILKEEP_TENANT)");
}

api::HeaderList ClientHeaders(const ClientOptions& o) {
  api::HeaderList h;
  if (!o.token.empty()) h.emplace_back("Authorization", "Bearer " + o.token);
  if (!o.tenant.empty()) h.emplace_back("X-Trailkeep-Tenant", o.tenant);
  return h;
}

}  // namespace trailkeep::cli
