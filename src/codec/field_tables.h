// Internal to codec: the nested string fields of an event (actor.*, entity.*)
// in canonical order, shared by the canonical writer/reader and input parser.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/event.h"

namespace trailkeep::codec::internal {

template <typename T>
struct StringMember {
  std::string_view name;
  std::optional<std::string> T::*member;
};

inline constexpr StringMember<model::Actor> kActorFields[] = {
    {"id", &model::Actor::id},
    {"name", &model::Actor::name},
    {"email", &model::Actor::email},
    {"type", &model::Actor::type},
    {"origin", &model::Actor::origin},
    {"ip", &model::Actor::ip},
    {"user_agent", &model::Actor::user_agent},
};

inline constexpr StringMember<model::Entity> kEntityFields[] = {
    {"id", &model::Entity::id},
    {"type", &model::Entity::type},
    {"name", &model::Entity::name},
    {"version", &model::Entity::version},
};

// The member of T named `name`, or nullptr.
template <typename T, size_t N>
std::optional<std::string> T::*FindMember(const StringMember<T> (&table)[N],
                                          std::string_view name) {
  for (const auto& f : table) {
    if (f.name == name) return f.member;
  }
  return nullptr;
}

}  // namespace trailkeep::codec::internal
