#include "codec/json_value.h"

#include <simdjson.h>

#include "codec/json_writer.h"

namespace trailkeep::codec {
namespace {

constexpr int kMaxDepth = 64;

Result<JsonValue> Convert(simdjson::dom::element e, int depth) {
  if (depth > kMaxDepth) return InvalidArgument("JSON nested too deeply");
  JsonValue v;
  switch (e.type()) {
    case simdjson::dom::element_type::NULL_VALUE:
      v.type = JsonValue::Type::kNull;
      break;
    case simdjson::dom::element_type::BOOL:
      v.type = JsonValue::Type::kBool;
      v.boolean = e.get_bool().value_unsafe();
      break;
    case simdjson::dom::element_type::INT64:
    case simdjson::dom::element_type::UINT64:
    case simdjson::dom::element_type::DOUBLE:
      v.type = JsonValue::Type::kNumber;
      v.number = e.get_double().value_unsafe();
      v.string = simdjson::minify(e);
      break;
    case simdjson::dom::element_type::STRING:
      v.type = JsonValue::Type::kString;
      v.string = std::string(e.get_string().value_unsafe());
      break;
    case simdjson::dom::element_type::ARRAY:
      v.type = JsonValue::Type::kArray;
    {
      simdjson::dom::array array;
      if (e.get_array().get(array)) return InvalidArgument("malformed JSON array");
      for (simdjson::dom::element item : array) {
        TK_ASSIGN_OR_RETURN(JsonValue child, Convert(item, depth + 1));
        v.items.push_back(std::move(child));
      }
      break;
    }
    case simdjson::dom::element_type::OBJECT:
      v.type = JsonValue::Type::kObject;
    {
      simdjson::dom::object object;
      if (e.get_object().get(object)) return InvalidArgument("malformed JSON object");
      for (simdjson::dom::key_value_pair kv : object) {
        TK_ASSIGN_OR_RETURN(JsonValue child, Convert(kv.value, depth + 1));
        v.members.emplace_back(std::string(kv.key), std::move(child));
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
  simdjson::dom::parser parser;
  simdjson::padded_string padded(text);
  simdjson::dom::element root;
  auto error = parser.parse(padded).get(root);
  if (error) return InvalidArgument(std::string("malformed JSON: ") + simdjson::error_message(error));
  return Convert(root, 0);
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
