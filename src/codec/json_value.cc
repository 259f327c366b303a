#include "codec/json_value.h"

#include <simdjson.h>

#include "codec/json_writer.h"

namespace trailkeep::codec {
namespace {

constexpr int kMaxDepth = 64;

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

Status Malformed(simdjson::error_code ec) {
  return InvalidArgument(std::string("malformed JSON: ") + simdjson::error_message(ec));
}

// On-demand values keep each number's text as written (the DOM would
// re-print 1.50 as 1.5), so records read back byte for byte.
template <typename V>
Result<JsonValue> Convert(V& value, int depth) {
  if (depth > kMaxDepth) return InvalidArgument("JSON nested too deeply");
  JsonValue v;
  simdjson::ondemand::json_type type;
  if (auto ec = value.type().get(type)) return Malformed(ec);
  switch (type) {
    case simdjson::ondemand::json_type::null: {
      bool is_null = false;
      if (auto ec = value.is_null().get(is_null); ec || !is_null) return Malformed(simdjson::INCORRECT_TYPE);
      v.type = JsonValue::Type::kNull;
      break;
    }
    case simdjson::ondemand::json_type::boolean:
      v.type = JsonValue::Type::kBool;
      if (auto ec = value.get_bool().get(v.boolean)) return Malformed(ec);
      break;
    case simdjson::ondemand::json_type::number: {
      v.type = JsonValue::Type::kNumber;
      std::string_view raw = TrimRight(value.raw_json_token());
      if (auto ec = value.get_double().get(v.number)) return Malformed(ec);
      v.string = std::string(raw);
      break;
    }
    case simdjson::ondemand::json_type::string: {
      v.type = JsonValue::Type::kString;
      std::string_view text;
      if (auto ec = value.get_string().get(text)) return Malformed(ec);
      v.string = std::string(text);
      break;
    }
    case simdjson::ondemand::json_type::array: {
      v.type = JsonValue::Type::kArray;
      simdjson::ondemand::array array;
      if (auto ec = value.get_array().get(array)) return Malformed(ec);
      for (auto item : array) {
        simdjson::ondemand::value element;
        if (auto ec = item.get(element)) return Malformed(ec);
        TK_ASSIGN_OR_RETURN(JsonValue child, Convert(element, depth + 1));
        v.items.push_back(std::move(child));
      }
      break;
    }
    case simdjson::ondemand::json_type::object: {
      v.type = JsonValue::Type::kObject;
      simdjson::ondemand::object object;
      if (auto ec = value.get_object().get(object)) return Malformed(ec);
      for (auto field : object) {
        std::string_view key;
        if (auto ec = field.unescaped_key().get(key)) return Malformed(ec);
        std::string name(key);
        simdjson::ondemand::value member;
        if (auto ec = field.value().get(member)) return Malformed(ec);
        TK_ASSIGN_OR_RETURN(JsonValue child, Convert(member, depth + 1));
        v.members.emplace_back(std::move(name), std::move(child));
      }
      break;
    }
  }
  return v;
}

}  // namespace

const JsonValue* JsonValue::Find(std::string_view key) const {
  for (const auto& [k, v] : members) {
    if (k == key) return &v;
  }
  return nullptr;
}

Result<JsonValue> ParseJsonValue(std::string_view text) {
  simdjson::ondemand::parser parser;
  simdjson::padded_string padded(text);
  simdjson::ondemand::document doc;
  if (auto ec = parser.iterate(padded).get(doc)) return Malformed(ec);
  auto result = Convert(doc, 0);
  if (!result.ok()) return result;
  // current_location() fails with OUT_OF_BOUNDS exactly when the whole
  // input was consumed.
  const char* rest = nullptr;
  if (!doc.current_location().get(rest)) {
    return InvalidArgument("malformed JSON: trailing content after the value");
  }
  return result;
}

void AppendJson(const JsonValue& v, std::string* out) {
  switch (v.type) {
    case JsonValue::Type::kNull:
      out->append("null");
      break;
    case JsonValue::Type::kBool:
      out->append(v.boolean ? "true" : "false");
      break;
    case JsonValue::Type::kNumber:
      out->append(v.string);
      break;
    case JsonValue::Type::kString:
      AppendJsonString(v.string, out);
      break;
    case JsonValue::Type::kArray:
      out->push_back('[');
      for (size_t i = 0; i < v.items.size(); ++i) {
        if (i > 0) out->push_back(',');
        AppendJson(v.items[i], out);
      }
      out->push_back(']');
      break;
    case JsonValue::Type::kObject:
      out->push_back('{');
      for (size_t i = 0; i < v.members.size(); ++i) {
        if (i > 0) out->push_back(',');
        AppendJsonString(v.members[i].first, out);
        out->push_back(':');
        AppendJson(v.members[i].second, out);
      }
      out->push_back('}');
      break;
  }
}

std::string ToJson(const JsonValue& v) {
  std::string out;
  AppendJson(v, &out);
  return out;
}

}  // namespace trailkeep::codec
