// One analysis per translation unit for all the checks. The checks of one clang-tidy run see
// the same ASTContext; the first to ask summarizes and joins the TU with the very code
// `coldstart lint` runs, the others reuse its findings. Rule sets are cached across TUs.
#pragma once

#include "TidyConfig.h"

#include "coldstart/report/Finding.h"

#include <memory>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
} // namespace clang

namespace coldstart::tidy {

/// The effective rule set for Settings in the TU whose main file is MainFile, built once per
/// distinct settings and rule-set file text.
std::shared_ptr<const EffectiveRuleSet> ruleSetFor(const TidySettings &Settings,
                                                   const std::string &MainFile,
                                                   const std::string &WorkingDir, std::string &Key);

/// What the analysis of one TU found.
struct TuAnalysis {
  std::vector<report::Finding> Findings;
  /// Whether the TU, or the rest of the program in the summary index, holds a handler at all
  /// (registered, named, or by its signature).
  bool HasHandler = false;
  /// Other units of the program joined from the summary index, and those it could not give
  /// (no entry, or a stale one: `coldstart index` brings them up to date).
  size_t UnitsJoined = 0;
  std::vector<std::string> UnitsMissing;
};

/// The findings for every enabled rule in the TU of Context under Rules (Key identifies the
/// rule set): summarizeTranslationUnit without NOLINT filtering (clang-tidy applies its own),
/// joined with the summaries of every other unit of the program that the summary index in
/// IndexDir holds fresh (none when IndexDir is empty), sorted as `coldstart lint` sorts them.
std::shared_ptr<const TuAnalysis> findingsFor(clang::ASTContext &Context,
                                              const rules::RuleSet &Rules, const std::string &Key,
                                              const std::string &IndexDir);

/// The summary index a TU compiled in BuildDir (its compile command's folder) from MainFile
/// reads when no IndexDirectory option names one: the first folder holding an index among
/// `.coldstart` and `build/.coldstart` in BuildDir and each folder above it (CMake runs a
/// subfolder's commands in the build tree's matching subfolder), then the same above MainFile
/// (a database that runs its commands elsewhere; `build/` as clangd looks for databases).
std::string findIndexDir(const std::string &BuildDir, const std::string &MainFile);

/// Drops the findings kept for Context: its TU is done (the address may be reused by the next).
void forgetTranslationUnit(const clang::ASTContext &Context);

/// Whether Message has not been reported by this process yet (configuration problems are
/// reported once, not once per check and file).
bool firstTimeReported(const std::string &Message);

} // namespace coldstart::tidy
