#include "store/rocksdb/value_dictionary.h"

#include <string.h>

#include <algorithm>
#include <mutex>

namespace trailkeep::store::rocksdb_store {

uint64_t ValueDictionary::HashOf(std::string_view value) {
  // std::hash gives 64 bits on this platform; the slot keeps the upper 32.
  static_assert(sizeof(size_t) == 8);
  return std::hash<std::string_view>()(value);
}

std::string_view ValueDictionary::Values::ValueAt(size_t i) const {
  const size_t end = i + 1 < starts.size() ? starts[i + 1] - 1 : blob.size() - 1;
  return std::string_view(blob.data() + starts[i], end - starts[i]);
}

uint64_t ValueDictionary::Values::TagOf(uint64_t hash_or_slot) {
  return hash_or_slot & ~uint64_t{0xffffffff};
}

size_t ValueDictionary::Values::IndexOf(uint64_t slot) { return (slot & 0xffffffff) - 1; }

uint64_t ValueDictionary::Values::SlotOf(uint64_t hash, size_t index) {
  return TagOf(hash) | (index + 1);
}

size_t ValueDictionary::Values::Probe(std::string_view value, uint64_t hash) const {
  const size_t mask = slots.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    const uint64_t s = slots[i];
    if (s == 0) return i;
    if (TagOf(s) == TagOf(hash) && ValueAt(IndexOf(s)) == value) return i;
  }
}

bool ValueDictionary::Values::Contains(std::string_view value, uint64_t hash) const {
  return !slots.empty() && slots[Probe(value, hash)] != 0;
}

void ValueDictionary::Values::Prefetch(std::span<const uint64_t> hashes) const {
  if (slots.empty()) return;
  const size_t mask = slots.size() - 1;
  for (uint64_t h : hashes) __builtin_prefetch(&slots[h & mask]);
  // The first slot whose tag matches is almost always the value's own:
  // warm its offset, then its bytes.
  std::vector<size_t> candidates;
  candidates.reserve(hashes.size());
  for (uint64_t h : hashes) {
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      const uint64_t s = slots[i];
      if (s == 0) break;
      if (TagOf(s) == TagOf(h)) {
        candidates.push_back(IndexOf(s));
        __builtin_prefetch(&starts[candidates.back()]);
        break;
      }
    }
  }
  for (size_t c : candidates) __builtin_prefetch(blob.data() + starts[c]);
}

bool ValueDictionary::Values::Insert(std::string_view value, uint64_t hash) {
  if ((starts.size() + 1) * 2 > slots.size()) Grow();
  const size_t slot = Probe(value, hash);
  if (slots[slot] != 0) return false;
  slots[slot] = SlotOf(hash, starts.size());
  grams.Add(blob.size(), value);
  starts.push_back(blob.size());
  blob.append(value);
  blob.push_back('\0');
  return true;
}

void ValueDictionary::Values::Grow() {
  slots.assign(std::max<size_t>(64, slots.size() * 2), 0);
  for (size_t v = 0; v < starts.size(); ++v) {
    const std::string_view value = ValueAt(v);
    const uint64_t hash = HashOf(value);
    slots[Probe(value, hash)] = SlotOf(hash, v);
  }
}

bool ValueDictionary::Contains(TenantOrdinal t, model::IndexedField f,
                               std::string_view value) const {
  const uint64_t hash = HashOf(value);
  std::shared_lock lock(mu_);
  auto it = values_.find({t, static_cast<uint8_t>(f)});
  return it != values_.end() && it->second.Contains(value, hash);
}

void ValueDictionary::ContainsEach(TenantOrdinal t, model::IndexedField f,
                                   std::span<const std::string_view> values,
                                   std::vector<bool>* known) const {
  std::vector<uint64_t> hashes(values.size());
  for (size_t i = 0; i < values.size(); ++i) hashes[i] = HashOf(values[i]);
  known->assign(values.size(), false);
  std::shared_lock lock(mu_);
  auto it = values_.find({t, static_cast<uint8_t>(f)});
  if (it == values_.end()) return;
  it->second.Prefetch(hashes);
  for (size_t i = 0; i < values.size(); ++i) (*known)[i] = it->second.Contains(values[i], hashes[i]);
}

void ValueDictionary::Add(TenantOrdinal t, model::IndexedField f, std::vector<std::string> values) {
  std::unique_lock lock(mu_);
  Values& v = values_[{t, static_cast<uint8_t>(f)}];
  for (std::string& value : values) {
    if (bytes_ + value.size() > kMaxBytes) {
      complete_ = false;
      return;
    }
    if (v.Insert(value, HashOf(value))) bytes_ += value.size();
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
      const std::string_view value = v.ValueAt(i);
      const size_t end = v.starts[i] + value.size();
      if (at + needle.size() > end) {  // the match crosses into the next value
        pos = at + 1;
        continue;
      }
      if (out.size() == max_values) {
        too_many = true;
        break;
      }
      out.emplace_back(value);
      pos = end + 1;
    }
  });
  if (too_many) return std::nullopt;
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace trailkeep::store::rocksdb_store
