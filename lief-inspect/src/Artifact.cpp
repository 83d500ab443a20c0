#include "coldstart/inspect/Artifact.h"

#include "coldstart/inspect/ArtifactChecks.h"
#include "coldstart/inspect/Dependencies.h"
#include "coldstart/inspect/ElfInspector.h"

namespace coldstart::inspect {

namespace {

llvm::Error failure(const std::string &Message) {
  return llvm::createStringError(std::make_error_code(std::errc::invalid_argument), "%s",
                                 Message.c_str());
}

/// One ELF file: inspected, its tree resolved when a root or an exact manifest says where
/// libraries are, and checked.
llvm::Error inspectLoneElf(const std::string &Path, const rules::RuleSet &Rules,
                           const ArtifactOptions &O, report::ArtifactReport &R) {
  if (!O.Layers.empty())
    return failure(Path + ": --layer applies to a package (.zip or folder), not to an ELF file");
  auto Binary = inspectElfFile(Path);
  if (!Binary)
    return Binary.takeError();
  R.Kind = "elf";
  R.Arch = O.Arch.empty() ? Binary->Arch : O.Arch;
  R.Size.UncompressedBytes = Binary->Bytes;
  R.Size.Files = 1;

  if (!O.Sysroot.empty() || (O.Runtime && O.Runtime->Exact)) {
    ResolveOptions RO;
    RO.Sysroot = O.Sysroot;
    RO.DefaultDirs = {"/lib64", "/usr/lib64"};
    for (const std::string &D : multiarchDirs(Binary->Arch))
      RO.DefaultDirs.push_back(D);
    RO.DefaultDirs.push_back("/lib");
    RO.DefaultDirs.push_back("/usr/lib");
    if (const rules::RuntimeManifest *M = O.Runtime) {
      RO.RuntimeName = M->Name;
      RO.ProvidedByRuntime = [M](const std::string &Name) { return M->providesLibrary(Name); };
    }
    Binary->Dependencies = resolveDependencies(*Binary, RO);
  } else if (!Binary->Dynamic.Needed.empty()) {
    R.RunNotes.push_back("dependencies not resolved: give --sysroot DIR (or a --runtime "
                         "manifest that lists its libraries exactly)");
  }

  CheckOptions CO;
  CO.Runtime = O.Runtime;
  CO.Arch = O.Arch;
  CO.RuntimeRootSearched = !O.Sysroot.empty();
  checkBinary(*Binary, Rules, CO, R.Findings, R.RunNotes);
  R.Binaries.push_back(std::move(*Binary));
  return llvm::Error::success();
}

/// A package and its layers; the report's architecture is the binaries' when they agree.
llvm::Error inspectPackageArtifact(const std::string &Path, const rules::RuleSet &Rules,
                                   const ArtifactOptions &O, report::ArtifactReport &R) {
  PackageOptions PO;
  PO.Runtime = O.Runtime;
  PO.Arch = O.Arch;
  PO.Sysroot = O.Sysroot;
  PO.Limits = O.Limits;
  if (llvm::Error E = inspectPackage(Path, O.Layers, Rules, PO, R))
    return E;
  R.Arch = O.Arch;
  if (R.Arch.empty()) {
    for (const report::BinaryReport &B : R.Binaries) {
      if (R.Arch.empty() || R.Arch == B.Arch) {
        R.Arch = B.Arch;
        continue;
      }
      R.Arch.clear();
      R.RunNotes.push_back("the package holds binaries of several architectures");
      break;
    }
  }
  return llvm::Error::success();
}

} // namespace

llvm::Expected<report::ArtifactReport> inspectArtifact(const std::string &Path,
                                                       const rules::RuleSet &Rules,
                                                       const ArtifactOptions &Options) {
  auto Kind = packageKind(Path);
  if (!Kind)
    return Kind.takeError();
  report::ArtifactReport R;
  R.Path = Path;
  R.Runtime = Options.RuntimeName;
  if (llvm::Error E = *Kind == "elf" ? inspectLoneElf(Path, Rules, Options, R)
                                     : inspectPackageArtifact(Path, Rules, Options, R))
    return E;
  report::sortFindings(R.Findings);
  return R;
}

} // namespace coldstart::inspect
