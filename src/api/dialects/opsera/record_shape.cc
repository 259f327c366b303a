#include "api/dialects/opsera/record_shape.h"

#include <array>

namespace trailkeep::api::dialects::opsera {
namespace {

constexpr std::array<FieldSpec, 6> kUserActionFields = {{
    {"user_id", Slot::kActorId},
    {"user_email", Slot::kActorEmail},
    {"type", Slot::kCategory},
    {"action", Slot::kAction},
    {"target_id", Slot::kEntityId},
    {"account", Slot::kAccount},
}};

constexpr std::array<FieldSpec, 5> kTokenUseFields = {{
    {"token_id", Slot::kEntityId},
    {"scope", Slot::kCategory},
    {"target", Slot::kEntityName},
    {"user_id", Slot::kActorId},
    {"account", Slot::kAccount},
}};

constexpr std::array<FieldSpec, 13> kPipelineFields = {{
    {"user_id", Slot::kActorId},
    {"pipeline_id", Slot::kEntityId},
    {"tool_identifier", Slot::kCategory},
    {"step_id", Slot::kAttribute},
    {"step_index", Slot::kAttribute},
    {"step_name", Slot::kAttribute},
    {"step_configuration", Slot::kAttribute},
    {"action", Slot::kAction},
    {"api_response", Slot::kAttribute},
    {"message", Slot::kMessage},
    {"status", Slot::kAttribute},
    {"run_count", Slot::kAttribute},
    {"account", Slot::kAttribute},
}};

constexpr std::array<std::string_view, 8> kPipelineMarkers = {
    "pipeline_id", "tool_identifier", "step_id",     "step_index",
    "step_name",   "step_configuration", "api_response", "run_count"};

}  // namespace

const RecordShape& UserActionShape() {
  static const RecordShape shape{kKindUserAction, kUserActionFields, ""};
  return shape;
}

const RecordShape& TokenUseShape() {
  static const RecordShape shape{kKindTokenUse, kTokenUseFields, "use"};
  return shape;
}

const RecordShape& PipelineShape() {
  static const RecordShape shape{kKindPipelineActivity, kPipelineFields, ""};
  return shape;
}

const RecordShape* ShapeForKind(std::string_view kind) {
  for (const RecordShape* s : {&UserActionShape(), &TokenUseShape(), &PipelineShape()}) {
    if (s->kind == kind) return s;
  }
  return nullptr;
}

const RecordShape& DetectShape(const codec::JsonValue& record) {
  for (std::string_view marker : kPipelineMarkers) {
    if (record.Find(marker)) return PipelineShape();
  }
  if (record.Find("token_id") || record.Find("scope")) return TokenUseShape();
  return UserActionShape();
}

size_t SlotMaxBytes(Slot slot) {
  switch (slot) {
    case Slot::kAction: return 256;
    case Slot::kCategory: return 256;
    case Slot::kMessage: return 65536;
    case Slot::kActorId:
    case Slot::kActorEmail:
    case Slot::kEntityId:
    case Slot::kEntityName: return 1024;
    case Slot::kAccount:
    case Slot::kAttribute: return 0;
  }
  return 0;
}

std::optional<std::string_view> SlotValue(const model::Event& e, Slot slot) {
  auto view = [](const std::optional<std::string>& s) -> std::optional<std::string_view> {
    if (!s) return std::nullopt;
    return std::string_view(*s);
  };
  switch (slot) {
    case Slot::kAction: return std::string_view(e.action);
    case Slot::kCategory: return view(e.category);
    case Slot::kActorId: return view(e.actor.id);
    case Slot::kActorEmail: return view(e.actor.email);
    case Slot::kEntityId: return view(e.entity.id);
    case Slot::kEntityName: return view(e.entity.name);
    case Slot::kMessage: return view(e.message);
    case Slot::kAccount:
    case Slot::kAttribute: return std::nullopt;
  }
  return std::nullopt;
}

void SetSlot(model::Event* e, Slot slot, std::string value) {
  switch (slot) {
    case Slot::kAction: e->action = std::move(value); return;
    case Slot::kCategory: e->category = std::move(value); return;
    case Slot::kActorId: e->actor.id = std::move(value); return;
    case Slot::kActorEmail: e->actor.email = std::move(value); return;
    case Slot::kEntityId: e->entity.id = std::move(value); return;
    case Slot::kEntityName: e->entity.name = std::move(value); return;
    case Slot::kMessage: e->message = std::move(value); return;
    case Slot::kAccount:
    case Slot::kAttribute: return;
  }
}

}  // namespace trailkeep::api::dialects::opsera
