// GET /v1/events/export?format=ndjson|csv: the whole selection, streamed.
#include <memory>

#include "api/errors.h"
#include "api/native/native_api.h"
#include "api/native/selection_params.h"
#include "api/request_auth.h"
#include "export/export_stream.h"

namespace trailkeep::api {
namespace {

Response Export(ApiContext& ctx, Request& request) {
  auto caller = AuthorizeNative(request, ctx.tokens, "events.read");
  if (!caller.ok()) return NativeError(caller.status());
  auto sel = ParseNativeSelection(request, caller->tenant, ctx.clock, store::Order::kIdAsc);
  if (!sel.ok()) return NativeError(sel.status());
  std::string_view format = request.Param("format").value_or("ndjson");
  exporter::Format f;
  Response r;
  if (format == "ndjson") {
    f = exporter::Format::kNdjson;
    r.content_type = "application/x-ndjson";
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"events.ndjson\"");
  } else if (format == "csv") {
    f = exporter::Format::kCsv;
    r.content_type = "text/csv; charset=utf-8";
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"events.csv\"");
  } else {
    return NativeError(InvalidArgument("format: must be ndjson or csv"));
  }
  auto stream = std::make_shared<exporter::ExportStream>(ctx.store, std::move(sel->spec),
                                                         std::move(sel->selection), f);
  r.stream = [stream](std::string* chunk) { return stream->Next(chunk); };
  return r;
}

}  // namespace

void AddExportRoutes(Router& router, ApiContext& ctx) {
  router.Add("GET", "/v1/events/export", [&ctx](Request& r) { return Export(ctx, r); });
}

}  // namespace trailkeep::api
