// FieldRef: a named field of the canonical event envelope, as filters and
// selections refer to it ("actor.email", "attributes.dt.settings.key").
//
// Thread safety: values; const methods safe to call concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "model/event.h"

namespace trailkeep::query {

class FieldRef {
 public:
  enum class Kind : uint8_t {
    kId,  // the server-assigned id, as decimal text
    kKind,
    kAction,
    kCategory,
    kSuccess,  // "true" / "false"
    kActorId,
    kActorName,
    kActorEmail,
    kActorType,
    kActorOrigin,
    kActorIp,
    kActorUserAgent,
    kEntityId,
    kEntityType,
    kEntityName,
    kEntityVersion,
    kMessage,
    kReason,
    kUid,
    kAttribute,  // attributes.<path>: a scalar inside `attributes`
  };

  // Resolves a dotted path: one of id, kind, action, category, success,
  // actor.{id,name,email,type,origin,ip,user_agent},
  // entity.{id,type,name,version}, message, reason, uid, or
  // attributes.<path> where <path> is one or more non-empty dot-separated
  // keys. Names are case-sensitive.
  // Errors: kInvalidArgument "unknown filter field 'x'" (or, for a bad
  // attributes path, a message saying what is wrong with it).
  static Result<FieldRef> Parse(std::string_view path);

  // Shorthand for an indexed field (never fails).
  static FieldRef Of(model::IndexedField field);

  Kind kind() const { return kind_; }
  // The full dotted path as given to Parse ("attributes.a.b").
  const std::string& path() const { return path_; }
  // For kAttribute: the path inside `attributes` ("a.b"); empty otherwise.
  std::string_view attribute_path() const;
  // The storage index for this field, when it has one.
  std::optional<model::IndexedField> indexed() const;

  // The event's value of this field as text, or nullopt when the event does
  // not set it. Attributes use codec::AttributeValue (strings unescaped,
  // numbers as written, true/false/null; objects and arrays are absent). Every
  // dot in an attribute path descends one object level, so a key that itself
  // contains a dot ({"dt.settings.key": ...}) cannot be addressed.
  std::optional<std::string> ValueOf(const model::Event& e) const;

  friend bool operator==(const FieldRef&, const FieldRef&) = default;

 private:
  FieldRef(Kind kind, std::string path) : kind_(kind), path_(std::move(path)) {}

  Kind kind_;
  std::string path_;
};

}  // namespace trailkeep::query
