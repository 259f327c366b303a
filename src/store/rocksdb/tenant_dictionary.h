// The tenant dictionary: tenant name <-> 4-byte ordinal. Ordinals are
// assigned by the writer thread on a tenant's first commit and persisted in
// the same WriteBatch (`s/tenant/<name>`, `s/tenant#<ordinal>`); they become
// visible here only after that batch is durable.
//
// Thread safety: all methods are safe to call concurrently.
#pragma once

#include <map>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "store/rocksdb/keys.h"

namespace trailkeep::store::rocksdb_store {

class TenantDictionary {
 public:
  // The ordinal of `name`, or nullopt when the tenant has no events.
  std::optional<TenantOrdinal> Find(std::string_view name) const;
  // Records a committed tenant. REQUIRES: `ordinal` unused.
  void Add(std::string name, TenantOrdinal ordinal);
  // The ordinal the next new tenant gets.
  TenantOrdinal NextOrdinal() const;
  // All names, sorted.
  std::vector<std::string> Names() const;

 private:
  mutable std::shared_mutex mu_;
  std::map<std::string, TenantOrdinal, std::less<>> by_name_;
  TenantOrdinal next_ = 1;
};

}  // namespace trailkeep::store::rocksdb_store
