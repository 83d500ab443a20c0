// Builds the summary of one translation unit from its AST. This is the entry point the
// clang-tidy plugin shares with `coldstart lint`: summarize the ASTContext, join (Join.h), and
// report the findings.
#pragma once

#include "coldstart/analyzer/Summary.h"
#include "coldstart/report/Finding.h"
#include "coldstart/rules/RuleSet.h"

namespace clang {
class ASTContext;
class SourceLocation;
class SourceManager;
} // namespace clang

namespace coldstart::analyzer {

struct SummaryOptions {
  /// Drop resource sites silenced by NOLINT comments (clang-tidy's spelling). The standalone
  /// command needs this; inside clang-tidy, clang-tidy's own NOLINT handling applies instead.
  bool ApplyNolint = true;
};

/// Summarizes the TU in Context: handler roots, call edges and resource sites of every function
/// defined outside system headers (inside them too when Config.ReportSystemHeaders is set).
TranslationUnitSummary summarizeTranslationUnit(clang::ASTContext &Context,
                                                const rules::SourceConfig &Config,
                                                const SummaryOptions &Options = {});

/// The location a finding's report::Location names in this TU's files, for emitting it as a
/// clang diagnostic; invalid when the file is not part of the TU.
clang::SourceLocation toSourceLocation(const report::Location &Where,
                                       const clang::SourceManager &SM);

} // namespace coldstart::analyzer
