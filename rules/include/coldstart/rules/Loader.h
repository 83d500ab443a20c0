// Loading, validating and merging rule-set YAML. The bundled default is embedded in the binary;
// a user file overlays it (see docs/rule-set.md for the merge semantics).
#pragma once

#include "coldstart/rules/RuleSet.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace coldstart::rules {

/// A problem in a rule-set file, with its place (1-based; 0 when unknown).
struct Diagnostic {
  std::string File;
  int Line = 0;
  int Column = 0;
  std::string Message;
  /// For the closing "N more errors not shown" entry: N, the errors it stands for.
  size_t Omitted = 0;

  /// "file:line:col: error: message", the form compilers and editors understand.
  std::string str() const;
};

/// How many errors Diagnostics report, counting those a closing entry says were not shown.
size_t errorCount(const std::vector<Diagnostic> &Diagnostics);

/// The text of rules/default.yaml as embedded at build time.
std::string_view defaultRuleSetYaml();

/// A file embedded from rules/ at build time, by file name ("default.yaml"); empty if absent.
std::string_view embeddedRuleFile(std::string_view Name);

/// The bundled default rule set. Never fails: the build validates the embedded file.
const RuleSet &defaultRuleSet();

/// Validates YAML text (named Name in diagnostics) and overlays it on Into. On any error, Into is
/// left unchanged and the errors are appended to Errors; returns whether it succeeded.
bool mergeRuleSetText(RuleSet &Into, std::string_view Text, const std::string &Name,
                      std::vector<Diagnostic> &Errors);

/// Same, reading the file at Path (unreadable files are a diagnostic too).
bool mergeRuleSetFile(RuleSet &Into, const std::string &Path, std::vector<Diagnostic> &Errors);

/// Checks a file against the schema without keeping the result.
std::vector<Diagnostic> validateRuleSetFile(const std::string &Path);

/// The nearest `.coldstart.yaml` in the folder of any input or one of its parents.
std::optional<std::string> findUserRuleSet(const std::vector<std::string> &Inputs);

/// The rule set a command uses: the default, overlaid with ExplicitFile if given, else with the
/// `.coldstart.yaml` found from the inputs.
std::optional<RuleSet> loadEffectiveRuleSet(const std::optional<std::string> &ExplicitFile,
                                            const std::vector<std::string> &Inputs,
                                            std::vector<Diagnostic> &Errors);

} // namespace coldstart::rules
