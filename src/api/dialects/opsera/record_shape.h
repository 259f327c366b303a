// The three Opsera record kinds and where each vendor field lives in the
// canonical event. One table per kind drives both directions: the importer
// (vendor record → event) and the renderer (event → vendor record), so the
// two cannot disagree. The mapping is written down in docs/dialects/opsera.md.
//
// Thread safety: constants and pure functions.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "codec/json_value.h"
#include "model/event.h"

namespace trailkeep::api::dialects::opsera {

// The canonical kinds the Opsera endpoints show.
inline constexpr std::string_view kKindUserAction = "user.action";
inline constexpr std::string_view kKindTokenUse = "token.use";
inline constexpr std::string_view kKindPipelineActivity = "pipeline.activity";

// The envelope field a vendor field maps to. kAttribute: kept in
// `attributes` under the vendor name. kAccount: the tenant (rendered only;
// an imported `account` is kept in attributes so it reads back as sent).
enum class Slot { kAttribute, kAccount, kAction, kCategory, kActorId, kActorEmail,
                  kEntityId, kEntityName, kMessage };

struct FieldSpec {
  std::string_view name;  // the vendor's field name
  Slot slot;
};

struct RecordShape {
  std::string_view kind;
  // Vendor fields in the vendor's order, without `_id`, `createdAt`,
  // `updatedAt` and `__v` (always first / last, see render.h).
  std::span<const FieldSpec> fields;
  // The canonical `action` for kinds whose records carry none ("use" for
  // token records); empty when `action` is a vendor field.
  std::string_view fixed_action;
};

const RecordShape& UserActionShape();
const RecordShape& TokenUseShape();
const RecordShape& PipelineShape();

// The shape whose kind is `kind`, or nullptr.
const RecordShape* ShapeForKind(std::string_view kind);

// The shape of an imported record, by its members (documented rule):
// any of pipeline_id, tool_identifier, step_id, step_index, step_name,
// step_configuration, api_response, run_count → pipeline; else token_id or
// scope → token; else user action.
const RecordShape& DetectShape(const codec::JsonValue& record);

// The longest string a slot accepts (the canonical input limits).
size_t SlotMaxBytes(Slot slot);

// The event's value for `slot`, or nullopt when unset. kAccount and
// kAttribute have no envelope value (nullopt).
std::optional<std::string_view> SlotValue(const model::Event& e, Slot slot);
// Sets the event's `slot` to `value`. REQUIRES: slot is not kAccount/kAttribute.
void SetSlot(model::Event* e, Slot slot, std::string value);

}  // namespace trailkeep::api::dialects::opsera
