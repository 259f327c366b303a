#include "api/dialects/codearts/audit_path.h"

#include <algorithm>
#include <array>

namespace trailkeep::api::dialects::codearts {
namespace {

constexpr std::array<std::string_view, 12> kFormats = {
    "npm", "go", "pypi", "rpm", "composer", "maven",
    "debian", "conan", "nuget", "docker2", "cocoapods", "ohpm"};

bool IsAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLowerHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f'); }

bool AllOf(std::string_view s, bool (*pred)(char)) { return std::all_of(s.begin(), s.end(), pred); }

// "40", "1_108": digits, with single '_' between groups.
bool IsSequence(std::string_view s) {
  if (s.empty() || !IsDigit(s.front()) || !IsDigit(s.back())) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '_') {
      if (s[i + 1] == '_') return false;
    } else if (!IsDigit(s[i])) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool IsValidRepoId(std::string_view repo) {
  // Region has no '_', so the first '_' ends it; format has none either.
  size_t a = repo.find('_');
  if (a == std::string_view::npos || a == 0) return false;
  std::string_view region = repo.substr(0, a);
  if (!AllOf(region, [](char c) { return IsDigit(c) || (c >= 'a' && c <= 'z') || c == '-'; })) {
    return false;
  }
  std::string_view rest = repo.substr(a + 1);
  if (rest.size() < 33 || rest[32] != '_' || !AllOf(rest.substr(0, 32), IsLowerHex)) return false;
  rest.remove_prefix(33);
  size_t b = rest.find('_');
  if (b == std::string_view::npos) return false;
  std::string_view format = rest.substr(0, b);
  if (std::find(kFormats.begin(), kFormats.end(), format) == kFormats.end()) return false;
  return IsSequence(rest.substr(b + 1));
}

Result<AuditPath> ParseAuditPath(std::string_view tenant_id, std::string_view project_id,
                                 std::string_view module, std::string_view repo) {
  if (tenant_id.size() < 8 || tenant_id.size() > 32 || !AllOf(tenant_id, IsAlnum)) {
    return InvalidArgument("tenant_id: must be 8 to 32 letters or digits");
  }
  if (project_id.size() != 32 || !AllOf(project_id, IsAlnum)) {
    return InvalidArgument("project_id: must be 32 letters or digits");
  }
  if (module != "file" && module != "repository") {
    return InvalidArgument("module: must be file or repository");
  }
  if (!IsValidRepoId(repo)) {
    return InvalidArgument(
        "repo: must be {region}_{domainId}_{format}_{sequence} with format one of npm, go, pypi, "
        "rpm, composer, maven, debian, conan, nuget, docker2, cocoapods, ohpm");
  }
  return AuditPath{std::string(tenant_id), std::string(project_id), std::string(module),
                   std::string(repo)};
}

model::TenantId TenantFor(const AuditPath& path) {
  return model::TenantId{path.tenant_id + "." + path.project_id};
}

}  // namespace trailkeep::api::dialects::codearts
