// nextPageKey: an opaque, tamper-evident cursor that freezes the first page's
// query. It carries the resolved window, filter text, page size, sort, the
// totalCount, the highest event id the query may return (so events committed
// later never shift or join the pages) and the (timestamp, id) position of
// the last entry returned.
//
// Wire form: base64url(payload || tag), tag = the first 16 bytes of
// HMAC-SHA256(secret, "trailkeep/dynatrace/nextPageKey/v1" || payload). The
// payload holds the environment (tenant), so a key only works in the
// environment that issued it; any change to a byte fails the tag.
//
// Thread safety: PageKeyCodec is immutable after construction.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"
#include "store/meta_store.h"

namespace trailkeep::api::dialects::dynatrace {

struct PageKey {
  std::string tenant;
  uint64_t max_id = 0;  // only events with id <= max_id belong to the query
  int64_t from_ms = 0;  // inclusive
  int64_t to_ms = 0;    // exclusive
  uint32_t page_size = 0;
  bool oldest_first = false;
  std::string filter_text;
  // The filter's `user` criteria run as actor.id equality (AuditFilter::
  // WithUserById), as decided when the query was frozen.
  bool user_by_id = false;
  uint64_t total = 0;  // totalCount of the frozen query
  // The last entry returned so far; the next page starts strictly after it.
  int64_t last_time_ms = 0;
  uint64_t last_id = 0;

  friend bool operator==(const PageKey&, const PageKey&) = default;
};

class PageKeyCodec {
 public:
  // `secret`: the server's MAC key (any length; 32 random bytes in practice).
  explicit PageKeyCodec(std::string secret) : secret_(std::move(secret)) {}

  std::string Encode(const PageKey& key) const;
  // Errors: kInvalidArgument for anything that is not a key this secret
  // issued (bad base64url, wrong length or version, wrong tag).
  Result<PageKey> Decode(std::string_view text) const;

 private:
  std::string secret_;
};

// The per-server cursor secret: read from `meta`, or created (32 random
// bytes) and stored there on first use, so keys survive restarts.
// Errors: those of MetaStore and RandomBytes.
Result<std::string> LoadOrCreatePageKeySecret(store::MetaStore& meta);

}  // namespace trailkeep::api::dialects::dynatrace
