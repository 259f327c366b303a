// POST /v1/events: a JSON array, one object, or NDJSON; all or nothing.
#include "api/errors.h"
#include "api/native/native_api.h"
#include "api/request_auth.h"
#include "base/lifo_pool.h"
#include "codec/event_json.h"
#include "codec/json_writer.h"
#include "crypto/hex.h"
#include "crypto/sha256.h"

namespace trailkeep::api {
namespace {

constexpr size_t kMaxIdempotencyKey = 256;

// The events of recent batches, up to 2,048 each, parsed into again by
// later native batches (codec::ParseEvents' `reuse`). Their strings keep at
// most ~4x what they hold (codec/event_json.cc), so the pool holds about as
// much as eight bodies: as much as one per worker thread (the default
// eight) kept before.
constexpr size_t kMaxRecycledEvents = 2048;

LifoPool<std::vector<model::Event>>& RecycledEvents() {
  static LifoPool<std::vector<model::Event>> pool(
      /*max_kept=*/8, kMaxRecycledEvents,
      [](const std::vector<model::Event>& events) { return events.size(); });
  return pool;
}

codec::InputFormat FormatFor(std::string_view content_type) {
  std::string_view media = content_type.substr(0, content_type.find(';'));
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  if (media == "application/x-ndjson" || media == "application/ndjson" ||
      media == "application/jsonlines") {
    return codec::InputFormat::kNdjson;
  }
  return codec::InputFormat::kAuto;
}

Response BatchError(const Status& status, const codec::EventError& e) {
  codec::JsonWriter w;
  w.BeginObject();
  w.Key("error");
  w.BeginObject();
  w.Key("code");
  w.String(NativeErrorCode(status.code()));
  w.Key("message");
  w.String(status.message());
  if (status.code() == StatusCode::kInvalidArgument) {
    w.Key("index");
    w.Uint(e.index);
    w.Key("field");
    w.String(e.field);
    w.Key("reason");
    w.String(e.reason);
  }
  w.EndObject();
  w.EndObject();
  return Response::Json(HttpStatusFor(status.code()), w.Take());
}

Response Ingest(ApiContext& ctx, Request& request) {
  auto caller = AuthorizeNative(request, ctx.tokens, "events.write");
  if (!caller.ok()) return NativeError(caller.status());
  std::string_view key = request.Header("Idempotency-Key");
  if (key.size() > kMaxIdempotencyKey) {
    return NativeError(InvalidArgument("Idempotency-Key: at most 256 characters"));
  }

  codec::EventError error;
  Result<std::vector<model::Event>> events = std::vector<model::Event>{};
  std::string_view format = request.Param("format").value_or("native");
  if (format == "native") {
    codec::ParseOptions options;
    options.format = FormatFor(request.Header("Content-Type"));
    options.max_events = ctx.limits.max_events_per_request;
    options.default_time = model::TimeMs{ctx.clock.NowMs()};
    events = codec::ParseEvents(request.body, options, &error, RecycledEvents().Take());
  } else if (const Importer* importer = FindImporter(ctx.importers, format)) {
    events = ImportBody(*importer, request.body, ctx.limits.max_events_per_request, &error);
  } else {
    std::string known = "native";
    for (const Importer* i : ctx.importers) known += ", " + std::string(i->format);
    return NativeError(InvalidArgument("format: unsupported import format '" + std::string(format) +
                                       "' (one of: " + known + ")"));
  }
  if (!events.ok()) return BatchError(events.status(), error);

  store::AppendBatch batch;
  batch.tenant = caller->tenant;
  batch.events = std::move(events).value();
  if (!key.empty()) {
    batch.idempotency_key = std::string(key);
    batch.request_hash = crypto::HexEncode(crypto::Sha256(request.body));
  }
  size_t n = batch.events.size();
  auto appended = ctx.store.Append(batch);
  // The store keeps nothing of the batch past Append (it copies what it
  // stores), so a later batch may overwrite these events' strings.
  RecycledEvents().Give(std::move(batch.events));
  if (!appended.ok()) {
    if (appended.status().code() == StatusCode::kAlreadyExists) {
      return NativeError(409, "conflict",
                         "Idempotency-Key was already used with a different request body");
    }
    return NativeError(appended.status());
  }
  if (!appended->replayed) ctx.metrics.AddEventsIngested(n);

  codec::JsonWriter w;
  w.BeginObject();
  w.Key("ids");
  w.BeginArray();
  for (model::EventId id : appended->ids) w.Uint(id.value);
  w.EndArray();
  w.EndObject();
  Response r = Response::Json(appended->replayed ? 200 : 201, w.Take());
  if (appended->replayed) r.headers.emplace_back("Idempotent-Replayed", "true");
  return r;
}

}  // namespace

void AddIngestRoutes(Router& router, ApiContext& ctx) {
  router.Add("POST", "/v1/events", [&ctx](Request& r) { return Ingest(ctx, r); });
}

}  // namespace trailkeep::api
