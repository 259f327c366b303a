#include "store/rocksdb/value_dictionary.h"

#include <algorithm>
#include <mutex>

namespace trailkeep::store::rocksdb_store {

bool ValueDictionary::Contains(TenantOrdinal t, model::IndexedField f,
                               std::string_view value) const {
  std::shared_lock lock(mu_);
  auto it = values_.find({t, static_cast<uint8_t>(f)});
  return it != values_.end() && it->second.set.count(std::string(value)) > 0;
}

void ValueDictionary::Add(TenantOrdinal t, model::IndexedField f, std::vector<std::string> values) {
  std::unique_lock lock(mu_);
  Values& v = values_[{t, static_cast<uint8_t>(f)}];
  for (std::string& value : values) {
    if (bytes_ + value.size() > kMaxBytes) {
      complete_ = false;
      return;
    }
    auto [it, inserted] = v.set.insert(std::move(value));
    if (!inserted) continue;
    bytes_ += it->size();
    v.order.push_back(&*it);
  }
}

std::optional<std::vector<std::string>> ValueDictionary::Containing(TenantOrdinal t,
                                                                    model::IndexedField f,
                                                                    std::string_view needle,
                                                                    size_t max_values) const {
  std::shared_lock lock(mu_);
  if (!complete_) return std::nullopt;
  std::vector<std::string> out;
  auto it = values_.find({t, static_cast<uint8_t>(f)});
  if (it == values_.end()) return out;
  for (const std::string* v : it->second.order) {
    if (v->find(needle) == std::string::npos) continue;
    if (out.size() == max_values) return std::nullopt;
    out.push_back(*v);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace trailkeep::store::rocksdb_store
