#include "store/rocksdb/field_layout.h"

namespace trailkeep::store::rocksdb_store {

std::optional<CountGrain> CountGrainOf(uint8_t field) {
  if (field == kAllField) return kMinuteGrain;
  switch (static_cast<model::IndexedField>(field)) {
    case model::IndexedField::kSuccess:
      return kMinuteGrain;
    case model::IndexedField::kKind:
    case model::IndexedField::kAction:
    case model::IndexedField::kCategory:
    case model::IndexedField::kActorId:
    case model::IndexedField::kActorName:
    case model::IndexedField::kActorEmail:
      return kHourGrain;
    case model::IndexedField::kEntityId:
      return std::nullopt;
  }
  return std::nullopt;
}

bool HasPostings(model::IndexedField f) { return f != model::IndexedField::kSuccess; }

}  // namespace trailkeep::store::rocksdb_store
