// Internal: the schema walker shared by the loader and the embedded default.
#pragma once

#include "coldstart/rules/Loader.h"

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <vector>

namespace coldstart::rules::detail {

/// Checks Root against the schema and overlays it on Target, appending any errors. IsBase is
/// true for the bundled default, which may define new value keys and must source every number;
/// a user file may only override keys the default defines.
void applyOverlay(RuleSet &Target, const YAML::Node &Root, const std::string &File, bool IsBase,
                  std::vector<Diagnostic> &Errors);

/// Diagnostics kept per file; the rest are counted in one last diagnostic.
inline constexpr size_t MaxDiagnostics = 50;

/// The text of a small YAML file (a rule set, a runtime manifest): refused, with a diagnostic
/// naming Path, when it is missing, a folder, not a regular file, larger than 4 MiB, or holds
/// NUL bytes. What names the kind of file in the messages ("rule set").
std::optional<std::string> readSmallFile(const std::string &Path, const std::string &What,
                                         std::vector<Diagnostic> &Errors);

} // namespace coldstart::rules::detail
