// Server configuration. Sources, later ones winning: built-in defaults, an
// INI file (`--config FILE`), TRAILKEEP_* environment variables, command-line
// flags. Every option has the same name in all three: `listen` in the file,
// TRAILKEEP_LISTEN in the environment, --listen on the command line.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace trailkeep::app {

struct Config {
  // Address and port to serve HTTP on. Port 0 picks a free port (printed).
  std::string listen = "127.0.0.1:8080";
  // Directory of the embedded RocksDB store; created when missing.
  std::string data = "./data";
  // sync: a 2xx means fsync'd (survives power loss). buffered: in the WAL but
  // not fsync'd (survives kill -9; a power loss can lose the last seconds).
  std::string durability = "sync";
  // Largest request body; larger requests get 413. 16 MiB.
  size_t max_body_bytes = 16u << 20;
  // Largest request header block; larger get 431. 16 KiB.
  size_t max_header_bytes = 16u << 10;
  // Seconds allowed to receive a whole request once it started.
  int read_timeout = 30;
  // Seconds a keep-alive connection may sit idle before it is closed.
  int idle_timeout = 60;
  // Concurrent connections; more are answered 503.
  size_t max_connections = 1024;
  // Threads doing network I/O. 0 = number of cores.
  int io_threads = 0;
  // Threads running request handlers (ingest waits on fsync here). 8.
  int worker_threads = 8;
  // RocksDB block cache, MiB. 256.
  size_t block_cache_mb = 256;
};

// The option names, in documentation order.
const std::vector<std::string_view>& ConfigKeys();

// One line of help for an option, with its default ("" for unknown keys).
std::string_view ConfigHelp(std::string_view key);

// Sets one option from its text form. kInvalidArgument for an unknown key or
// a bad value (the message names both).
Status SetOption(Config* config, std::string_view key, std::string_view value);

// One option's text as a source gave it, and where: "file.ini:3",
// "TRAILKEEP_LISTEN" or "--listen". Sources are gathered first and only the
// winning value of each option is validated, so a flag can override a bad
// value in the file.
struct OptionValue {
  std::string value;
  std::string origin;
};
using OptionValues = std::map<std::string, OptionValue, std::less<>>;

// Reads an INI file into `out` (entries replace earlier ones): `key = value`
// lines, `#` or `;` comments, an optional `[trailkeep]` section header.
// Unknown keys and syntax errors are kInvalidArgument naming file and line.
Status ReadConfigFile(const std::string& path, OptionValues* out);

// Adds the TRAILKEEP_<KEY> variables (upper-case key) that are set.
void ReadEnvironment(OptionValues* out);

// Validates and applies each value; an error names the option's origin.
Status ApplyOptions(Config* config, const OptionValues& values);

// Splits "host:port" ("[::1]:8080" for IPv6).
Status SplitListen(std::string_view listen, std::string* host, uint16_t* port);

}  // namespace trailkeep::app
