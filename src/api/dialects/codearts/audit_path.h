// The path of the CodeArts audit endpoint,
//   /cloudartifact/v5/{tenant_id}/{project_id}/{module}/{repo}/audit,
// its validation rules, and the Trailkeep tenant it names.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "model/types.h"

namespace trailkeep::api::dialects::codearts {

struct AuditPath {
  std::string tenant_id;   // 8..32 of [A-Za-z0-9]
  std::string project_id;  // exactly 32 of [A-Za-z0-9]
  std::string module;      // "file" or "repository"
  std::string repo;        // see IsValidRepoId
};

// True for a repository id {region}_{domainId}_{format}_{sequence}:
// region 1+ of [a-z0-9-], domainId 32 of [0-9a-f], format one of npm, go,
// pypi, rpm, composer, maven, debian, conan, nuget, docker2, cocoapods, ohpm,
// sequence decimal numbers joined by single '_' ("40", "1_108").
bool IsValidRepoId(std::string_view repo);

// Checks the four path parameters.
// Errors: kInvalidArgument naming the first bad parameter.
Result<AuditPath> ParseAuditPath(std::string_view tenant_id, std::string_view project_id,
                                 std::string_view module, std::string_view repo);

// The Trailkeep tenant of a (valid) path: "<tenant_id>.<project_id>". Always
// a valid tenant name (at most 65 bytes of [A-Za-z0-9.]).
model::TenantId TenantFor(const AuditPath& path);

}  // namespace trailkeep::api::dialects::codearts
