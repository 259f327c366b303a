#include "api/dialects/xray/audit_record.h"

#include <array>
#include <utility>

#include "api/dialects/xray/audit_params.h"
#include "codec/canonical.h"

namespace trailkeep::api::dialects::xray {
namespace {

using codec::JsonValue;

const std::string* Opt(const std::optional<std::string>& v) { return v ? &*v : nullptr; }

// The envelope-held field `name`, or nullptr when `name` is not one.
// `*held` tells whether it is an envelope field at all.
const std::string* EnvelopeValue(const model::Event& e, std::string_view name, bool* held) {
  *held = true;
  if (name == "action") return &e.action;
  if (name == "package_type") return e.entity.type ? &*e.entity.type : Opt(e.category);
  if (name == "package_name") return Opt(e.entity.name);
  if (name == "package_version") return Opt(e.entity.version);
  if (name == "package_url") return Opt(e.entity.id);
  if (name == "reason") return Opt(e.reason);
  if (name == "username") return Opt(e.actor.name);
  if (name == "user_mail") return Opt(e.actor.email);
  *held = false;
  return nullptr;
}

bool IsDryRun(const JsonValue& policy) {
  const JsonValue* d = policy.Find("dry_run");
  return d && d->type == JsonValue::Type::kBool && d->boolean;
}

void WritePolicy(const JsonValue& policy, bool explanations, codec::JsonWriter* w) {
  w->BeginObject();
  bool has_expl = false, has_rec = false;
  for (const auto& [key, value] : policy.members) {
    bool extra = key == "explanation" || key == "recommendation";
    if (extra && !explanations) continue;
    has_expl |= key == "explanation";
    has_rec |= key == "recommendation";
    w->Key(key);
    w->Raw(codec::ToJson(value));
  }
  if (explanations && !has_expl) w->Key("explanation"), w->String("");
  if (explanations && !has_rec) w->Key("recommendation"), w->String("");
  w->EndObject();
}

// Spec order of the AuditEvent fields after id and created_at.
constexpr std::array<std::string_view, 17> kFieldOrder = {"action",
                                                          "package_type",
                                                          "package_name",
                                                          "package_version",
                                                          "package_url",
                                                          "reason",
                                                          "curated_repository_server_name",
                                                          "curated_repository_name",
                                                          "curated_project",
                                                          "username",
                                                          "user_mail",
                                                          "origin_repository_server_name",
                                                          "origin_repository_name",
                                                          "origin_project",
                                                          "public_repo_url",
                                                          "public_repo_name",
                                                          "policies"};

bool IsFixedField(std::string_view key) {
  if (key == "id" || key == "created_at") return true;
  for (std::string_view f : kFieldOrder) {
    if (f == key) return true;
  }
  return false;
}

}  // namespace

std::string ScalarText(const JsonValue& v) {
  switch (v.type) {
    case JsonValue::Type::kString:
      return v.string;
    case JsonValue::Type::kNumber:
      return v.string;
    case JsonValue::Type::kBool:
      return v.boolean ? "true" : "false";
    case JsonValue::Type::kNull:
      return "";
    default:
      return codec::ToJson(v);
  }
}

bool IsEnvelopeField(std::string_view name) {
  static const model::Event empty;
  bool held = false;
  EnvelopeValue(empty, name, &held);
  return held || name == "id" || name == "created_at";
}

Result<AuditRecord> ParseAuditRecord(std::string_view canonical) {
  auto event = codec::ParseCanonical(canonical);
  if (!event.ok()) return Internal("stored event does not parse: " + event.status().message());
  AuditRecord record{std::move(event).value(), JsonValue{}};
  record.attributes.type = JsonValue::Type::kObject;
  if (!record.event.attributes.empty()) {
    auto attributes = codec::ParseJsonValue(record.event.attributes);
    if (!attributes.ok()) return Internal("stored attributes do not parse");
    record.attributes = std::move(attributes).value();
  }
  return record;
}

bool MayHaveDryRunPolicy(std::string_view canonical) {
  // A key spelled with \u escapes would hide from the text search: "maybe".
  return canonical.find("\"dry_run\":true") != std::string_view::npos ||
         canonical.find("\\u") != std::string_view::npos;
}

std::vector<JsonValue> PoliciesOfView(const AuditRecord& record, bool dry_run) {
  std::vector<JsonValue> out;
  const JsonValue* policies = record.attributes.Find("policies");
  if (!policies || policies->type != JsonValue::Type::kArray) return out;
  for (const JsonValue& p : policies->items) {
    if (p.type == JsonValue::Type::kObject && IsDryRun(p) == dry_run) out.push_back(p);
  }
  return out;
}

std::string FieldText(const AuditRecord& record, std::string_view name) {
  bool held = false;
  const std::string* v = EnvelopeValue(record.event, name, &held);
  if (held) return v ? *v : std::string();
  const JsonValue* a = record.attributes.Find(name);
  return a ? ScalarText(*a) : std::string();
}

std::string SortKey(const AuditRecord& record, OrderColumn column) {
  switch (column) {
    case OrderColumn::kAction:
      return FieldText(record, "action");
    case OrderColumn::kPackageType:
      return FieldText(record, "package_type");
    case OrderColumn::kPackageName:
      return FieldText(record, "package_name");
    case OrderColumn::kPackageVersion:
      return FieldText(record, "package_version");
    case OrderColumn::kCuratedRepositoryName:
      return FieldText(record, "curated_repository_name");
    case OrderColumn::kUsername:
      return FieldText(record, "username");
    case OrderColumn::kUserMail:
      return FieldText(record, "user_mail");
    case OrderColumn::kOriginRepositoryName:
      return FieldText(record, "origin_repository_name");
    case OrderColumn::kPublicRepoName:
      return FieldText(record, "public_repo_name");
    case OrderColumn::kReason:
      return FieldText(record, "reason");
    case OrderColumn::kId:
    case OrderColumn::kCreatedAt:
      break;
  }
  return std::string();
}

void WriteAuditEvent(const AuditRow& row, bool explanations, codec::JsonWriter* w) {
  const AuditRecord& r = row.record;
  w->BeginObject();
  w->Key("id");
  w->Uint(r.event.id.value);
  w->Key("created_at");
  w->String(FormatRfc3339Seconds(r.event.time.ms));
  for (std::string_view field : kFieldOrder) {
    w->Key(field);
    if (field == "policies") {
      w->BeginArray();
      for (const JsonValue& p : row.policies) WritePolicy(p, explanations, w);
      w->EndArray();
      continue;
    }
    bool held = false;
    const std::string* v = EnvelopeValue(r.event, field, &held);
    if (held) {
      w->String(v ? *v : std::string_view());
    } else if (const JsonValue* a = r.attributes.Find(field)) {
      w->Raw(codec::ToJson(*a));
    } else {
      w->String("");
    }
  }
  // Newer and unknown vendor fields, kept as imported (ecosystem, ondemand…).
  for (const auto& [key, value] : r.attributes.members) {
    if (IsFixedField(key)) continue;
    w->Key(key);
    w->Raw(codec::ToJson(value));
  }
  w->EndObject();
}

}  // namespace trailkeep::api::dialects::xray
