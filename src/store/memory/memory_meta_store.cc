#include "store/memory/memory_meta_store.h"

#include <utility>
#include <vector>

namespace trailkeep::store::memory_store {

Result<std::optional<std::string>> MemoryMetaStore::Get(std::string_view key) {
  std::lock_guard lock(mu_);
  auto it = kv_.find(key);
  if (it == kv_.end()) return std::optional<std::string>();
  return std::optional<std::string>(it->second);
}

Status MemoryMetaStore::Put(std::string_view key, std::string_view value) {
  std::lock_guard lock(mu_);
  kv_.insert_or_assign(std::string(key), std::string(value));
  return Status::Ok();
}

Status MemoryMetaStore::Delete(std::string_view key) {
  std::lock_guard lock(mu_);
  auto it = kv_.find(key);
  if (it != kv_.end()) kv_.erase(it);
  return Status::Ok();
}

Status MemoryMetaStore::List(std::string_view prefix,
                             const std::function<void(std::string_view, std::string_view)>& fn) {
  // Copy first so `fn` may call back into the store.
  std::vector<std::pair<std::string, std::string>> rows;
  {
    std::lock_guard lock(mu_);
    for (auto it = kv_.lower_bound(prefix); it != kv_.end() && it->first.starts_with(prefix); ++it) {
      rows.emplace_back(it->first, it->second);
    }
  }
  for (const auto& [k, v] : rows) fn(k, v);
  return Status::Ok();
}

}  // namespace trailkeep::store::memory_store
