#include "codec/json_path.h"

#include <simdjson.h>

namespace trailkeep::codec {

namespace {

namespace od = simdjson::ondemand;

// The value of `key` in `obj` (keys compared unescaped; the first match wins).
bool FindKey(od::object obj, std::string_view key, od::value* out) {
  for (auto fr : obj) {
    od::field f;
    std::string_view k;
    if (std::move(fr).get(f) || f.unescaped_key().get(k)) return false;
    if (k == key) {
      *out = f.value();
      return true;
    }
  }
  return false;
}

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::optional<std::string> ScalarText(od::value v) {
  od::json_type type;
  if (v.type().get(type)) return std::nullopt;
  switch (type) {
    case od::json_type::string: {
      std::string_view s;
      if (v.get_string().get(s)) return std::nullopt;
      return std::string(s);
    }
    case od::json_type::number: {
      // Validate, then return the digits exactly as written.
      double ignored;
      if (v.get_double().get(ignored)) return std::nullopt;
      return std::string(TrimRight(v.raw_json_token()));
    }
    case od::json_type::boolean: {
      bool b;
      if (v.get_bool().get(b)) return std::nullopt;
      return std::string(b ? "true" : "false");
    }
    case od::json_type::null:
      return std::string("null");
    default:
      return std::nullopt;  // object or array
  }
}

}  // namespace

std::optional<std::string> AttributeValue(std::string_view attributes_json, std::string_view path) {
  if (path.empty()) return std::nullopt;
  // Reused per thread: filters call this once per candidate event.
  thread_local od::parser parser;
  thread_local std::string buffer;
  buffer.assign(attributes_json);
  buffer.reserve(attributes_json.size() + simdjson::SIMDJSON_PADDING);

  od::document doc;
  od::object obj;
  if (parser.iterate(buffer.data(), buffer.size(), buffer.capacity()).get(doc) ||
      doc.get_object().get(obj)) {
    return std::nullopt;
  }
  od::value v;
  size_t start = 0;
  while (true) {
    const size_t dot = path.find('.', start);
    const std::string_view key = path.substr(start, dot - start);
    if (!FindKey(obj, key, &v)) return std::nullopt;
    if (dot == std::string_view::npos) return ScalarText(v);
    if (v.get_object().get(obj)) return std::nullopt;  // leads through a non-object
    start = dot + 1;
  }
}

}  // namespace trailkeep::codec
