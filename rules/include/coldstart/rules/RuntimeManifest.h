// Runtime manifests (rules/runtimes/*.yaml): what a Lambda runtime provides to the code it
// loads. Kept as data, apart from the checker that applies it, in the manner of auditwheel's
// platform policies.
#pragma once

#include "coldstart/rules/Loader.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace coldstart::rules {

/// A measured time in milliseconds and where the figure comes from.
struct MeasuredMs {
  double Value = 0;
  std::string Source;
};

/// A figure a manifest gives once for every architecture (`{value, source}`) or per
/// architecture (`{x86_64: {value, source}, arm64: {value, source}}`).
struct ArchFigures {
  std::optional<MeasuredMs> Every;
  std::map<std::string, MeasuredMs> ByArch; // "x86_64", "arm64"

  /// The figure for Arch ("x86_64", "arm64"; "aarch64", the ELF spelling, is read as arm64):
  /// its own, else the one for every architecture; null when the manifest gives neither.
  const MeasuredMs *forArch(std::string_view Arch) const;
  bool empty() const { return !Every && ByArch.empty(); }
};

struct RuntimeManifest {
  std::string Name;   // "provided.al2023"
  std::string Os;     // "Amazon Linux 2023"
  std::string Family; // "custom", "python", "nodejs"
  /// Whether Libraries is the complete list (written by `rules runtime-manifest` from a root
  /// filesystem) or a conservative subset (the bundled manifests).
  bool Exact = false;
  std::vector<std::string> Architectures; // "x86_64", "arm64"
  std::string Glibc;                      // highest GLIBC_ version provided, "2.34"
  std::string Glibcxx;                    // highest GLIBCXX_ version, "3.4.29"
  std::string Cxxabi;                     // highest CXXABI_ version, "1.3.13"
  /// Every version name the runtime's libc.so.6 defines (its DT_VERDEF): GLIBC_2.2.5 ...
  /// GLIBC_2.34, GLIBC_PRIVATE. A required name outside the list (GLIBC_ABI_DT_RELR, which
  /// glibc defines from 2.36) fails at load whatever its number; empty: not known.
  std::vector<std::string> LibcVersions;
  std::vector<std::string> LdLibraryPath;
  /// The folders the runtime's dynamic loader searches after LD_LIBRARY_PATH and the
  /// binary's run paths (ld.so's built-in list for the distribution: /lib64, /usr/lib64 on
  /// Amazon Linux).
  std::vector<std::string> LoaderDefaultDirs;
  std::vector<std::string> Libraries; // sonames (file names) the runtime's folders hold
  /// Sonames known NOT to be on the runtime (a conservative manifest says nothing of a library
  /// it neither lists nor marks absent).
  std::vector<std::string> Absent;
  /// The runtime's own init time for a minimal function (the cold-start floor), with its
  /// source: one figure for every architecture (`platform-init-ms: {value, source}`) ...
  std::optional<double> PlatformInitMs;
  std::string PlatformInitSource;
  /// ... or one per architecture (`platform-init-ms: {x86_64: {value, source}, arm64: ...}`),
  /// since the same minimal function starts at different speeds on the two. Neither: no
  /// published figure exists for this runtime.
  std::map<std::string, MeasuredMs> PlatformInitByArch;
  /// What a shell bootstrap that starts the program through a bundled ld-linux (the
  /// aws-lambda-cpp packager's layout) adds to init against a native bootstrap binary on this
  /// runtime, measured; empty where it was not measured.
  ArchFigures BundledLoaderInit;
  /// The tag of the bytecode caches the runtime's Python reads ("cpython-312"); empty for
  /// runtimes without Python.
  std::string BytecodeTag;
  std::string Origin; // "bundled" or the file it was read from
  std::string Base;   // the bundled base manifest it extends ("amazonlinux2023"), if any

  bool providesLibrary(std::string_view Soname) const;
  bool marksAbsent(std::string_view Soname) const;
  bool supportsArch(std::string_view Arch) const;
  /// The cold-start floor on Arch (as ArchFigures::forArch): the per-architecture figure, else
  /// the one for every architecture; none when the manifest has no platform-init-ms.
  std::optional<MeasuredMs> platformInit(std::string_view Arch) const;
  /// Whether the runtime's libc.so.6 defines version Name; nullopt when the manifest does not
  /// list libc's versions.
  std::optional<bool> libcDefines(std::string_view Name) const;
  /// The highest version of a symbol-version family ("GLIBC", "GLIBCXX", "CXXABI"); empty when
  /// the manifest does not say.
  const std::string &maxVersion(std::string_view Family) const;
};

/// Names of the manifests bundled with coldstart, sorted.
std::vector<std::string> bundledRuntimeNames();
/// Names of the bundled base manifests a manifest may extend with `base: NAME`, sorted.
std::vector<std::string> bundledBaseNames();

/// A bundled runtime by name ("provided.al2023"), or a manifest file when NameOrPath names one
/// (contains a '/' or ends in .yaml). Errors name the file, line and column.
std::optional<RuntimeManifest> loadRuntimeManifest(const std::string &NameOrPath,
                                                   std::vector<Diagnostic> &Errors);

/// Parses manifest text (Name is used in diagnostics).
std::optional<RuntimeManifest> parseRuntimeManifest(std::string_view Text, const std::string &Name,
                                                    std::vector<Diagnostic> &Errors);

/// The manifest as YAML that parseRuntimeManifest reads back.
std::string formatRuntimeManifest(const RuntimeManifest &M, const std::string &HeaderComment);

/// Compares dotted version strings numerically ("2.34" > "2.9"): <0, 0 or >0.
int compareVersions(std::string_view A, std::string_view B);

} // namespace coldstart::rules
