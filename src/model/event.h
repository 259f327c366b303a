// The canonical audit event: the one form every event is stored in. Dialects
// are views over it (see docs/dialects/). Field meanings are in DESIGN.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/types.h"

namespace trailkeep::model {

struct Actor {
  std::optional<std::string> id, name, email, type, origin, ip, user_agent;
  friend bool operator==(const Actor&, const Actor&) = default;
};

struct Entity {
  std::optional<std::string> id, type, name, version;
  friend bool operator==(const Entity&, const Entity&) = default;
};

struct Event {
  EventId id;          // assigned by the store at commit
  TenantId tenant;     // set by the API from the request's tenant, never by the body
  TimeMs time;         // when it happened; the API defaults it to the receive time
  TimeMs received;     // assigned by the store at commit
  std::string kind;    // which stream, e.g. "user.action"; required, 1..64 bytes
  std::string action;  // what was done; required, 1..256 bytes
  std::optional<std::string> category;
  bool success = true;  // outcome; absent in input means true
  Actor actor;
  Entity entity;
  std::optional<std::string> message, reason;
  // Client-chosen unique id for idempotent retries; stored, never reassigned.
  std::optional<std::string> uid;
  // Everything else: a JSON object's text, kept byte-for-byte as received
  // (after whitespace outside strings is removed). Empty means no attributes.
  std::string attributes;

  friend bool operator==(const Event&, const Event&) = default;
};

// The fields that have a storage index, per-bucket counts and can be an
// access path. Everything else is filtered by evaluating the event.
enum class IndexedField : uint8_t {
  kKind = 1,
  kAction = 2,
  kCategory = 3,
  kSuccess = 4,  // values "true" / "false"
  kActorId = 5,
  kActorName = 6,
  kActorEmail = 7,
  kEntityId = 8,
};
inline constexpr IndexedField kAllIndexedFields[] = {
    IndexedField::kKind,     IndexedField::kAction,    IndexedField::kCategory,
    IndexedField::kSuccess,  IndexedField::kActorId,   IndexedField::kActorName,
    IndexedField::kActorEmail, IndexedField::kEntityId};

// The field's dotted name as used by the filter language ("actor.email").
std::string_view IndexedFieldName(IndexedField f);
// The event's value of `f`, or nullopt when the event does not set it.
std::optional<std::string_view> IndexedValue(const Event& e, IndexedField f);

}  // namespace trailkeep::model
