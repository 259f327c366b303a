// MetaStore over the `default` column family: key k is stored as `m/<k>`.
// Writes are synced. Thread safety: all methods are safe concurrently.
#pragma once

#include <rocksdb/db.h>

#include "store/meta_store.h"

namespace trailkeep::store::rocksdb_store {

class RocksDbMetaStore final : public MetaStore {
 public:
  // Neither is owned; both must outlive this object.
  RocksDbMetaStore(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf) : db_(db), cf_(cf) {}

  Result<std::optional<std::string>> Get(std::string_view key) override;
  Status Put(std::string_view key, std::string_view value) override;
  Status Delete(std::string_view key) override;
  Status List(std::string_view prefix,
              const std::function<void(std::string_view, std::string_view)>& fn) override;

 private:
  rocksdb::DB* db_;
  rocksdb::ColumnFamilyHandle* cf_;
};

}  // namespace trailkeep::store::rocksdb_store
