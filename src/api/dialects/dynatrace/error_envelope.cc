#include "api/dialects/dynatrace/error_envelope.h"

#include "codec/json_writer.h"

namespace trailkeep::api::dialects::dynatrace {
namespace {

Response Envelope(int status, std::string_view message, const std::vector<Violation>* violations) {
  codec::JsonWriter w;
  w.BeginObject();
  w.Key("error");
  w.BeginObject();
  w.Key("code");
  w.Int(status);
  w.Key("message");
  w.String(message);
  if (violations) {
    w.Key("constraintViolations");
    w.BeginArray();
    for (const Violation& v : *violations) {
      w.BeginObject();
      w.Key("path");
      w.String(v.path);
      w.Key("message");
      w.String(v.message);
      w.Key("parameterLocation");
      w.String(v.location);
      w.Key("location");
      w.Null();
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
  w.EndObject();
  return JsonResponse(status, w.Take());
}

}  // namespace

Response JsonResponse(int status, std::string body) {
  Response r = Response::Json(status, std::move(body));
  r.content_type = std::string(kContentType);
  return r;
}

Response ErrorResponse(int status, std::string_view message) {
  return Envelope(status, message, nullptr);
}

Response ViolationsResponse(const std::vector<Violation>& violations) {
  return Envelope(400, "Constraints violated.", &violations);
}

}  // namespace trailkeep::api::dialects::dynatrace
