// The runtime phase: which runtime the package runs on (given, or its family recognized from the
// contents), and every binary's libraries resolved as that runtime's loader would on the
// function's file system.
#include "PackagePhases.h"

#include "coldstart/inspect/Dependencies.h"
#include "coldstart/inspect/ElfInspector.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace coldstart::inspect::detail {

using namespace llvm;

namespace {

/// A family recognized from the contents, and from what.
struct Recognized {
  std::string Family;
  std::string Evidence;
};

bool matchesAny(const std::vector<rules::NamePattern> &Patterns, StringRef Name) {
  return std::any_of(Patterns.begin(), Patterns.end(),
                     [&](const rules::NamePattern &P) { return P.matches(Name); });
}

/// A file at the function's root that names an interpreted runtime (the rule set's ecosystems'
/// root markers, tested in their order for each file).
std::optional<Recognized> recognizeFromRoot(const SourceContents &Function,
                                            const rules::PackagePolicy &Policy) {
  for (const Member &M : Function.Members) {
    StringRef Path = M.Path;
    if (Path.contains('/'))
      continue;
    for (const rules::Ecosystem &E : Policy.Ecosystems)
      if (matchesAny(E.RootMarkers, Path))
        return Recognized{E.Name, Path.str() + " at the package root"};
  }
  return std::nullopt;
}

std::optional<Recognized> recognize(const FunctionFileSystem &Files,
                                    const rules::PackagePolicy &Policy) {
  const std::vector<SourceContents> &Sources = Files.sources();
  bool InFunction = Files.function().ByPath.count("bootstrap") != 0;
  bool InLayer = false;
  for (size_t Layer = 1; Layer < Sources.size(); ++Layer)
    InLayer = InLayer || Sources[Layer].ByPath.count("bootstrap") != 0;
  if (InFunction || InLayer)
    return Recognized{"custom",
                      InFunction ? "a bootstrap at the package root" : "a bootstrap in a layer"};
  if (std::optional<Recognized> Root = recognizeFromRoot(Files.function(), Policy))
    return Root;
  for (size_t Layer = 1; Layer < Sources.size(); ++Layer) {
    const SourceContents &Contents = Sources[Layer];
    for (const rules::Ecosystem &E : Policy.Ecosystems)
      for (const rules::NamePattern &Folder : E.LayerFolders)
        if (Contents.ByPath.count(Folder.text()))
          return Recognized{E.Name,
                            "a " + Folder.text() + "/ folder in layer " + Contents.Info.Path};
  }
  return std::nullopt;
}

/// The dynamic section of a library the loader would consider: a member of the package, or a
/// file under the sysroot.
std::optional<DynamicSummary> summaryAt(const FunctionFileSystem &Files, const std::string &Sysroot,
                                        const std::string &Path) {
  if (FunctionFileSystem::inPackage(Path)) {
    std::optional<MemberRef> Hit = Files.lookup(Path);
    const report::BinaryReport *B = Hit ? Files.binary(*Hit) : nullptr;
    if (!B)
      return std::nullopt;
    return dynamicSummaryOf(*B);
  }
  if (Sysroot.empty())
    return std::nullopt;
  SmallString<256> Host(Sysroot);
  sys::path::append(Host, Path);
  if (!sys::fs::is_regular_file(Host))
    return std::nullopt;
  auto Summary = readDynamicSummary(std::string(Host));
  if (!Summary) {
    consumeError(Summary.takeError());
    return std::nullopt;
  }
  return std::move(*Summary);
}

/// Where the resolution searched, for the report.
std::string searchRoot(const FunctionFileSystem &Files, const RuntimeResult &Runtime,
                       const std::string &Sysroot) {
  const rules::RuntimeManifest *Given = Runtime.Runtime;
  std::string Exact = Given ? (Given->Exact ? "an exact manifest"
                                            : "a conservative manifest that may omit "
                                              "libraries the image has")
                            : "";
  return "the package (" + std::string(TaskRoot) + ")" +
         (Files.layerCount() ? ", its layers (/opt)" : "") +
         (Sysroot.empty() ? "" : ", " + Sysroot) +
         (Given ? " and the " + Given->Name + " runtime (" + Exact + ")" : "");
}

/// The folders the runtime's loader searches last: the manifest's, else Amazon Linux's lib64
/// pair (a manifest written before manifests said so).
std::vector<std::string> loaderDefaultDirs(const rules::RuntimeManifest *Manifest) {
  if (Manifest && !Manifest->LoaderDefaultDirs.empty())
    return Manifest->LoaderDefaultDirs;
  return {"/lib64", "/usr/lib64"};
}

/// How the resolution searched, for the report.
std::string searchMethod(const RuntimeResult &Runtime, const BootstrapResult &Bootstrap,
                         bool ViaLoader, const std::string &Sysroot) {
  const rules::RuntimeManifest *PathFrom = Runtime.libraryPathManifest();
  return std::string("glibc ld.so search order on the function's file system (package at "
                     "/var/task, layers merged under /opt): DT_RPATH (when no DT_RUNPATH), ") +
         (ViaLoader ? "the bootstrap's --library-path " + join(Bootstrap.LibraryPath, ":")
                    : "LD_LIBRARY_PATH " +
                          (PathFrom ? join(PathFrom->LdLibraryPath, ":") : std::string("(none)"))) +
         ", DT_RUNPATH, " + join(loaderDefaultDirs(PathFrom), " and ") +
         (Sysroot.empty() ? "" : " (under " + Sysroot + ")") +
         (Runtime.Runtime ? ", then the libraries the runtime manifest lists" : "") +
         "; candidates of another class or machine are skipped";
}

} // namespace

