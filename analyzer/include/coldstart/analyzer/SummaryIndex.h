// The summary index: each translation unit's summary kept on disk, so a later run joins the
// summaries of units it does not parse (a per-file run, a shard, the clang-tidy plugin) and
// re-parses only the units whose files changed.
//
// One file per compile command, named by a hash of the command (file, folder, arguments). It
// records what produced it (summaryProducer) and the path, size and content hash of every file
// the parse read; it is trusted only when all of them still match. Files are written to a
// temporary name and renamed, so readers never see half an entry and parallel runs can share
// one folder.
#pragma once

#include "coldstart/analyzer/Summary.h"
#include "coldstart/rules/RuleSet.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class SourceManager;
}
namespace clang::tooling {
struct CompileCommand;
}

namespace coldstart::analyzer {

/// A file a parse read, and what its contents were.
struct FileDigest {
  std::string Path;
  uint64_t Size = 0;
  std::string Hash; // 128-bit xxh3 of the contents, in hex
};

/// The digest of Contents, read from Path.
FileDigest digestOf(std::string Path, llvm::StringRef Contents);

/// Every file the TU in SM was read from, main file first, with the contents the parse saw.
std::vector<FileDigest> filesRead(const clang::SourceManager &SM);

/// Everything the index keeps for one compile command: the summary, and what the parse said
/// about it, so a reused unit reports exactly as a parsed one.
struct IndexedUnit {
  TranslationUnitSummary Summary;
  std::optional<std::string> Note;      // "analysis was partial: ..."
  std::vector<std::string> BundledUsed; // headers the bundled declarations stood in for
  std::vector<FileDigest> Files;        // main file first
};

/// What a summary depends on besides the files it was read from and its compile command: the
/// code that makes summaries (a hash of the analyzer's sources, fixed at build time), Clang's
/// version and the rule set's source part.
std::string summaryProducer(const rules::SourceConfig &Config);

/// The absolute path of a compile command's main file.
std::string mainFileOf(const clang::tooling::CompileCommand &Command);

class SummaryIndex {
public:
  /// Dir need not exist: it is made by the first store. BundledHeaders: whether this run puts
  /// coldstart's bundled declarations on the include path, which entries must match (a header
  /// missing then is found now); nullopt for a reader that cannot tell (the clang-tidy plugin,
  /// whose include path the wrapper script sets) and takes entries made either way.
  SummaryIndex(std::string Dir, std::string Producer, std::optional<bool> BundledHeaders);

  /// The index of the compilation database in BuildDir: BuildDir/.coldstart.
  static std::string defaultDir(const std::string &BuildDir);

  enum class Miss {
    None,          // found and fresh
    Absent,        // never indexed
    Corrupt,       // unreadable or not an index entry
    OtherProducer, // made by another coldstart build, Clang, rule set or include setting
    Stale,         // a file it was read from changed or is gone
  };
  struct Lookup {
    std::optional<IndexedUnit> Unit;
    Miss Why = Miss::Absent;
    std::string Detail; // for a note: which file changed, what is wrong with the entry
  };

  /// The entry for Command, when it is fresh. Safe to call from several threads.
  Lookup lookup(const clang::tooling::CompileCommand &Command);

  /// Writes (replaces) the entry for Command. Safe to call from several threads and processes.
  llvm::Error store(const clang::tooling::CompileCommand &Command, const IndexedUnit &Unit);

  /// Removes the entries of commands not in Keep (a whole database's run): a file dropped from
  /// the build must not be joined by later per-file runs.
  void prune(const std::vector<clang::tooling::CompileCommand> &Keep);

  /// Records which compilation database the index belongs to, for runs that find the index
  /// before the database (the clang-tidy plugin).
  llvm::Error recordDatabase(const std::string &DatabasePath);
  /// The compilation database recorded in Dir, when there is one.
  static std::optional<std::string> recordedDatabase(const std::string &Dir);

  const std::string &dir() const { return Dir; }

private:
  std::string entryPath(const clang::tooling::CompileCommand &Command) const;
  llvm::Error prepare();
  /// The current digest of Path, or nullopt when it cannot be read; computed once per run.
  std::optional<FileDigest> currentDigest(const std::string &Path);

  std::string Dir;
  std::string Producer;
  std::optional<bool> BundledHeaders;
  std::mutex Lock;
  bool Prepared = false;
  llvm::StringMap<std::optional<FileDigest>> Digests;
};

/// Index entries larger than this are not read (a summary is far smaller).
inline constexpr uint64_t MaxIndexEntryBytes = uint64_t(512) << 20;

} // namespace coldstart::analyzer
