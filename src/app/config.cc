#include "app/config.h"

#include <charconv>
#include <cctype>
#include <cstdlib>
#include <fstream>

namespace trailkeep::app {
namespace {

template <typename T>
Status ParseNumber(std::string_view key, std::string_view value, T min, T max, T* out) {
  T v{};
  auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  if (ec != std::errc() || p != value.data() + value.size() || v < min || v > max) {
    return InvalidArgument("option " + std::string(key) + ": '" + std::string(value) +
                           "' is not a number from " + std::to_string(min) + " to " +
                           std::to_string(max));
  }
  *out = v;
  return Status::Ok();
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

const std::vector<std::string_view>& ConfigKeys() {
  static const std::vector<std::string_view> keys = {
      "listen",      "data",         "durability",      "max_body_bytes",
      "max_header_bytes", "read_timeout", "idle_timeout", "max_connections",
      "io_threads",  "worker_threads", "block_cache_mb"};
  return keys;
}

std::string_view ConfigHelp(std::string_view key) {
  static const std::pair<std::string_view, std::string_view> help[] = {
      {"listen", "HOST:PORT to serve HTTP on; port 0 picks a free one (default 127.0.0.1:8080)"},
      {"data", "directory of the embedded store, created when missing (default ./data)"},
      {"durability", "sync: a 2xx means fsync'd; buffered: in the WAL, not fsync'd (default sync)"},
      {"max_body_bytes", "largest request body, larger get 413 (default 16777216)"},
      {"max_header_bytes", "largest request header block, larger get 431 (default 16384)"},
      {"read_timeout", "seconds to receive a whole request once started, else 408 (default 30)"},
      {"idle_timeout", "seconds a keep-alive connection may sit idle (default 60)"},
      {"max_connections", "concurrent connections; more get 503 (default 1024)"},
      {"io_threads", "network I/O threads, 0 = one per core (default 0)"},
      {"worker_threads", "request handler threads (default 8)"},
      {"block_cache_mb", "RocksDB block cache in MiB (default 256)"},
  };
  for (const auto& [k, h] : help) {
    if (k == key) return h;
  }
  return {};
}

Status SplitListen(std::string_view listen, std::string* host, uint16_t* port) {
  size_t colon = listen.rfind(':');
  if (colon == std::string_view::npos || colon == 0) {
    return InvalidArgument("option listen: '" + std::string(listen) + "' is not HOST:PORT");
  }
  std::string_view h = listen.substr(0, colon);
  if (h.size() >= 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  *host = std::string(h);
  return ParseNumber<uint16_t>("listen", listen.substr(colon + 1), 0, 65535, port);
}

Status SetOption(Config* c, std::string_view key, std::string_view value) {
  if (key == "listen") {
    std::string host;
    uint16_t port;
    TK_RETURN_IF_ERROR(SplitListen(value, &host, &port));
    c->listen = std::string(value);
  } else if (key == "data") {
    if (value.empty()) return InvalidArgument("option data: must not be empty");
    c->data = std::string(value);
  } else if (key == "durability") {
    if (value != "sync" && value != "buffered") {
      return InvalidArgument("option durability: must be sync or buffered");
    }
    c->durability = std::string(value);
  } else if (key == "max_body_bytes") {
    return ParseNumber<size_t>(key, value, 1024, size_t{1} << 30, &c->max_body_bytes);
  } else if (key == "max_header_bytes") {
    return ParseNumber<size_t>(key, value, 1024, size_t{1} << 20, &c->max_header_bytes);
  } else if (key == "read_timeout") {
    return ParseNumber<int>(key, value, 1, 3600, &c->read_timeout);
  } else if (key == "idle_timeout") {
    return ParseNumber<int>(key, value, 1, 3600, &c->idle_timeout);
  } else if (key == "max_connections") {
    return ParseNumber<size_t>(key, value, 1, 1'000'000, &c->max_connections);
  } else if (key == "io_threads") {
    return ParseNumber<int>(key, value, 0, 256, &c->io_threads);
  } else if (key == "worker_threads") {
    return ParseNumber<int>(key, value, 1, 1024, &c->worker_threads);
  } else if (key == "block_cache_mb") {
    return ParseNumber<size_t>(key, value, 8, 1 << 20, &c->block_cache_mb);
  } else {
    return InvalidArgument("unknown option '" + std::string(key) + "'");
  }
  return Status::Ok();
}

namespace {

bool IsConfigKey(std::string_view key) {
  for (std::string_view k : ConfigKeys()) {
    if (k == key) return true;
  }
  return false;
}

}  // namespace

Status ReadConfigFile(const std::string& path, OptionValues* out) {
  std::ifstream in(path);
  if (!in) return InvalidArgument("cannot read config file " + path);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    std::string where = path + ":" + std::to_string(n);
    std::string_view l = Trim(line);
    if (l.empty() || l.front() == '#' || l.front() == ';') continue;
    if (l.front() == '[') {
      if (l != "[trailkeep]") return InvalidArgument(where + ": unknown section " + std::string(l));
      continue;
    }
    size_t eq = l.find('=');
    if (eq == std::string_view::npos) return InvalidArgument(where + ": expected key = value");
    std::string_view key = Trim(l.substr(0, eq));
    if (!IsConfigKey(key)) return InvalidArgument(where + ": unknown option '" + std::string(key) + "'");
    std::string_view value = Trim(l.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    (*out)[std::string(key)] = OptionValue{std::string(value), where};
  }
  return Status::Ok();
}

void ReadEnvironment(OptionValues* out) {
  for (std::string_view key : ConfigKeys()) {
    std::string name = "TRAILKEEP_";
    for (char ch : key) name.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(ch))));
    if (const char* v = std::getenv(name.c_str())) (*out)[std::string(key)] = OptionValue{v, name};
  }
}

Status ApplyOptions(Config* config, const OptionValues& values) {
  for (const auto& [key, option] : values) {
    Status s = SetOption(config, key, option.value);
    if (!s.ok()) return InvalidArgument(option.origin + ": " + s.message());
  }
  return Status::Ok();
}

}  // namespace trailkeep::app
