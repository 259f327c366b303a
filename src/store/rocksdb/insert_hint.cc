#include "store/rocksdb/insert_hint.h"

#include <string_view>

#include "store/rocksdb/hint_prefix.h"

namespace trailkeep::store::rocksdb_store {
namespace {

using PrefixLength = size_t (*)(std::string_view key);

class HintPrefix : public rocksdb::SliceTransform {
 public:
  HintPrefix(const char* name, PrefixLength length) : name_(name), length_(length) {}
  const char* Name() const override { return name_; }
  rocksdb::Slice Transform(const rocksdb::Slice& key) const override {
    return rocksdb::Slice(key.data(), length_(std::string_view(key.data(), key.size())));
  }
  bool InDomain(const rocksdb::Slice& key) const override {
    return length_(std::string_view(key.data(), key.size())) != 0;
  }

 private:
  const char* name_;
  PrefixLength length_;
};

}  // namespace

std::shared_ptr<const rocksdb::SliceTransform> EventsInsertHint() {
  return std::make_shared<HintPrefix>("trailkeep.EventsInsertHint", &EventsHintPrefix);
}
std::shared_ptr<const rocksdb::SliceTransform> IndexInsertHint() {
  return std::make_shared<HintPrefix>("trailkeep.IndexInsertHint", &IndexHintPrefix);
}
std::shared_ptr<const rocksdb::SliceTransform> CountsInsertHint() {
  return std::make_shared<HintPrefix>("trailkeep.CountsInsertHint", &CountsHintPrefix);
}

}  // namespace trailkeep::store::rocksdb_store
