// trailkeep access-key create|list|revoke --data DIR: offline administration
// of access key / secret key pairs for SDK-HMAC-SHA256 signed requests (the
// Huawei CodeArts dialect), on a data directory whose server is stopped. The
// secret key is stored on the server (it is needed to verify signatures) and
// printed once, by create; list never shows it.
#include <CLI/CLI.hpp>
#include <iostream>

#include "auth/access_keys.h"
#include "base/clock.h"
#include "cli/commands.h"
#include "cli/offline_admin.h"

namespace trailkeep::cli {
namespace {

struct AccessKeyArgs {
  std::string data = "./data";
  std::string name;
  std::vector<std::string> tenants;
  std::vector<std::string> scopes;
  std::string id;
};

int Run(const AccessKeyArgs& a, std::string_view verb) {
  auto store = OpenOffline(a.data, "/v1/access-keys with an admin token");
  if (!store.ok()) {
    std::cerr << "trailkeep access-key " << verb << ": " << store.status().message() << "\n";
    return 1;
  }
  auth::AccessKeyService keys((*store)->Meta(), SystemClock::Get());
  if (verb == "create") {
    auto key = keys.Create(a.name, a.tenants, a.scopes);
    if (!key.ok()) {
      std::cerr << "trailkeep access-key create: " << key.status().message() << "\n";
      return 1;
    }
    std::cerr << "created access key (the secret key is stored server-side to verify signatures)\n";
    std::cout << "AK " << key->info.id << "\nSK " << key->secret_key << std::endl;
    return 0;
  }
  if (verb == "list") return ReportList("access-key", keys.List());
  return ReportRevoke("access-key", a.id, keys.Revoke(a.id));
}

}  // namespace

void AddAccessKeyCommand(CLI::App& app, int* exit_code) {
  auto* cmd = app.add_subcommand(
      "access-key", "Create, list or revoke AK/SK pairs for signed requests (offline)");
  cmd->require_subcommand(1);
  auto args = std::make_shared<AccessKeyArgs>();
  auto* create = cmd->add_subcommand(
      "create", "Create an access key; prints 'AK <id>' and 'SK <secret>' on the last two lines");
  create->add_option("--data", args->data, "data directory")->capture_default_str();
  create->add_option("--tenant", args->tenants, "tenant it may access ('*' = all)")->required();
  create->add_option("--scope", args->scopes, "scope, e.g. codeartsartifact:repository:read")
      ->required();
  create->add_option("--name", args->name, "a label for humans");
  create->callback([args, exit_code] { *exit_code = Run(*args, "create"); });

  auto* list = cmd->add_subcommand("list", "List access keys (never their secret keys)");
  list->add_option("--data", args->data, "data directory")->capture_default_str();
  list->callback([args, exit_code] { *exit_code = Run(*args, "list"); });

  auto* revoke = cmd->add_subcommand("revoke", "Revoke an access key by id (its AK)");
  revoke->add_option("--data", args->data, "data directory")->capture_default_str();
  revoke->add_option("id", args->id, "access key id (AK, from access-key list)")->required();
  revoke->callback([args, exit_code] { *exit_code = Run(*args, "revoke"); });
}

}  // namespace trailkeep::cli
