#include "store/rocksdb/counts_merge_operator.h"

#include <algorithm>
#include <string>

#include "store/rocksdb/keys.h"

namespace trailkeep::store::rocksdb_store {
namespace {

class CountsMergeOperator final : public rocksdb::AssociativeMergeOperator {
 public:
  bool Merge(const rocksdb::Slice& key, const rocksdb::Slice* existing_value,
             const rocksdb::Slice& value, std::string* new_value,
             rocksdb::Logger* /*logger*/) const override {
    if (key.size() < 5) return false;
    if (key[4] == kIdRangeTag) return MergeIdRange(existing_value, value, new_value);
    return MergeCount(existing_value, value, new_value);
  }

  const char* Name() const override { return "trailkeep.CountsMergeOperator"; }

 private:
  static bool MergeCount(const rocksdb::Slice* existing, const rocksdb::Slice& value,
                         std::string* out) {
    if (value.size() != 8 || (existing && existing->size() != 8)) return false;
    uint64_t sum = GetU64(value.data()) + (existing ? GetU64(existing->data()) : 0);
    out->clear();
    PutU64(out, sum);
    return true;
  }

  static bool MergeIdRange(const rocksdb::Slice* existing, const rocksdb::Slice& value,
                           std::string* out) {
    if (value.size() != 16 || (existing && existing->size() != 16)) return false;
    uint64_t lo = GetU64(value.data());
    uint64_t hi = GetU64(value.data() + 8);
    if (existing) {
      lo = std::min(lo, GetU64(existing->data()));
      hi = std::max(hi, GetU64(existing->data() + 8));
    }
    out->clear();
    PutU64(out, lo);
    PutU64(out, hi);
    return true;
  }
};

}  // namespace

std::shared_ptr<rocksdb::MergeOperator> NewCountsMergeOperator() {
  return std::make_shared<CountsMergeOperator>();
}

}  // namespace trailkeep::store::rocksdb_store
