#include "query/field_ref.h"

#include <utility>

#include "codec/json_path.h"

namespace trailkeep::query {
namespace {

using Kind = FieldRef::Kind;

constexpr std::string_view kAttributesPrefix = "attributes.";

struct NamedKind {
  std::string_view name;
  Kind kind;
};

constexpr NamedKind kEnvelopeFields[] = {
    {"id", Kind::kId},
    {"kind", Kind::kKind},
    {"action", Kind::kAction},
    {"category", Kind::kCategory},
    {"success", Kind::kSuccess},
    {"actor.id", Kind::kActorId},
    {"actor.name", Kind::kActorName},
    {"actor.email", Kind::kActorEmail},
    {"actor.type", Kind::kActorType},
    {"actor.origin", Kind::kActorOrigin},
    {"actor.ip", Kind::kActorIp},
    {"actor.user_agent", Kind::kActorUserAgent},
    {"entity.id", Kind::kEntityId},
    {"entity.type", Kind::kEntityType},
    {"entity.name", Kind::kEntityName},
    {"entity.version", Kind::kEntityVersion},
    {"message", Kind::kMessage},
    {"reason", Kind::kReason},
    {"uid", Kind::kUid},
};

std::optional<std::string> Copy(const std::optional<std::string>& s) { return s; }

}  // namespace

Result<FieldRef> FieldRef::Parse(std::string_view path) {
  for (const NamedKind& f : kEnvelopeFields) {
    if (f.name == path) return FieldRef(f.kind, std::string(path));
  }
  if (path.starts_with(kAttributesPrefix)) {
    std::string_view rest = path.substr(kAttributesPrefix.size());
    if (rest.empty() || rest.front() == '.' || rest.back() == '.' ||
        rest.find("..") != std::string_view::npos) {
      return InvalidArgument("bad filter field '" + std::string(path) +
                             "': attribute paths are attributes.<key>[.<key>...] with "
                             "non-empty keys");
    }
    return FieldRef(Kind::kAttribute, std::string(path));
  }
  return InvalidArgument("unknown filter field '" + std::string(path) + "'");
}

FieldRef FieldRef::Of(model::IndexedField field) {
  Result<FieldRef> ref = Parse(model::IndexedFieldName(field));
  return std::move(ref).value();  // every indexed field has an envelope name
}

std::string_view FieldRef::attribute_path() const {
  if (kind_ != Kind::kAttribute) return {};
  return std::string_view(path_).substr(kAttributesPrefix.size());
}

std::optional<model::IndexedField> FieldRef::indexed() const {
  using model::IndexedField;
  switch (kind_) {
    case Kind::kKind: return IndexedField::kKind;
    case Kind::kAction: return IndexedField::kAction;
    case Kind::kCategory: return IndexedField::kCategory;
    case Kind::kSuccess: return IndexedField::kSuccess;
    case Kind::kActorId: return IndexedField::kActorId;
    case Kind::kActorName: return IndexedField::kActorName;
    case Kind::kActorEmail: return IndexedField::kActorEmail;
    case Kind::kEntityId: return IndexedField::kEntityId;
    default: return std::nullopt;
  }
}

std::optional<std::string> FieldRef::ValueOf(const model::Event& e) const {
  switch (kind_) {
    case Kind::kId: return std::to_string(e.id.value);
    case Kind::kKind: return e.kind;
    case Kind::kAction: return e.action;
    case Kind::kCategory: return Copy(e.category);
    case Kind::kSuccess: return std::string(e.success ? "true" : "false");
    case Kind::kActorId: return Copy(e.actor.id);
    case Kind::kActorName: return Copy(e.actor.name);
    case Kind::kActorEmail: return Copy(e.actor.email);
    case Kind::kActorType: return Copy(e.actor.type);
    case Kind::kActorOrigin: return Copy(e.actor.origin);
    case Kind::kActorIp: return Copy(e.actor.ip);
    case Kind::kActorUserAgent: return Copy(e.actor.user_agent);
    case Kind::kEntityId: return Copy(e.entity.id);
    case Kind::kEntityType: return Copy(e.entity.type);
    case Kind::kEntityName: return Copy(e.entity.name);
    case Kind::kEntityVersion: return Copy(e.entity.version);
    case Kind::kMessage: return Copy(e.message);
    case Kind::kReason: return Copy(e.reason);
    case Kind::kUid: return Copy(e.uid);
    case Kind::kAttribute:
      if (e.attributes.empty()) return std::nullopt;
      return codec::AttributeValue(e.attributes, attribute_path());
  }
  return std::nullopt;
}

}  // namespace trailkeep::query
