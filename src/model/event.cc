#include "model/event.h"

namespace trailkeep::model {

bool IsValidTenantName(std::string_view s) {
  if (s.empty() || s.size() > 128) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == ':' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string_view IndexedFieldName(IndexedField f) {
  switch (f) {
    case IndexedField::kKind: return "kind";
    case IndexedField::kAction: return "action";
    case IndexedField::kCategory: return "category";
    case IndexedField::kSuccess: return "success";
    case IndexedField::kActorId: return "actor.id";
    case IndexedField::kActorName: return "actor.name";
    case IndexedField::kActorEmail: return "actor.email";
    case IndexedField::kEntityId: return "entity.id";
  }
  return "";
}

namespace {
std::optional<std::string_view> View(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  return std::string_view(*s);
}
}  // namespace

std::optional<std::string_view> IndexedValue(const Event& e, IndexedField f) {
  switch (f) {
    case IndexedField::kKind: return std::string_view(e.kind);
    case IndexedField::kAction: return std::string_view(e.action);
    case IndexedField::kCategory: return View(e.category);
    case IndexedField::kSuccess: return e.success ? "true" : "false";
    case IndexedField::kActorId: return View(e.actor.id);
    case IndexedField::kActorName: return View(e.actor.name);
    case IndexedField::kActorEmail: return View(e.actor.email);
    case IndexedField::kEntityId: return View(e.entity.id);
  }
  return std::nullopt;
}

}  // namespace trailkeep::model
