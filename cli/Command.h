// The `coldstart` command's plumbing shared by every subcommand: registration, the output
// options every subcommand takes, and the exit-status contract.
#pragma once

#include "coldstart/report/Finding.h"
#include "coldstart/report/Writers.h"
#include "coldstart/rules/RuleSet.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace coldstart::cli {

/// Exit statuses (docs/architecture.md): 0 nothing at or above --fail-on, 1 findings at or above it, 2 the
/// tool could not do its job.
enum ExitStatus : int { ExitClean = 0, ExitFindings = 1, ExitFailure = 2 };

/// The category all of coldstart's options live in; everything else LLVM registers is hidden.
llvm::cl::OptionCategory &optionCategory();

/// Registers a subcommand and the function that runs it once its options are parsed.
struct CommandRegistration {
  CommandRegistration(llvm::cl::SubCommand &Sub, int (*Run)());
};

/// Arguments after a bare `--` on the command line (compiler arguments for `lint`).
const std::vector<std::string> &argsAfterDoubleDash();
/// Whether a bare `--` was given at all (an empty list after it still means "no database").
bool hadDoubleDash();

/// `--format`, `-o` and `--fail-on`, as every reporting subcommand takes them.
struct OutputOptions {
  explicit OutputOptions(llvm::cl::SubCommand &Sub, bool AllowSarif = true);

  llvm::cl::opt<std::string> FormatName;
  llvm::cl::opt<std::string> OutputFile;
  llvm::cl::opt<std::string> FailOn;

  /// Validates the values; on error prints "coldstart: error: ..." and returns false.
  bool validate() const;
  report::Format format() const;
  rules::Severity failOn() const;

private:
  bool AllowSarif;
};

/// Where a report goes: `-o FILE` or stdout. Writes to a temporary beside FILE and renames on
/// commit, so a failed run never leaves half a report.
class OutputSink {
public:
  /// Returns null (after printing why) when the file cannot be created.
  static std::unique_ptr<OutputSink> open(const std::string &Path);
  ~OutputSink();
  llvm::raw_ostream &stream();
  /// Finishes the file; false (after printing why) on a write error.
  bool commit();

private:
  OutputSink() = default;
  struct Impl;
  std::unique_ptr<Impl> P;
};

/// Prints "coldstart: error: <Message>" to stderr and returns ExitFailure.
int fail(const llvm::Twine &Message);

/// Whether stderr is a terminal on which progress lines may be drawn.
bool progressAllowed(report::Format F, const std::string &OutputFile);

/// A "[done/total] file" line redrawn in place on stderr, for work over many files. Draws
/// nothing when fewer than MinFiles are to be done; the destructor clears a drawn line.
class FileProgress {
public:
  explicit FileProgress(size_t MinFiles) : MinFiles(MinFiles) {}
  ~FileProgress();
  void update(size_t Done, size_t Total, const std::string &File);

private:
  size_t MinFiles;
  bool Drew = false;
};

} // namespace coldstart::cli
