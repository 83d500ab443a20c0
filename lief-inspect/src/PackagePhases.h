// Internal: the phases of the package analysis. Each reads the function's file system (and the
// results of the phases before it) and returns its own result; PackageAnalysis.cpp runs them in
// order and fills the report from the results at the end.
#pragma once

#include "FunctionFileSystem.h"

#include "coldstart/inspect/Package.h"
#include "coldstart/report/ArtifactReport.h"
#include "coldstart/rules/RuleSet.h"
#include "coldstart/rules/RuntimeManifest.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace coldstart::inspect::detail {

// --- sizes (SizesPhase.cpp) -------------------------------------------------------------------

/// Regular files beneath a folder, its subfolders included.
struct FolderStats {
  uint64_t Bytes = 0, CompressedBytes = 0, Files = 0;
};

struct SourceSizes {
  uint64_t UncompressedBytes = 0, CompressedBytes = 0;
  uint64_t Files = 0, Folders = 0, Symlinks = 0, ElfFiles = 0;
  /// Every folder ("" = the root) -> totals beneath it.
  std::map<std::string, FolderStats> FolderTotals;
  report::SizeTreeNode Tree;
  std::string Method; // how the sizes were obtained
};

struct SizesResult {
  std::vector<SourceSizes> Sources;    // as FunctionFileSystem::sources()
  uint64_t TotalUncompressedBytes = 0; // function + layers: what the unzipped quota counts
};

SizesResult measureSizes(const FunctionFileSystem &Files);

// --- the runtime (RuntimePhase.cpp) ---------------------------------------------------------

struct RuntimeResult {
  const rules::RuntimeManifest *Runtime = nullptr; // given; null when only a family is known
  std::string Family; // "custom", "python", "nodejs", the given runtime's, or empty
  report::RuntimeChoice Choice = report::RuntimeChoice::Unrecognized;
  std::string Evidence; // what in the contents named the family, when detected
  /// Lambda's LD_LIBRARY_PATH comes from the runtime manifest; without a given runtime, from the
  /// bundled provided.al2023 manifest.
  std::optional<rules::RuntimeManifest> DefaultLibraryPath;
  const rules::RuntimeManifest *libraryPathManifest() const {
    return Runtime ? Runtime : DefaultLibraryPath ? &*DefaultLibraryPath : nullptr;
  }
};

RuntimeResult chooseRuntime(const FunctionFileSystem &Files, const PackageOptions &Options,
                            const rules::RuleSet &Rules);

// --- the bootstrap (BootstrapPhase.cpp) -------------------------------------------------------

enum class BootstrapKind { Elf, Script, Other };
/// "elf", "script", "other": the report's spelling.
const char *bootstrapKindName(BootstrapKind Kind);

struct BootstrapResult {
  bool Checked = false;           // a custom runtime, or a package that has a bootstrap
  std::optional<MemberRef> Entry; // the bootstrap itself (possibly a link); none when missing
  std::string Path;               // "bootstrap", or "/opt/bootstrap" from a layer
  bool ModeKnown = false;
  uint32_t Mode = 0;
  bool Executable = false;
  std::optional<BootstrapKind> Kind; // none when a link leads out of the package
  std::string Interpreter;           // the #! line's program, for scripts
  std::string Command;               // the command a script starts the function with
  std::optional<MemberRef> Program;  // what Lambda ends up running (the bootstrap when ELF)
  std::optional<MemberRef> Loader;   // a bundled loader the script runs Program with
  /// The folders Program searches for libraries before DT_RUNPATH, as runtime paths, when the
  /// script decides them: the loader's --library-path (LibraryPathFrom LoaderOption, whether the
  /// loader is bundled or the runtime's), or LD_LIBRARY_PATH as the script sets it (Script).
  /// Empty with Lambda: Program gets Lambda's LD_LIBRARY_PATH (the runtime manifest's).
  std::vector<std::string> LibraryPath;
  report::LibraryPathOrigin LibraryPathFrom = report::LibraryPathOrigin::Lambda;
  /// The rule set's figures for a script that starts a bundled loader; none when it lacks them.
  std::optional<report::ExtraInitRange> LoaderExtraInit;
  /// For a program the script starts through a bundled loader: whether it and the libraries it
  /// would still bundle run on the runtime's own glibc (the packager's --default-libc).
  std::optional<report::DefaultLibcCheck> DefaultLibc;
  std::vector<std::string> Notes;
  std::vector<report::Finding> Findings;
};

