// How many records a scan fetches per MultiGet (docs/storage.md, "Reads"):
// the first batch is what the caller expects to visit (ScanSpec::expected),
// or 32 when it does not say; each next batch is twice the last, up to
// 1,024. A page of 100 then costs one fetch of 101 records, not 32 + 64 +
// 128 of which half are thrown away.
#pragma once

#include <algorithm>
#include <cstddef>

#include "store/event_store.h"

namespace trailkeep::store::rocksdb_store {

class FetchBatch {
 public:
  static constexpr size_t kUnknownFirst = 32;
  static constexpr size_t kMax = 1024;

  explicit FetchBatch(const ScanSpec& spec)
      : size_(spec.expected == 0 ? kUnknownFirst : std::min(spec.expected, kMax)) {}

  size_t size() const { return size_; }
  // After a fetch that did not end the scan.
  void Grow() { size_ = std::min(size_ * 2, kMax); }

 private:
  size_t size_;
};

}  // namespace trailkeep::store::rocksdb_store
