// The one place that names store backends.
#include "store/open.h"

#include "store/memory/memory_event_store.h"
#include "store/rocksdb/open_rocksdb.h"

namespace trailkeep::store {

Result<std::unique_ptr<EventStore>> OpenEventStore(const StoreOptions& options) {
  switch (options.backend) {
    case Backend::kMemory: {
      const Clock* clock = options.clock ? options.clock : &SystemClock::Get();
      return std::unique_ptr<EventStore>(std::make_unique<memory_store::MemoryEventStore>(clock));
    }
    case Backend::kRocksDb:
      return rocksdb_store::OpenRocksDbEventStore(options);
  }
  return InvalidArgument("unknown store backend");
}

}  // namespace trailkeep::store
