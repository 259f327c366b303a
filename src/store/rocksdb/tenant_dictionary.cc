#include "store/rocksdb/tenant_dictionary.h"

#include <algorithm>
#include <mutex>

namespace trailkeep::store::rocksdb_store {

std::optional<TenantOrdinal> TenantDictionary::Find(std::string_view name) const {
  std::shared_lock lock(mu_);
  auto it = by_name_.find(name);
  if (it == by_name_.end()) return std::nullopt;
  return it->second;
}

void TenantDictionary::Add(std::string name, TenantOrdinal ordinal) {
  std::unique_lock lock(mu_);
  by_name_.emplace(std::move(name), ordinal);
  next_ = std::max(next_, ordinal + 1);
}

TenantOrdinal TenantDictionary::NextOrdinal() const {
  std::shared_lock lock(mu_);
  return next_;
}

std::vector<std::string> TenantDictionary::Names() const {
  std::shared_lock lock(mu_);
  std::vector<std::string> names;
  names.reserve(by_name_.size());
  for (const auto& [name, ordinal] : by_name_) names.push_back(name);
  return names;
}

}  // namespace trailkeep::store::rocksdb_store
