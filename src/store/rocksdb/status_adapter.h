// The one adapter from rocksdb::Status to trailkeep::Status.
#pragma once

#include <string_view>

#include <rocksdb/status.h>

#include "base/status.h"

namespace trailkeep::store::rocksdb_store {

// kOk for OK; kUnavailable for a held lock or shutdown; kInternal otherwise.
// `what` names the operation ("write", "open") in the message.
Status FromRocks(const rocksdb::Status& s, std::string_view what);

}  // namespace trailkeep::store::rocksdb_store
