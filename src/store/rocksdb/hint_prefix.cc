#include "store/rocksdb/hint_prefix.h"

#include <cstdint>

#include "model/event.h"
#include "store/rocksdb/field_layout.h"
#include "store/rocksdb/keys.h"

namespace trailkeep::store::rocksdb_store {
namespace {

constexpr size_t kBucketBytes = 8;

char TagOf(std::string_view key) { return key[kTenantBytes]; }

uint8_t FieldOf(std::string_view key) { return static_cast<uint8_t>(key[kTenantBytes + 1]); }

}  // namespace

size_t EventsHintPrefix(std::string_view key) {
  return key.size() == kEventKeyBytes ? kEventKeyBytes - 8 : 0;
}

size_t IndexHintPrefix(std::string_view key) {
  if (key.size() < kTenantBytes + 1 + kTimeIdSuffix) return 0;
  if (TagOf(key) == kTimeTag) return kTenantBytes + 1;
  if (TagOf(key) == kPostingTag && key.size() > kTenantBytes + 2 + kTimeIdSuffix &&
      !HasBlockPostings(static_cast<model::IndexedField>(FieldOf(key)))) {
    return key.size() - kTimeIdSuffix;
  }
  return 0;
}

size_t CountsHintPrefix(std::string_view key) {
  if (key.size() < kTenantBytes + 2 + kBucketBytes) return 0;
  if (TagOf(key) == kIdRangeTag) return key.size() - kBucketBytes;
  if (TagOf(key) == kCountTag && CountGrainsOf(FieldOf(key))) return key.size() - kBucketBytes;
  return 0;
}

}  // namespace trailkeep::store::rocksdb_store
