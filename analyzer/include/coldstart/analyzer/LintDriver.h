// `coldstart lint` as a library: finds the compile command of every source (a compilation
// database, given or found upward, or explicit compiler arguments), parses each TU with Clang,
// summarizes it, and joins the summaries into what the caller asked for: findings (`lint`), the
// init work (the estimate of `inspect -p/--source`), or both. No printing: progress goes to a
// callback and problems into the result.
#pragma once

#include "coldstart/report/Estimate.h"
#include "coldstart/report/Finding.h"
#include "coldstart/rules/RuleSet.h"

#include "llvm/ADT/IntrusiveRefCntPtr.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace clang::tooling {
class CompilationDatabase;
struct CompileCommand;
} // namespace clang::tooling
namespace llvm::vfs {
class FileSystem;
} // namespace llvm::vfs

namespace coldstart::analyzer {

struct LintOptions {
  /// Files to analyse. Empty with a build directory: every file in its database.
  std::vector<std::string> Sources;
  /// `-p`: a folder holding compile_commands.json (or the file itself).
  std::optional<std::string> BuildDir;
  /// Arguments after `--`: compile every source with these instead of a database.
  std::optional<std::vector<std::string>> CompilerArgs;
  unsigned Jobs = 1;
  /// A folder of stand-in declarations (coldstart's bundled aws-lambda-cpp and AWS SDK
  /// headers, bundledHeadersDir()) searched after every other include folder (`-idirafter`), so
  /// a header the compile command cannot find still resolves while real headers always win.
  /// Empty: none.
  std::string BundledHeaders;
  /// `--shard K/N` (K 1-based): analyse only the sources whose position in the sorted list is
  /// K-1 modulo N.
  unsigned ShardIndex = 1;
  unsigned ShardCount = 1;
  /// The summary index (SummaryIndex.h) of the compilation database's units. Empty: the
  /// `.coldstart` folder beside the compile_commands.json read. A run over the whole database
  /// reuses the entries of unchanged units and re-parses the rest; a run over some files (named
  /// ones, a shard) parses those and joins every other unit's entry (parsing the units that
  /// have none), so they are judged against the whole program. Not used with CompilerArgs.
  std::string IndexDir;
  bool UseIndex = true; // `--no-index`: neither read nor written
  /// Off: a shard or file run parses and indexes its own files only (`coldstart index
  /// --shard`, whose other slices are other jobs' work).
  bool JoinOtherUnits = true;
  /// Called after each TU (from worker threads, one call at a time).
  std::function<void(size_t Done, size_t Total, const std::string &File)> Progress;
  /// What to join the summaries into; the join for a result nobody asked for is skipped.
  bool ComputeFindings = true;  // LintResult::Report
  bool ComputeInitWork = false; // LintResult::InitWork
};

struct LintResult {
  /// Set when the tool could not do its job (exit status 2): a missing file, an unreadable
  /// database, a file the database does not know.
  std::optional<std::string> Error;
  /// Units the run was asked about that were analysed (parsed or read from the index).
  size_t FilesAnalysed = 0;
  /// The run's notes (also in Report and InitWork when those were asked for).
  std::vector<std::string> Notes;
  /// The summary index used (empty: none), and why it could not be written, if it could not.
  std::string IndexDir;
  std::optional<std::string> IndexWriteError;
  /// Every unit joined, by where its summary came from.
  size_t UnitsParsed = 0;
  size_t UnitsReused = 0;
  /// Unmatched NOLINTBEGIN/NOLINTEND comments (each also a run note): clang-tidy fails a run
  /// with one, and so does `coldstart lint`.
  size_t NolintProblems = 0;
  /// The findings, sorted, with the run's notes; set when ComputeFindings was asked and the
  /// run had no Error.
  std::optional<report::Report> Report;
  /// What main does before it registers a handler (the estimate's "init-code" part), the run's
  /// notes first among its notes; set when ComputeInitWork was asked and the run had no Error.
  std::optional<report::InitWork> InitWork;
};

LintResult runLint(const LintOptions &Options, const rules::RuleSet &Rules);

/// Clang's resource directory (stddef.h and friends): the configured one when it exists, else
/// the one beside the clang-19 found on PATH or in /usr/lib/llvm-19. Empty when none is found.
std::string clangResourceDir();

/// Where coldstart's bundled declarations are installed: share/coldstart/include beside the
/// running executable's bin folder (the build tree has the same layout), else the configured
/// install location. Empty when neither exists.
std::string bundledHeadersDir();

/// A compile_commands.json's text, checked first as strict JSON (UTF-8, at most
/// MaxDatabaseNesting deep; the error gives line and column) and then read by clang's
/// JSONCompilationDatabase; an error when it is not a compilation database.
llvm::Expected<std::unique_ptr<clang::tooling::CompilationDatabase>>
parseCompilationDatabase(std::string_view Text);
inline constexpr unsigned MaxDatabaseNesting = 64;

/// The deepest nesting of arrays and objects in JSON text, strings skipped; stops counting past
/// Limit. Checked before llvm::json's recursive parser sees untrusted text.
unsigned jsonNesting(std::string_view Text, unsigned Limit);

/// The compilation database in the file at Path (a regular file); errors name the file.
llvm::Expected<std::unique_ptr<clang::tooling::CompilationDatabase>>
loadCompilationDatabase(const std::string &Path);

/// What clang-tidy does to a database it finds by itself: @response files in the commands are
/// expanded (read through FS, regular files of at most MaxResponseFileBytes only), and files
/// the database does not list get the command of a similar file that it does.
std::unique_ptr<clang::tooling::CompilationDatabase>
adaptDiscoveredDatabase(std::unique_ptr<clang::tooling::CompilationDatabase> Database,
                        llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS);
inline constexpr uint64_t MaxResponseFileBytes = 1 << 20;

/// The command line lint parses a source with: the compile command without its output and
/// dependency-file flags, syntax-only, quiet, with clang's resource directory, and BundledHeaders
/// (when not empty) as the last folder searched for includes.
std::vector<std::string> lintCommandLine(const clang::tooling::CompileCommand &Command,
                                         const std::string &ResourceDir,
                                         const std::string &BundledHeaders = "");

/// Parses "K/N" (1 <= K <= N); nullopt when malformed.
std::optional<std::pair<unsigned, unsigned>> parseShard(const std::string &Text);

} // namespace coldstart::analyzer
