// NOLINT comments as clang-tidy spells them: `NOLINT`, `NOLINT(check-glob, ...)`,
// `NOLINTNEXTLINE(...)`, and `NOLINTBEGIN(...)` ... `NOLINTEND(...)` ranges. Inside clang-tidy
// the plugin gets clang-tidy's own handling; the standalone command uses this.
#pragma once

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace coldstart::analyzer {

/// The NOLINT directives of one file, parsed once, answering "is rule R silenced on line L".
class NolintIndex {
public:
  explicit NolintIndex(llvm::StringRef Text);

  bool suppresses(unsigned Line, llvm::StringRef RuleId) const;

  /// A NOLINTBEGIN never closed or a NOLINTEND never opened (with the same check list): it
  /// silences nothing, and clang-tidy reports it as an error.
  struct Problem {
    unsigned Line = 0;
    unsigned Column = 0;
    std::string Message;
  };
  const std::vector<Problem> &unmatched() const { return Unmatched; }

private:
  /// Lines [First, Last] silenced for the rules Checks selects (a clang-tidy glob list: globs
  /// separated by commas, "-" negates, the last matching glob decides; no list means all).
  struct Span {
    unsigned First = 0;
    unsigned Last = 0;
    bool AllChecks = true;
    std::string Checks;
  };

  std::vector<Span> Spans;
  std::vector<Problem> Unmatched;
};

/// Whether the check list of a NOLINT comment (`coldstart-*,bugprone-*`) names RuleId. As in
/// clang-tidy 19 (its NoLintDirectiveHandler builds the list with KeepNegativeGlobs=false),
/// negative globs ("-coldstart-sdk-*") are ignored: a NOLINT list only ever adds checks.
bool globListMatches(llvm::StringRef GlobList, llvm::StringRef RuleId);

} // namespace coldstart::analyzer
