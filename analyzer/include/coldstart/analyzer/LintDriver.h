// `coldstart lint` as a library: finds the compile command of every source (a compilation
// database, given or found upward, or explicit compiler arguments), parses each TU with Clang,
// summarizes it, and joins the summaries into findings. No printing: progress goes to a
// callback and problems into the result.
#pragma once

#include "coldstart/report/Finding.h"
#include "coldstart/rules/RuleSet.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace coldstart::analyzer {

struct LintOptions {
  /// Files to analyse. Empty with a build directory: every file in its database.
  std::vector<std::string> Sources;
  /// `-p`: a folder holding compile_commands.json (or the file itself).
  std::optional<std::string> BuildDir;
  /// Arguments after `--`: compile every source with these instead of a database.
  std::optional<std::vector<std::string>> CompilerArgs;
  unsigned Jobs = 1;
  /// `--shard K/N` (K 1-based): analyse only the sources whose position in the sorted list is
  /// K-1 modulo N.
  unsigned ShardIndex = 1;
  unsigned ShardCount = 1;
  /// Called after each TU (from worker threads, one call at a time).
  std::function<void(size_t Done, size_t Total, const std::string &File)> Progress;
};

struct LintResult {
  /// Set when the tool could not do its job (exit status 2): a missing file, an unreadable
  /// database, a file the database does not know.
  std::optional<std::string> Error;
  report::Report Report;
  size_t FilesAnalysed = 0;
};

LintResult runLint(const LintOptions &Options, const rules::RuleSet &Rules);

/// Clang's resource directory (stddef.h and friends): the configured one when it exists, else
/// the one beside the clang-19 found on PATH or in /usr/lib/llvm-19. Empty when none is found.
std::string clangResourceDir();

/// Parses "K/N" (1 <= K <= N); nullopt when malformed.
std::optional<std::pair<unsigned, unsigned>> parseShard(const std::string &Text);

} // namespace coldstart::analyzer
