// trailkeep access-key create --data DIR --tenant T --scope S: offline
// issuing of an access key / secret key pair for SDK-HMAC-SHA256 signed
// requests (the Huawei CodeArts dialect). The secret key is stored on the
// server (it is needed to verify signatures) and printed here.
#include <CLI/CLI.hpp>

#include <iostream>

#include "auth/access_keys.h"
#include "base/clock.h"
#include "cli/commands.h"
#include "store/open.h"

namespace trailkeep::cli {
namespace {

struct AccessKeyArgs {
  std::string data = "./data";
  std::string name;
  std::vector<std::string> tenants;
  std::vector<std::string> scopes;
};

int RunCreate(const AccessKeyArgs& a) {
  store::StoreOptions o;
  o.path = a.data;
  auto store = store::OpenEventStore(o);
  if (!store.ok()) {
    std::cerr << "trailkeep access-key create: " << store.status().message()
              << (store.status().code() == StatusCode::kUnavailable ? " (stop the server first)"
                                                                    : "")
              << "\n";
    return 1;
  }
  auth::AccessKeyService keys((*store)->Meta(), SystemClock::Get());
  auto key = keys.Create(a.name, a.tenants, a.scopes);
  if (!key.ok()) {
    std::cerr << "trailkeep access-key create: " << key.status().message() << "\n";
    return 1;
  }
  std::cerr << "created access key (the secret key is stored server-side to verify signatures)\n";
  std::cout << "AK " << key->info.id << "\nSK " << key->secret_key << std::endl;
  return 0;
}

}  // namespace

void AddAccessKeyCommand(CLI::App& app, int* exit_code) {
  auto* cmd = app.add_subcommand("access-key", "Issue AK/SK pairs for signed requests (offline)");
  cmd->require_subcommand(1);
  auto args = std::make_shared<AccessKeyArgs>();
  auto* create = cmd->add_subcommand(
      "create", "Create an access key; prints 'AK <id>' and 'SK <secret>' on the last two lines");
  create->add_option("--data", args->data, "data directory")->capture_default_str();
  create->add_option("--tenant", args->tenants, "tenant it may access ('*' = all)")->required();
  create->add_option("--scope", args->scopes, "scope, e.g. codeartsartifact:repository:read")
      ->required();
  create->add_option("--name", args->name, "a label for humans");
  create->callback([args, exit_code] { *exit_code = RunCreate(*args); });
}

}  // namespace trailkeep::cli
