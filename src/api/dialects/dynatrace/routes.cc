// GET /api/v2/auditlogs and GET /api/v2/auditlogs/{id}, also under
// /e/{environmentId} and /platform/classic/environment-api/v2: the Dynatrace
// Environment API v2 audit log as a view over every event of the
// environment (tenant). Behaviour: docs/dialects/dynatrace.md.
#include <memory>

#include "api/dialects/dialects.h"
#include "api/dialects/dynatrace/audit_log_query.h"
#include "api/dialects/dynatrace/caller.h"
#include "api/dialects/dynatrace/entry_json.h"
#include "api/dialects/dynatrace/error_envelope.h"
#include "api/dialects/dynatrace/list_params.h"
#include "api/dialects/dynatrace/page_key.h"
#include "api/errors.h"
#include "codec/canonical.h"
#include "codec/json_writer.h"
#include "crypto/random.h"

namespace trailkeep::api::dialects {
namespace {

using namespace dynatrace;  // NOLINT: this file is the dialect's front door

Response StoreError(const Status& status) {
  return ErrorResponse(HttpStatusFor(status.code()), status.message());
}

std::string PageJson(const PageKey& query, const AuditPage& page, const PageKeyCodec& codec) {
  codec::JsonWriter w;
  w.BeginObject();
  w.Key("totalCount");
  w.Uint(query.total);
  w.Key("pageSize");
  w.Uint(query.page_size);
  w.Key("nextPageKey");
  if (page.more && !page.entries.empty()) {
    PageKey next = query;
    next.last_time_ms = page.entries.back().time.ms;
    next.last_id = page.entries.back().id.value;
    w.String(codec.Encode(next));
  } else {
    w.Null();
  }
  w.Key("auditLogs");
  w.BeginArray();
  std::string entry;
  for (const model::Event& e : page.entries) {
    entry.clear();
    AppendEntryJson(e, &entry);
    w.Raw(entry);
  }
  w.EndArray();
  w.EndObject();
  return w.Take();
}

class AuditLogApi {
 public:
  AuditLogApi(ApiContext& ctx, std::string secret) : ctx_(ctx), codec_(std::move(secret)) {}

  Response List(const Request& request) const {
    auto authorized = AuthorizeAuditLogRead(request, ctx_.tokens);
    if (auto* r = std::get_if<Response>(&authorized)) return std::move(*r);
    const auth::Principal& principal = std::get<auth::Principal>(authorized);
    if (request.HasParam("nextPageKey")) return NextPage(request, principal);

    auto env = SelectEnvironment(request, principal);
    if (auto* r = std::get_if<Response>(&env)) return std::move(*r);
    ListParams params;
    std::vector<Violation> violations;
    if (!ParseListParams(request, ctx_.clock.NowMs(), &params, &violations)) {
      return ViolationsResponse(violations);
    }
    PageKey query;
    query.tenant = std::get<model::TenantId>(env).value;
    query.from_ms = params.from.ms;
    query.to_ms = params.to.ms;
    query.page_size = params.page_size;
    query.oldest_first = params.oldest_first;
    query.filter_text = params.filter_text;
    auto frozen = FreezeQuery(ctx_.store, query, params.filter);
    if (!frozen.ok()) return StoreError(frozen.status());
    query.max_id = frozen->max_id;
    query.total = frozen->total;
    query.user_by_id = frozen->user_by_id;
    return Page(query, query.user_by_id ? params.filter.WithUserById() : params.filter);
  }

  Response GetOne(const Request& request) const {
    auto authorized = AuthorizeAuditLogRead(request, ctx_.tokens);
    if (auto* r = std::get_if<Response>(&authorized)) return std::move(*r);
    auto env = SelectEnvironment(request, std::get<auth::Principal>(authorized));
    if (auto* r = std::get_if<Response>(&env)) return std::move(*r);
    std::string_view id_text = request.PathParam("id");
    bool digits = !id_text.empty() && id_text.size() <= 19 &&
                  id_text.find_first_not_of("0123456789") == std::string_view::npos;
    if (!digits) return ViolationsResponse({{"id", "Invalid ID format", "PATH"}});
    const uint64_t id = std::stoull(std::string(id_text));
    auto stored = ctx_.store.Get(std::get<model::TenantId>(env), model::EventId{id});
    if (!stored.ok()) return StoreError(stored.status());
    if (!stored->has_value()) {
      return ErrorResponse(404, "Audit log entry with ID " + std::string(id_text) + " not found");
    }
    auto event = codec::ParseCanonical(**stored);
    if (!event.ok()) return StoreError(Internal(event.status().message()));
    return JsonResponse(200, EntryJson(*event));
  }

 private:
  Response NextPage(const Request& request, const auth::Principal& principal) const {
    std::vector<Violation> extra = ExtraParamsWithPageKey(request);
    if (!extra.empty()) return ViolationsResponse(extra);
    const Violation invalid{"nextPageKey", "invalid nextPageKey: not issued by this server for "
                                           "this environment, or altered"};
    auto key = codec_.Decode(*request.Param("nextPageKey"));
    if (!key.ok()) return ViolationsResponse({invalid});
    auto env = SelectEnvironment(request, principal, key->tenant);
    if (auto* r = std::get_if<Response>(&env)) return std::move(*r);
    if (std::get<model::TenantId>(env).value != key->tenant) return ViolationsResponse({invalid});
    auto filter = ParseAuditFilter(key->filter_text);
    if (!filter.ok()) return ViolationsResponse({invalid});
    return Page(*key, key->user_by_id ? filter->WithUserById() : *filter);
  }

  Response Page(const PageKey& query, const AuditFilter& filter) const {
    auto page = FetchAuditPage(ctx_.store, query, filter);
    if (!page.ok()) return StoreError(page.status());
    return JsonResponse(200, PageJson(query, *page, codec_));
  }

  ApiContext& ctx_;
  PageKeyCodec codec_;
};

std::string PageKeySecret(ApiContext& ctx) {
  if (auto secret = LoadOrCreatePageKeySecret(ctx.store.Meta()); secret.ok()) return *secret;
  // Without a stored secret, keys still work until this process exits.
  if (auto random = crypto::RandomBytes(32); random.ok()) return *random;
  return std::to_string(ctx.clock.NowMs());
}

}  // namespace

void AddDynatraceRoutes(Router& router, ApiContext& ctx) {
  auto api = std::make_shared<AuditLogApi>(ctx, PageKeySecret(ctx));
  for (std::string_view prefix :
       {"/api/v2", "/e/{environmentId}/api/v2", "/platform/classic/environment-api/v2"}) {
    std::string base = std::string(prefix) + "/auditlogs";
    router.Add("GET", base, [api](Request& r) { return api->List(r); });
    router.Add("GET", base + "/{id}", [api](Request& r) { return api->GetOne(r); });
  }
  // Unknown paths in Dynatrace's namespaces get its ErrorEnvelope. Not all of
  // /api/v2: /api/v2/logs belongs to the Opsera dialect.
  for (std::string_view prefix :
       {"/api/v2/auditlogs", "/e/{environmentId}", "/platform/classic/environment-api"}) {
    router.SetNotFound(prefix, [](Request&) { return ErrorResponse(404, "HTTP 404 Not Found"); });
  }
}

}  // namespace trailkeep::api::dialects
