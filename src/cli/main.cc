// trailkeep: the server and its command-line tools.
#include <CLI/CLI.hpp>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"Trailkeep: a durable, tamper-evident audit-trail server"};
  app.require_subcommand(1);
  int exit_code = 0;
  trailkeep::cli::AddServeCommand(app, &exit_code);
  trailkeep::cli::AddTokenCommand(app, &exit_code);
  trailkeep::cli::AddIngestCommand(app, &exit_code);
  trailkeep::cli::AddQueryCommands(app, &exit_code);
  trailkeep::cli::AddDemoCommand(app, &exit_code);
  trailkeep::cli::AddAccessKeyCommand(app, &exit_code);
  CLI11_PARSE(app, argc, argv);
  return exit_code;
}
