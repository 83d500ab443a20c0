#include "coldstart/estimate/StartupCounts.h"

#include "llvm/ADT/StringRef.h"

#include <set>

namespace coldstart::estimate {

namespace {

void addCounts(const report::BinaryReport &B, StartupCounts &C) {
  const report::RelocationCounts &R = B.Relocations;
  C.RelativeRelocations += R.Relative + R.IRelative;
  C.SymbolicRelocations += R.Symbolic + R.Tls + R.Copy;
  if (B.Dynamic.BindNow)
    C.SymbolicRelocations += R.JumpSlot;
  else
    C.LazyJumpSlots += R.JumpSlot;
  C.StaticInitializers += B.Initializers.Count;
  for (const report::InitFunction &F : B.Initializers.Functions)
    if (!F.Toolchain)
      C.Initializers.push_back({F.Name.empty() ? F.Symbol : F.Name, F.SourceFile});
  C.Binaries.push_back(B.Path);
}

/// Where a binary of the report lives on the function's file system: package members are
/// reported relative to the package (mounted at /var/task), layer members with their /opt path.
std::string runtimePathOf(const report::ArtifactReport &R, const report::BinaryReport &B) {
  if (R.Package.Sources.empty() || llvm::StringRef(B.Path).starts_with("/"))
    return B.Path;
  return R.Package.Sources.front().Mount + "/" + B.Path;
}

/// The program Lambda starts: a package's bootstrap, or the program its script runs; the lone
/// binary of an ELF report. Null for packages without a native program (interpreted runtimes).
const report::BinaryReport *mainProgram(const report::ArtifactReport &R) {
  if (R.Package.Sources.empty())
    return R.Binaries.empty() ? nullptr : &R.Binaries.front();
  const report::BootstrapInfo &Boot = R.Package.Bootstrap;
  std::string Program = !Boot.Target.empty() ? Boot.Target
                        : Boot.Kind == "elf" ? Boot.Path
                                             : std::string();
  for (const report::BinaryReport &B : R.Binaries)
    if (!Program.empty() && B.Path == Program)
      return &B;
  return nullptr;
}

} // namespace

StartupCounts countStartupWork(const report::ArtifactReport &R) {
  StartupCounts C;
  C.ArtifactBytes = R.Size.UncompressedBytes;
  C.ArtifactCompressedBytes = R.Size.CompressedBytes;
  C.Arch = R.Arch;
  const report::BinaryReport *Main = mainProgram(R);
  if (!Main)
    return C;
  const report::BootstrapInfo &Boot = R.Package.Bootstrap;
  if (Boot.BundledLoader && !Boot.Target.empty() && Main->Path == Boot.Target)
    C.BundledLoader = Boot.Loader;
  addCounts(*Main, C);
  const report::DependencyResolution &D = Main->Dependencies;
  if (D.Performed || !D.Libraries.empty()) {
    C.Libraries = D.Libraries.size();
    C.LibrariesTransitive = true;
    std::set<std::string> Loaded;
    for (const report::ResolvedLibrary &L : D.Libraries)
      if (L.Found)
        Loaded.insert(L.Path);
    for (const report::BinaryReport &B : R.Binaries)
      if (&B != Main && (Loaded.count(B.Path) || Loaded.count(runtimePathOf(R, B))))
        addCounts(B, C);
  } else {
    C.Libraries = Main->Dynamic.Needed.size();
  }
  return C;
}

} // namespace coldstart::estimate
