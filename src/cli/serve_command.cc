// trailkeep serve [--config FILE] [--data DIR] [--listen HOST:PORT] [--<option> V]...
#include <CLI/CLI.hpp>

#include <iostream>
#include <map>

#include "app/config.h"
#include "app/server_app.h"
#include "cli/commands.h"

namespace trailkeep::cli {

void AddServeCommand(CLI::App& app, int* exit_code) {
  auto* cmd = app.add_subcommand("serve", "Run the HTTP server on the embedded store");
  auto config_file = std::make_shared<std::string>();
  auto flags = std::make_shared<std::map<std::string, std::string>>();
  cmd->add_option("--config", *config_file, "INI file of options (key = value)");
  for (std::string_view key : app::ConfigKeys()) {
    std::string flag = "--" + std::string(key);
    for (char& c : flag) c = c == '_' ? '-' : c;
    std::string k(key);
    cmd->add_option_function<std::string>(
        flag, [flags, k](const std::string& v) { (*flags)[k] = v; },
        std::string(app::ConfigHelp(key)) + "; env TRAILKEEP_" + [&] {
          std::string u;
          for (char c : key) u.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
          return u;
        }());
  }
  cmd->callback([=] {
    app::OptionValues values;
    Status s;
    if (!config_file->empty()) s = app::ReadConfigFile(*config_file, &values);
    app::ReadEnvironment(&values);
    for (const auto& [k, v] : *flags) {
      std::string flag = "--" + k;
      for (char& c : flag) c = c == '_' ? '-' : c;
      values[k] = app::OptionValue{v, flag};
    }
    app::Config config;
    if (s.ok()) s = app::ApplyOptions(&config, values);
    if (s.ok()) s = app::RunServer(config, std::cout);
    if (!s.ok()) {
      std::cerr << "trailkeep serve: " << s.message() << "\n";
      *exit_code = 1;
    }
  });
}

}  // namespace trailkeep::cli
