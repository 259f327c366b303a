#include "api/dialects/dynatrace/mapping.h"

#include <array>

namespace trailkeep::api::dialects::dynatrace {
namespace {

constexpr std::array<std::string_view, 11> kEnvelopeFields = {
    "logId", "eventType",  "category",  "entityId", "environmentId", "user",
    "userType", "userOrigin", "timestamp", "success",  "message"};

std::optional<std::string_view> View(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  return std::string_view(*s);
}

}  // namespace

bool IsEnvelopeField(std::string_view name) {
  for (std::string_view f : kEnvelopeFields) {
    if (f == name) return true;
  }
  return false;
}

std::optional<std::string_view> UserOf(const model::Event& e) {
  if (e.actor.id) return View(e.actor.id);
  if (e.actor.email) return View(e.actor.email);
  return View(e.actor.name);
}

std::string_view UserTypeOf(const model::Event& e) {
  return e.actor.type ? std::string_view(*e.actor.type) : std::string_view("USER_NAME");
}

std::optional<std::string_view> UserOriginOf(const model::Event& e) {
  if (e.actor.origin) return View(e.actor.origin);
  return View(e.actor.ip);
}

std::vector<std::pair<std::string, codec::JsonValue>> ExtrasOf(const model::Event& e) {
  std::vector<std::pair<std::string, codec::JsonValue>> out;
  if (e.attributes.empty()) return out;
  auto attributes = codec::ParseJsonValue(e.attributes);
  if (!attributes.ok() || attributes->type != codec::JsonValue::Type::kObject) return out;
  const codec::JsonValue* extras = attributes->Find(kExtrasKey);
  if (extras && extras->type == codec::JsonValue::Type::kObject) {
    for (const auto& [name, value] : extras->members) {
      if (!IsEnvelopeField(name)) out.emplace_back(name, value);
    }
    return out;
  }
  if (const codec::JsonValue* patch = attributes->Find("patch")) out.emplace_back("patch", *patch);
  return out;
}

std::optional<std::string> ExtraStringOf(const model::Event& e, std::string_view name) {
  for (auto& [key, value] : ExtrasOf(e)) {
    if (key == name && value.type == codec::JsonValue::Type::kString) return std::move(value.string);
  }
  return std::nullopt;
}

std::string_view KindForCategory(std::optional<std::string_view> category) {
  if (category == "WEB_UI") return "user.action";
  if (category == "CONFIG") return "config.change";
  if (category == "TOKEN" || category == "ACTIVEGATE_TOKEN") return "token.use";
  return "dynatrace.audit";
}

}  // namespace trailkeep::api::dialects::dynatrace
