// Options shared by the client commands (ingest, query, export, tail, demo):
// where the server is and who we are.
#pragma once

#include <memory>
#include <string>

#include "api/client/http_client.h"

namespace CLI {
class App;
}

namespace trailkeep::cli {

struct ClientOptions {
  std::string url;     // --url, env TRAILKEEP_URL, default http://127.0.0.1:8080
  std::string token;   // --token, env TRAILKEEP_TOKEN
  std::string tenant;  // --tenant, env TRAILKEEP_TENANT; empty: the token's only tenant
};

// Registers --url, --token, --tenant on `cmd`, defaulted from the environment.
void AddClientFlags(CLI::App& cmd, ClientOptions& options);

// Authorization and tenant headers for every request.
api::HeaderList ClientHeaders(const ClientOptions& options);

}  // namespace trailkeep::cli