BootstrapResult followBootstrap(const FunctionFileSystem &Files, const RuntimeResult &Runtime,
                                const rules::RuleSet &Rules);

// --- every binary's libraries (RuntimePhase.cpp) ---------------------------------------------

/// One binary's libraries resolved on the function's file system.
struct ResolvedBinary {
  MemberRef Member;
  report::DependencyResolution Dependencies;
  /// Libraries the package lacks, not checked because no runtime was given.
  std::vector<std::string> UncheckedLibraries;
  bool StartedByLoader = false; // the bootstrap script starts it through the bundled loader
  /// A library of the package that the program started through the bundled loader loads: it
  /// is resolved with the loader's --library-path, as the loader does in that process.
  bool LoadedThroughLoader = false;
};

/// Every dynamically linked binary of the package, in source and member order.
std::vector<ResolvedBinary> resolveBinaries(const FunctionFileSystem &Files,
                                            const RuntimeResult &Runtime,
                                            const BootstrapResult &Bootstrap,
                                            const PackageOptions &Options);

// --- bytes the function does not need (RemovablePhase.cpp) ------------------------------------

struct RemovableResult {
  std::vector<report::RemovableItem> Items; // largest first
  uint64_t Bytes = 0;                       // sum over Items (no byte counted twice)
  std::vector<report::DuplicateGroup> Duplicates;
};

RemovableResult findRemovable(const FunctionFileSystem &Files, const RuntimeResult &Runtime,
                              const rules::RuleSet &Rules);

struct HeavyDependencyResult {
  std::vector<report::HeavyDependencyFound> Found; // largest first
  std::vector<report::Finding> Findings;
};

HeavyDependencyResult findHeavyDependencies(const FunctionFileSystem &Files,
                                            const SizesResult &Sizes, const std::string &Family,
                                            const rules::RuleSet &Rules);

// --- checks (PackageChecks.cpp) ---------------------------------------------------------------

struct CheckResult {
  std::vector<report::Finding> Findings;
  std::vector<std::string> RunNotes;
};

/// The package against Lambda's size and layer-count limits.
CheckResult checkPackageSizes(const FunctionFileSystem &Files, const SizesResult &Sizes,
                              const rules::RuleSet &Rules);

struct UnsafeResult {
  std::vector<report::UnsafeEntry> Entries; // per source: what the reader found, then links
  std::vector<report::Finding> Findings;
};

/// The reader's unsafe entries and the symbolic links that leave the package.
UnsafeResult checkUnsafeEntries(const FunctionFileSystem &Files, const rules::RuleSet &Rules);

struct BinaryChecks : CheckResult {
  /// Binaries (by member) whose symbol versions were checked against bundled copies.
  std::vector<MemberRef> CheckedAgainstBundled;
};

/// Each binary's own checks, its symbol versions checked against the bundled copy of a library
/// the package provides and against the runtime for the others.
BinaryChecks checkBinaries(const FunctionFileSystem &Files,
                           const std::vector<ResolvedBinary> &Resolved,
                           const RuntimeResult &Runtime, const PackageOptions &Options,
                           const rules::RuleSet &Rules);

/// A package finding of Rule at Where; nullopt when the rule set disables the rule.
std::optional<report::Finding> packageFinding(const rules::RuleSet &Rules, std::string_view Rule,
                                              report::Location Where, std::string Message,
                                              std::string Fix);

} // namespace coldstart::inspect::detail
