// MetaStore: a small durable key/value space beside the events (tokens,
// settings). Not for bulk data.
//
// Thread safety: all methods are safe to call concurrently.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace trailkeep::store {

class MetaStore {
 public:
  virtual ~MetaStore() = default;
  virtual Result<std::optional<std::string>> Get(std::string_view key) = 0;
  // Durable (synced) on OK.
  virtual Status Put(std::string_view key, std::string_view value) = 0;
  // OK when absent too.
  virtual Status Delete(std::string_view key) = 0;
  // Calls `fn` for every key starting with `prefix`, in key order.
  virtual Status List(std::string_view prefix,
                      const std::function<void(std::string_view key, std::string_view value)>& fn) = 0;
};

}  // namespace trailkeep::store
