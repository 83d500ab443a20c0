// Internal: the schema walker shared by the loader and the embedded default.
#pragma once

#include "coldstart/rules/Loader.h"

#include <yaml-cpp/yaml.h>

namespace coldstart::rules::detail {

/// Checks Root against the schema and overlays it on Target, appending any errors. IsBase is
/// true for the bundled default, which may define new value keys and must source every number;
/// a user file may only override keys the default defines.
void applyOverlay(RuleSet &Target, const YAML::Node &Root, const std::string &File, bool IsBase,
                  std::vector<Diagnostic> &Errors);

} // namespace coldstart::rules::detail
