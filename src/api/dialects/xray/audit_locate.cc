#include "api/dialects/xray/audit_locate.h"

namespace trailkeep::api::dialects::xray {
namespace {

query::OffsetWindow ViewWindow(const AuditWindow& w, store::Order asc, store::Order desc) {
  return query::OffsetWindow{w.tenant, w.from, w.to, CurationKindMatch(), w.ascending ? asc : desc};
}

}  // namespace

Result<ScanStart> LocateById(store::EventStore& store, const AuditWindow& w, uint64_t offset) {
  return query::LocateOffset(store, ViewWindow(w, store::Order::kIdAsc, store::Order::kIdDesc),
                             offset);
}

Result<ScanStart> LocateByTime(store::EventStore& store, const AuditWindow& w, uint64_t offset) {
  return query::LocateOffset(store, ViewWindow(w, store::Order::kTimeAsc, store::Order::kTimeDesc),
                             offset);
}

}  // namespace trailkeep::api::dialects::xray
