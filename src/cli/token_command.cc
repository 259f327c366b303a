// trailkeep token create|list|revoke --data DIR: offline token administration
// on a data directory whose server is stopped.
#include <CLI/CLI.hpp>

#include <iostream>

#include "auth/token_service.h"
#include "base/clock.h"
#include "cli/commands.h"
#include "cli/offline_admin.h"

namespace trailkeep::cli {
namespace {

struct TokenArgs {
  std::string data = "./data";
  std::string name;
  std::vector<std::string> tenants;
  std::vector<std::string> scopes;
  std::string id;
};

int Run(const TokenArgs& a, std::string_view verb) {
  auto store = OpenOffline(a.data, "/v1/tokens with an admin token");
  if (!store.ok()) {
    std::cerr << "trailkeep token: " << store.status().message() << "\n";
    return 1;
  }
  auth::TokenService tokens((*store)->Meta(), SystemClock::Get());
  if (verb == "create") {
    auto issued = tokens.Create(a.name, a.tenants, a.scopes);
    if (!issued.ok()) {
      std::cerr << "trailkeep token create: " << issued.status().message() << "\n";
      return 1;
    }
    std::cerr << "created token " << issued->info.id << " (shown once; store it now)\n";
    std::cout << issued->secret << std::endl;  // alone on the last line of stdout
    return 0;
  }
  if (verb == "list") return ReportList("token", tokens.List());
  return ReportRevoke("token", a.id, tokens.Revoke(a.id));
}

}  // namespace

void AddTokenCommand(CLI::App& app, int* exit_code) {
  auto* token = app.add_subcommand("token", "Create, list or revoke API tokens (offline)");
  token->require_subcommand(1);
  auto args = std::make_shared<TokenArgs>();

  auto* create = token->add_subcommand("create", "Create a token; prints it alone on the last line");
  create->add_option("--data", args->data, "data directory")->capture_default_str();
  create->add_option("--tenant", args->tenants, "tenant it may access ('*' = all)")->required();
  create->add_option("--scope", args->scopes,
                     "scope: events.write, events.read, admin, or a dialect scope")->required();
  create->add_option("--name", args->name, "a label for humans");
  create->callback([args, exit_code] { *exit_code = Run(*args, "create"); });

  auto* list = token->add_subcommand("list", "List tokens (never their secrets)");
  list->add_option("--data", args->data, "data directory")->capture_default_str();
  list->callback([args, exit_code] { *exit_code = Run(*args, "list"); });

  auto* revoke = token->add_subcommand("revoke", "Revoke a token by id");
  revoke->add_option("--data", args->data, "data directory")->capture_default_str();
  revoke->add_option("id", args->id, "token id (from token list)")->required();
  revoke->callback([args, exit_code] { *exit_code = Run(*args, "revoke"); });
}

}  // namespace trailkeep::cli
