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

#include <map>
#include <set>

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
                         bool ProgramsPath, const std::string &Sysroot) {
  const rules::RuntimeManifest *PathFrom = Runtime.libraryPathManifest();
  std::string Path =
      !ProgramsPath ? "Lambda's LD_LIBRARY_PATH " +
                          (PathFrom ? join(PathFrom->LdLibraryPath, ":") : std::string("(none)"))
      : Bootstrap.LibraryPathFrom == report::LibraryPathOrigin::Script
          ? "LD_LIBRARY_PATH as the bootstrap sets it, " + join(Bootstrap.LibraryPath, ":")
          : "the bootstrap's --library-path " + join(Bootstrap.LibraryPath, ":");
  return std::string("glibc ld.so search order on the function's file system (package at "
                     "/var/task, layers merged under /opt): DT_RPATH (when no DT_RUNPATH), ") +
         Path + ", DT_RUNPATH, " + join(loaderDefaultDirs(PathFrom), " and ") +
         (Sysroot.empty() ? "" : " (under " + Sysroot + ")") +
         (Runtime.Runtime ? ", then the libraries the runtime manifest lists" : "") +
         "; candidates of another class or machine are skipped";
}

/// Whether Path is where the runtime keeps a library its manifest lists (a loader default folder
/// such as /lib64): Lambda's LD_LIBRARY_PATH names those folders before /var/task/lib, so the
/// runtime's copy shadows a copy the package bundles.
bool isRuntimeCopy(const rules::RuntimeManifest &Manifest, const std::vector<std::string> &Dirs,
                   const std::string &Path) {
  StringRef Dir = sys::path::parent_path(Path);
  return std::find(Dirs.begin(), Dirs.end(), Dir) != Dirs.end() &&
         Manifest.providesLibrary(sys::path::filename(Path).str());
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
  const rules::RuntimeManifest *Provider = Runtime.Runtime ? Runtime.Runtime : PathFrom;
  const std::vector<std::string> DefaultDirs = loaderDefaultDirs(PathFrom);

  // Resolves one binary. Extra: the folders searched before DT_RUNPATH (LD_LIBRARY_PATH, or the
  // bundled loader's --library-path, which replaces it).
  // ProgramsPath: Extra is the search path of the program the bootstrap starts (its process);
  // Started/Loaded: the bootstrap starts this binary through a bundled loader / that program's
  // process loads it.
  auto Resolve = [&](MemberRef At, const std::vector<std::string> &Extra, bool ProgramsPath,
                     bool Started, bool Loaded) {
    const report::BinaryReport &B = *Files.binary(At);
    report::BinaryReport Probe = B;
    Probe.Path = Files.runtimePath(At);
    ResolveOptions Resolve;
    Resolve.Lookup = [&Files, &Options, &B, Provider,
                      &DefaultDirs](const std::string &Path) -> std::optional<DynamicSummary> {
      if (std::optional<DynamicSummary> Found = summaryAt(Files, Options.Sysroot, Path))
        return Found;
      if (!Options.Sysroot.empty() || !Provider || !isRuntimeCopy(*Provider, DefaultDirs, Path))
        return std::nullopt;
      // The runtime's own copy, which the manifest lists: a library for the binary's machine
      // whose own needs the runtime satisfies.
      DynamicSummary Runtime;
      Runtime.Arch = B.Arch;
      Runtime.ClassBits = B.ClassBits;
      return Runtime;
    };
    Resolve.Sysroot = Options.Sysroot;
    Resolve.ExtraDirs = Extra;
    Resolve.DefaultDirs = DefaultDirs;
    if (const rules::RuntimeManifest *Given = Runtime.Runtime) {
      Resolve.RuntimeName = Given->Name;
      Resolve.ProvidedByRuntime = [Given](const std::string &Name) {
        return Given->providesLibrary(Name);
      };
    }
    ResolvedBinary Out;
    Out.Member = At;
    Out.StartedByLoader = Started && Bootstrap.Loader;
    Out.LoadedThroughLoader = Loaded && Bootstrap.Loader;
    Out.Dependencies = resolveDependencies(Probe, Resolve);
    Out.Dependencies.Root = searchRoot(Files, Runtime, Options.Sysroot);
    Out.Dependencies.Method = searchMethod(Runtime, Bootstrap, ProgramsPath, Options.Sysroot);
    for (report::ResolvedLibrary &Library : Out.Dependencies.Libraries)
      if (Library.Found && Options.Sysroot.empty() && Provider && !Library.Path.empty() &&
          !FunctionFileSystem::inPackage(Library.Path))
        Library.Via += " (the " + Provider->Name + " runtime's copy)";
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
    return Out;
  };

  std::vector<MemberRef> Dynamic;
  const std::vector<SourceContents> &Sources = Files.sources();
  for (size_t Source = 0; Source < Sources.size(); ++Source)
    for (size_t Index = 0; Index < Sources[Source].Members.size(); ++Index) {
      MemberRef At{Source, Index};
      const report::BinaryReport *B = Files.binary(At);
      if (B && !B->StaticallyLinked && B->Type != "relocatable")
        Dynamic.push_back(At);
    }

  // When the bootstrap script decides the program's search path (a bundled loader's
  // --library-path, or LD_LIBRARY_PATH as the script sets it), the program is resolved with it,
  // and so is every library of the package that its tree loads: the loader uses one search
  // path for the whole process, and Lambda's own LD_LIBRARY_PATH (which would pick the
  // runtime's older glibc for a bundled library) plays no part.
  bool ProgramsOwnPath =
      Bootstrap.Loader || Bootstrap.LibraryPathFrom != report::LibraryPathOrigin::Lambda;
  std::map<MemberRef, ResolvedBinary> ByMember;
  std::set<MemberRef> LoadedByProgram;
  if (ProgramsOwnPath && Bootstrap.Program &&
      std::find(Dynamic.begin(), Dynamic.end(), *Bootstrap.Program) != Dynamic.end()) {
    ResolvedBinary Program = Resolve(*Bootstrap.Program, Bootstrap.LibraryPath, true, true, false);
    for (const report::ResolvedLibrary &Library : Program.Dependencies.Libraries)
      if (Library.Found && FunctionFileSystem::inPackage(Library.Path))
        if (std::optional<MemberRef> Hit = Files.lookup(Library.Path))
          LoadedByProgram.insert(*Hit);
    ByMember.emplace(*Bootstrap.Program, std::move(Program));
  }
  std::vector<std::string> LibraryPath;
  if (PathFrom)
    LibraryPath = PathFrom->LdLibraryPath;
  std::vector<ResolvedBinary> Resolved;
  for (MemberRef At : Dynamic) {
    if (auto It = ByMember.find(At); It != ByMember.end()) {
      Resolved.push_back(std::move(It->second));
      continue;
    }
    bool Loaded = LoadedByProgram.count(At) != 0;
    Resolved.push_back(
        Resolve(At, Loaded ? Bootstrap.LibraryPath : LibraryPath, Loaded, false, Loaded));
  }
  return Resolved;
}

} // namespace coldstart::inspect::detail
