#include "store/rocksdb/field_layout.h"

namespace trailkeep::store::rocksdb_store {

std::optional<GrainChain> CountGrainsOf(uint8_t field) {
  if (field == kAllField) return kMinuteHourDayChain;
  switch (static_cast<model::IndexedField>(field)) {
    case model::IndexedField::kSuccess:
      return kMinuteHourDayChain;
    case model::IndexedField::kKind:
    case model::IndexedField::kAction:
    case model::IndexedField::kCategory:
      return kHourDayChain;
    case model::IndexedField::kActorId:
    case model::IndexedField::kActorName:
    case model::IndexedField::kActorEmail:
    case model::IndexedField::kEntityId:
      return std::nullopt;
  }
  return std::nullopt;
}

bool HasPostings(model::IndexedField f) { return f != model::IndexedField::kSuccess; }

bool HasBlockPostings(model::IndexedField f) {
  switch (f) {
    case model::IndexedField::kActorId:
    case model::IndexedField::kActorName:
    case model::IndexedField::kActorEmail:
    case model::IndexedField::kEntityId:
      return true;
    default:
      return false;
  }
}

}  // namespace trailkeep::store::rocksdb_store
