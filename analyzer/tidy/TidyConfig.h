// The clang-tidy checks' CheckOptions turned into the rule set the shared analysis runs with.
// Plain strings in, a rules::RuleSet out: no clang-tidy types, so it is tested on its own.
#pragma once

#include "coldstart/rules/RuleSet.h"

#include "llvm/ADT/StringRef.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace coldstart::tidy {

/// The source rules of the bundled rule set, one clang-tidy check each (the check's name is the
/// rule id).
const std::vector<std::string> &sourceRuleIds();

/// Option values of one rule's check, as written in CheckOptions (';'-separated lists).
struct RuleListOptions {
  std::string AddTypes;
  std::string RemoveTypes;
  std::string AddCalls;
  std::string RemoveCalls;
};

/// Everything the options say, as written. Two checks with equal settings share one analysis.
struct TidySettings {
  /// `RuleSet`: a rule-set file overlaid on the bundled default. Empty: the nearest
  /// `.coldstart.yaml` above the main file, as `coldstart lint` finds it, else the default.
  std::string RuleSetFile;
  std::string AddHandlerRegistrations;
  std::string RemoveHandlerRegistrations;
  std::string AddHandlerFunctions;
  std::string RemoveHandlerFunctions;
  /// By rule id; rules whose checks set no list are absent.
  std::map<std::string, RuleListOptions> PerRule;

  /// A deterministic text naming every setting, for cache keys.
  std::string key() const;
};

/// The items of a ';'-separated list, trimmed, empty items dropped.
std::vector<std::string> splitList(llvm::StringRef List);

/// The rule-set file `RuleSet` names, as an absolute path. An absolute path is used as is; a
/// relative one is looked for in the main file's folder and each of its parents (a `.clang-tidy`
/// at the root of a checkout names files relative to that root), then in WorkingDir. Empty when
/// Option is empty; Option itself (unresolved) when the file is found nowhere, so the error
/// names what the user wrote.
std::string resolveRuleSetFile(llvm::StringRef Option, llvm::StringRef MainFile,
                               llvm::StringRef WorkingDir);

/// The rule-set file the checks overlay on the default: `RuleSet` resolved, else the nearest
/// `.coldstart.yaml` above MainFile (as `coldstart lint` finds it); empty for the default alone.
std::string ruleSetFileFor(const TidySettings &Settings, llvm::StringRef MainFile,
                           llvm::StringRef WorkingDir);

/// Identifies the rule set Settings and File make: the settings and the file's current text.
std::string ruleSetKey(const TidySettings &Settings, const std::string &File);

/// The rule set the checks run with, or the reasons there is none.
struct EffectiveRuleSet {
  std::optional<rules::RuleSet> Rules;
  /// Problems that stop the checks (an unreadable or invalid rule-set file), one line each in
  /// the form "file:line:col: error: message".
  std::vector<std::string> Errors;
  /// Problems the checks run despite (a name to remove that no list holds).
  std::vector<std::string> Warnings;
  /// The rule-set file that was overlaid on the default (empty: the default alone).
  std::string Origin;
};

/// Builds the effective rule set: the bundled default, overlaid with File (when not empty),
/// then the handler lists, then each rule's added and removed types and calls. Added names
/// form a resource kind of their own per rule, matched before the rule set's kinds.
EffectiveRuleSet buildRuleSet(const TidySettings &Settings, const std::string &File);

/// The name of the resource kind that holds the names a rule's check adds.
std::string addedKindName(llvm::StringRef RuleId);

} // namespace coldstart::tidy
