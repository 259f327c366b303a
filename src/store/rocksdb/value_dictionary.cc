#include "store/rocksdb/value_dictionary.h"

#include <string.h>

#include <algorithm>
#include <mutex>

namespace trailkeep::store::rocksdb_store {

bool ValueDictionary::Contains(TenantOrdinal t, model::IndexedField f,
                               std::string_view value) const {
  std::shared_lock lock(mu_);
  auto it = values_.find({t, static_cast<uint8_t>(f)});
  return it != values_.end() && it->second.set.contains(value);
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
    v.grams.Add(v.blob.size(), *it);
    v.starts.push_back(v.blob.size());
    v.blob.append(*it);
    v.blob.push_back('\0');
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
  const Values& v = it->second;
  const char* data = v.blob.data();
  const size_t n = v.blob.size();
  bool too_many = false;
  // Candidate blocks hold whole values, so a match never needs bytes past
  // the block's end.
  v.grams.ForEachCandidate(needle, n, [&](size_t begin, size_t block_end) {
    size_t pos = begin;
    while (!too_many && pos < block_end) {
      const void* hit = memmem(data + pos, block_end - pos, needle.data(), needle.size());
      if (hit == nullptr) break;
      const size_t at = static_cast<size_t>(static_cast<const char*>(hit) - data);
      // The value holding `at`, and its end (its NUL).
      const size_t i = static_cast<size_t>(std::upper_bound(v.starts.begin(), v.starts.end(), at) -
                                           v.starts.begin()) - 1;
      const size_t end = i + 1 < v.starts.size() ? v.starts[i + 1] - 1 : n - 1;
      if (at + needle.size() > end) {  // the match crosses into the next value
        pos = at + 1;
        continue;
      }
      if (out.size() == max_values) {
        too_many = true;
        break;
      }
      out.emplace_back(data + v.starts[i], end - v.starts[i]);
      pos = end + 1;
    }
  });
  if (too_many) return std::nullopt;
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace trailkeep::store::rocksdb_store
