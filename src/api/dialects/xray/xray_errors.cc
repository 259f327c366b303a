#include "api/dialects/xray/xray_errors.h"

#include "api/errors.h"
#include "codec/json_writer.h"

namespace trailkeep::api::dialects::xray {

Response XrayError(int http_status, std::string_view message) {
  codec::JsonWriter w;
  w.BeginObject();
  w.Key("errors");
  w.BeginArray();
  w.BeginObject();
  w.Key("status");
  w.Int(http_status);
  w.Key("message");
  w.String(message);
  w.EndObject();
  w.EndArray();
  w.EndObject();
  return Response::Json(http_status, w.Take());
}

Response XrayError(const Status& status) {
  return XrayError(HttpStatusFor(status.code()), status.message());
}

}  // namespace trailkeep::api::dialects::xray
