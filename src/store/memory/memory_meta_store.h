// MetaStore in a map. Not durable; for tests and the memory backend.
// Thread safety: all methods are safe to call concurrently.
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "store/meta_store.h"

namespace trailkeep::store::memory_store {

class MemoryMetaStore final : public MetaStore {
 public:
  Result<std::optional<std::string>> Get(std::string_view key) override;
  Status Put(std::string_view key, std::string_view value) override;
  Status Delete(std::string_view key) override;
  Status List(std::string_view prefix,
              const std::function<void(std::string_view, std::string_view)>& fn) override;

 private:
  std::mutex mu_;
  std::map<std::string, std::string, std::less<>> kv_;  // guarded by mu_
};

}  // namespace trailkeep::store::memory_store