RuntimeResult chooseRuntime(const FunctionFileSystem &Files, const PackageOptions &Options,
                            const rules::RuleSet &Rules) {
  RuntimeResult Result;
  if (Options.Runtime) {
    Result.Runtime = Options.Runtime;
    Result.Family = Options.Runtime->Family;
    Result.Choice = report::RuntimeChoice::Given;
    return Result;
  }
  if (std::optional<Recognized> Found = recognize(Files, Rules.Packages)) {
    Result.Family = Found->Family;
    Result.Evidence = Found->Evidence;
    Result.Choice = report::RuntimeChoice::Detected;
  }
  std::vector<rules::Diagnostic> Ignored;
  Result.DefaultLibraryPath = rules::loadRuntimeManifest("provided.al2023", Ignored);
  return Result;
}

std::vector<ResolvedBinary> resolveBinaries(const FunctionFileSystem &Files,
                                            const RuntimeResult &Runtime,
                                            const BootstrapResult &Bootstrap,
                                            const PackageOptions &Options) {
  const rules::RuntimeManifest *PathFrom = Runtime.libraryPathManifest();
  // The binary the bootstrap script starts with the bundled loader gets its --library-path.
  std::optional<MemberRef> LoaderTarget;
  if (Bootstrap.Loader)
    LoaderTarget = Bootstrap.Program;

  std::vector<ResolvedBinary> Resolved;
  const std::vector<SourceContents> &Sources = Files.sources();
  for (size_t Source = 0; Source < Sources.size(); ++Source)
    for (size_t Index = 0; Index < Sources[Source].Members.size(); ++Index) {
      MemberRef At{Source, Index};
      const report::BinaryReport *B = Files.binary(At);
      if (!B || B->StaticallyLinked || B->Type == "relocatable")
        continue;
      report::BinaryReport Probe = *B;
      Probe.Path = Files.runtimePath(At);
      ResolveOptions Resolve;
      Resolve.Lookup = [&Files, &Options](const std::string &Path) {
        return summaryAt(Files, Options.Sysroot, Path);
      };
      Resolve.Sysroot = Options.Sysroot;
      bool ViaLoader = LoaderTarget && *LoaderTarget == At;
      if (ViaLoader)
        Resolve.ExtraDirs = Bootstrap.LibraryPath; // replaces LD_LIBRARY_PATH
      else if (PathFrom)
        Resolve.ExtraDirs = PathFrom->LdLibraryPath;
      Resolve.DefaultDirs = loaderDefaultDirs(PathFrom);
      if (const rules::RuntimeManifest *Given = Runtime.Runtime) {
        Resolve.RuntimeName = Given->Name;
        Resolve.ProvidedByRuntime = [Given](const std::string &Name) {
          return Given->providesLibrary(Name);
        };
      }
      ResolvedBinary Out;
      Out.Member = At;
      Out.StartedByLoader = ViaLoader;
      Out.Dependencies = resolveDependencies(Probe, Resolve);
      Out.Dependencies.Root = searchRoot(Files, Runtime, Options.Sysroot);
      Out.Dependencies.Method = searchMethod(Runtime, Bootstrap, ViaLoader, Options.Sysroot);
      if (!Runtime.Runtime && !Out.Dependencies.Unresolved.empty()) {
        // Without a runtime nothing says which libraries the image has: keep the tree, drop
        // the verdict.
        Out.UncheckedLibraries = std::move(Out.Dependencies.Unresolved);
        Out.Dependencies.Unresolved.clear();
        for (report::ResolvedLibrary &Library : Out.Dependencies.Libraries)
          if (!Library.Found)
            Library.Via = "not in the package (runtime not given)";
        Out.Dependencies.Performed = false;
      }
      Resolved.push_back(std::move(Out));
    }
  return Resolved;
}

} // namespace coldstart::inspect::detail
