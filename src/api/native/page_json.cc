#include "api/native/page_json.h"

#include "codec/json_writer.h"

namespace trailkeep::api {

std::string PageJson(const query::Page& page, std::optional<uint64_t> next_after,
                     std::optional<uint64_t> total) {
  codec::JsonWriter w;
  w.BeginObject();
  w.Key("events");
  w.BeginArray();
  for (const auto& e : page.events) w.Raw(e.canonical);
  w.EndArray();
  w.Key("next_after");
  if (next_after) {
    w.Uint(*next_after);
  } else {
    w.Null();
  }
  if (total) {
    w.Key("total");
    w.Uint(*total);
  }
  w.EndObject();
  return w.Take();
}

}  // namespace trailkeep::api
