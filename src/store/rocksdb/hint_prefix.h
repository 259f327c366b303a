// Which prefix of a key names its insert run (insert_hint.h): the key minus
// its growing suffix. Pure byte logic over the layout of keys.h, with no
// RocksDB types, so it is tested on its own.
#pragma once

#include <cstddef>
#include <string_view>

namespace trailkeep::store::rocksdb_store {

// Each returns the length of `key`'s run prefix, or 0 when the key is not
// part of a run (it is then inserted without a hint).
// `events`: E T id -> E T.
size_t EventsHintPrefix(std::string_view key);
// `index`: T 'T' time id -> T 'T'; T 'F' field value time id -> T 'F' field
// value, for the fields whose postings are runs (field_layout.h; the others
// are never written to `index`). uid and Idempotency-Key entries: 0.
size_t IndexHintPrefix(std::string_view key);
// `counts`: T 'C' field value gran bucket and T 'B' gran bucket -> without
// the bucket, for the fields that keep counts.
size_t CountsHintPrefix(std::string_view key);

}  // namespace trailkeep::store::rocksdb_store
