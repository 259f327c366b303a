#include "store/rocksdb/rocksdb_meta_store.h"

#include "store/rocksdb/keys.h"
#include "store/rocksdb/status_adapter.h"

namespace trailkeep::store::rocksdb_store {
namespace {

std::string MetaKey(std::string_view key) {
  std::string k(kMetaPrefix);
  k.append(key);
  return k;
}

rocksdb::WriteOptions Synced() {
  rocksdb::WriteOptions o;
  o.sync = true;
  return o;
}

}  // namespace

Result<std::optional<std::string>> RocksDbMetaStore::Get(std::string_view key) {
  std::string value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), cf_, MetaKey(key), &value);
  if (s.IsNotFound()) return std::optional<std::string>();
  if (!s.ok()) return FromRocks(s, "meta get");
  return std::optional<std::string>(std::move(value));
}

Status RocksDbMetaStore::Put(std::string_view key, std::string_view value) {
  return FromRocks(db_->Put(Synced(), cf_, MetaKey(key), value), "meta put");
}

Status RocksDbMetaStore::Delete(std::string_view key) {
  return FromRocks(db_->Delete(Synced(), cf_, MetaKey(key)), "meta delete");
}

Status RocksDbMetaStore::List(
    std::string_view prefix, const std::function<void(std::string_view, std::string_view)>& fn) {
  std::string start = MetaKey(prefix);
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cf_));
  for (it->Seek(start); it->Valid() && it->key().starts_with(start); it->Next()) {
    std::string_view key = it->key().ToStringView();
    fn(key.substr(kMetaPrefix.size()), it->value().ToStringView());
  }
  return FromRocks(it->status(), "meta list");
}

}  // namespace trailkeep::store::rocksdb_store
