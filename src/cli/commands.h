// The `trailkeep` subcommands. Each Add*Command registers one subcommand (and
// its flags) on the CLI11 app; the callback runs it and sets `*exit_code`.
#pragma once

namespace CLI {
class App;
}

namespace trailkeep::cli {

void AddServeCommand(CLI::App& app, int* exit_code);
void AddTokenCommand(CLI::App& app, int* exit_code);
void AddIngestCommand(CLI::App& app, int* exit_code);
void AddQueryCommands(CLI::App& app, int* exit_code);  // query, export, tail
void AddDemoCommand(CLI::App& app, int* exit_code);
void AddAccessKeyCommand(CLI::App& app, int* exit_code);  // access-key create, list, revoke

}  // namespace trailkeep::cli
