// GET /healthz and GET /metrics (unauthenticated: no tenant data in either).
#include "api/native/native_api.h"

namespace trailkeep::api {

void AddOpsRoutes(Router& router, ApiContext& ctx) {
  router.Add("GET", "/healthz", [&ctx](Request&) {
    return Response::Json(200, "{\"status\":\"ok\",\"last_id\":" +
                                   std::to_string(ctx.store.LastCommittedId().value) + "}");
  });
  router.Add("GET", "/metrics", [&ctx](Request&) {
    Metrics::Gauges g;
    g.store_size_bytes = ctx.store.ApproximateSizeBytes();
    g.last_event_id = ctx.store.LastCommittedId().value;
    g.store_background_work = ctx.store.BackgroundWorkPending();
    g.store_index_buffer_bytes = ctx.store.BufferedIndexBytes();
    g.store_record_buffer_bytes = ctx.store.BufferedRecordBytes();
    const store::WriteVolume written = ctx.store.WrittenSinceOpen();
    g.store_written_entries = written.entries;
    g.store_written_bytes = written.bytes;
    Response r = Response::Json(200, ctx.metrics.Render(g));
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    return r;
  });
}

void AddNativeRoutes(Router& router, ApiContext& ctx) {
  AddOpsRoutes(router, ctx);
  AddIngestRoutes(router, ctx);
  AddExportRoutes(router, ctx);
  AddTailRoutes(router, ctx);
  AddReadRoutes(router, ctx);
  AddTokenRoutes(router, ctx);
  AddAccessKeyRoutes(router, ctx);
}

}  // namespace trailkeep::api
