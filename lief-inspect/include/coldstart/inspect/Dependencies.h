// Resolving a binary's DT_NEEDED tree the way glibc's loader does, against a root folder (a
// sysroot or an unpacked runtime image). The package reader adds its own search folders
// (Lambda's LD_LIBRARY_PATH under the package and its layers) through ExtraDirs.
#pragma once

#include "coldstart/inspect/ElfInspector.h"
#include "coldstart/report/ArtifactReport.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace coldstart::inspect {

struct ResolveOptions {
  /// Root the absolute search folders are taken under ("/" for the host); empty: no folders
  /// are searched, only $ORIGIN-relative entries and the runtime.
  std::string Sysroot;
  /// Searched after DT_RPATH and before DT_RUNPATH, like LD_LIBRARY_PATH; host paths.
  std::vector<std::string> ExtraDirs;
  /// The loader's default folders, searched last (under Sysroot).
  std::vector<std::string> DefaultDirs = {"/lib64", "/usr/lib64", "/lib", "/usr/lib"};
  /// Libraries the runtime provides by name (a runtime manifest); tried after the folders.
  std::function<bool(const std::string &)> ProvidedByRuntime;
  std::string RuntimeName;
  /// When set, candidate paths are paths of the function's own file system (the package at
  /// /var/task, layers merged under /opt, the runtime's folders) and are looked up through this
  /// instead of the host's: nullopt when no ELF object is there. Sysroot is then not prefixed
  /// (the hook maps what it wants onto a root folder itself), and DT_RPATH/DT_RUNPATH entries
  /// are searched whether or not they use $ORIGIN.
  std::function<std::optional<DynamicSummary>(const std::string &)> Lookup;
  /// Bounds for hostile trees.
  unsigned MaxDepth = 64;
  unsigned MaxLibraries = 4096;
  unsigned MaxProbes = 20000; // candidate paths tried in all (a real tree needs a few hundred)
};

/// The multiarch folders (Debian layout) for an architecture, e.g. /usr/lib/x86_64-linux-gnu.
std::vector<std::string> multiarchDirs(const std::string &Arch);

/// Breadth-first over DT_NEEDED, each library once (by name), skipping candidates of another
/// class or machine as the loader does.
report::DependencyResolution resolveDependencies(const report::BinaryReport &Root,
                                                 const ResolveOptions &Options);

} // namespace coldstart::inspect
