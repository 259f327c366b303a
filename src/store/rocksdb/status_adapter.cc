#include "store/rocksdb/status_adapter.h"

#include <string>

namespace trailkeep::store::rocksdb_store {

Status FromRocks(const rocksdb::Status& s, std::string_view what) {
  if (s.ok()) return Status::Ok();
  std::string detail = s.ToString();
  // RocksDB reports a held LOCK file as an IOError whose message mentions the
  // lock ("lock hold by current process", "While lock file: ...").
  if (s.IsIOError() && detail.find("lock") != std::string::npos) {
    return Unavailable("data directory is in use by another process (" + detail + ")");
  }
  if (s.IsShutdownInProgress()) return Unavailable("store is shutting down");
  return Internal("rocksdb " + std::string(what) + ": " + detail);
}

}  // namespace trailkeep::store::rocksdb_store
