// The package pass: reads the function package and its layers, lays them out as Lambda does (the
// package at /var/task, layers merged under /opt in order), and runs the phases in order: sizes,
// the runtime, the bootstrap, every binary's libraries, heavy dependencies, removable bytes, and
// the checks. Each phase returns its own result; the report is filled from them at the end.
#include "FunctionFileSystem.h"
#include "PackagePhases.h"

#include "coldstart/archive/Archive.h"
#include "coldstart/inspect/Package.h"

#include "llvm/Support/FileSystem.h"

#include <map>
#include <set>

namespace coldstart::inspect {

using namespace llvm;
using namespace detail;

namespace {

/// Everything the phases found, gathered for the report.
struct PhaseResults {
  SizesResult Sizes;
  RuntimeResult Runtime;
  BootstrapResult Bootstrap;
  std::vector<ResolvedBinary> Resolved;
  HeavyDependencyResult Heavy;
  RemovableResult Removable;
  CheckResult SizeChecks;
  UnsafeResult Unsafe;
  BinaryChecks Binaries;
};

PhaseResults runPhases(const FunctionFileSystem &Files, const rules::RuleSet &Rules,
                       const PackageOptions &Options) {
  PhaseResults Out;
  Out.Sizes = measureSizes(Files);
  Out.Runtime = chooseRuntime(Files, Options, Rules);
  Out.Bootstrap = followBootstrap(Files, Out.Runtime, Rules);
  Out.Resolved = resolveBinaries(Files, Out.Runtime, Out.Bootstrap, Options);
  Out.Heavy = findHeavyDependencies(Files, Out.Sizes, Out.Runtime.Family, Rules);
  Out.Removable = findRemovable(Files, Out.Runtime, Rules);
  Out.SizeChecks = checkPackageSizes(Files, Out.Sizes, Rules);
  Out.Unsafe = checkUnsafeEntries(Files, Rules);
  Out.Binaries = checkBinaries(Files, Out.Resolved, Out.Runtime, Options, Rules);
  return Out;
}

report::BootstrapInfo bootstrapInfo(const FunctionFileSystem &Files,
                                    const BootstrapResult &Bootstrap) {
  report::BootstrapInfo Info;
  Info.Checked = Bootstrap.Checked;
  Info.Path = Bootstrap.Path;
  if (Bootstrap.Entry) {
    Info.Present = true;
    Info.Source = Files.sources()[Bootstrap.Entry->Source].Info.Path;
  }
  Info.ModeKnown = Bootstrap.ModeKnown;
  Info.Mode = Bootstrap.Mode;
  Info.Executable = Bootstrap.Executable;
  Info.Kind = Bootstrap.Kind ? bootstrapKindName(*Bootstrap.Kind) : "";
  Info.Interpreter = Bootstrap.Interpreter;
  Info.Command = Bootstrap.Command;
  if (Bootstrap.Program)
    Info.Target = Files.displayPath(*Bootstrap.Program);
  if (Bootstrap.Loader)
    Info.Loader = Files.displayPath(*Bootstrap.Loader);
  Info.BundledLoader = Bootstrap.Loader.has_value();
  Info.LibraryPath = Bootstrap.LibraryPath;
  Info.LibraryPathFrom = Bootstrap.LibraryPathFrom;
  Info.LoaderExtraInit = Bootstrap.LoaderExtraInit;
  Info.DefaultLibc = Bootstrap.DefaultLibc;
  Info.Notes = Bootstrap.Notes;
  return Info;
}

/// The members the function loads at start, numbered in the loader's order from 1: the program
/// the bootstrap runs, the bundled loader it runs through, then the package's libraries of the
/// program's dependency tree as resolved (breadth first, links followed to the file). Empty when
/// no native program starts.
std::map<MemberRef, unsigned> startLoadOrder(const FunctionFileSystem &Files,
                                             const PhaseResults &Found) {
  std::map<MemberRef, unsigned> Order;
  auto Add = [&](MemberRef At) {
    if (Files.binary(At))
      Order.emplace(At, unsigned(Order.size() + 1));
  };
  const BootstrapResult &Bootstrap = Found.Bootstrap;
  if (!Bootstrap.Program || !Files.binary(*Bootstrap.Program))
    return Order;
  Add(*Bootstrap.Program);
  if (Bootstrap.Loader)
    Add(*Bootstrap.Loader);
  for (const ResolvedBinary &Binary : Found.Resolved)
    if (Binary.Member == *Bootstrap.Program)
      for (const report::ResolvedLibrary &Library : Binary.Dependencies.Libraries)
        if (Library.Found && FunctionFileSystem::inPackage(Library.Path))
          if (std::optional<MemberRef> Hit = Files.lookup(Library.Path))
            Add(*Hit);
  return Order;
}

/// The package's binaries with what the phases found about each.
void fillBinaries(const FunctionFileSystem &Files, const PhaseResults &Found,
                  const report::BootstrapInfo &Bootstrap, report::ArtifactReport &R) {
  const std::vector<SourceContents> &Sources = Files.sources();
  std::map<MemberRef, unsigned> StartOrder = startLoadOrder(Files, Found);
  std::map<MemberRef, const ResolvedBinary *> ResolvedOf;
  for (const ResolvedBinary &Binary : Found.Resolved)
    ResolvedOf[Binary.Member] = &Binary;
  std::set<MemberRef> Bundled(Found.Binaries.CheckedAgainstBundled.begin(),
                              Found.Binaries.CheckedAgainstBundled.end());
  for (size_t Source = 0; Source < Sources.size(); ++Source) {
    const SourceContents &Contents = Sources[Source];
    size_t First = R.Binaries.size();
    R.Binaries.insert(R.Binaries.end(), Contents.Binaries.begin(), Contents.Binaries.end());
    for (size_t Index = 0; Index < Contents.Members.size(); ++Index) {
      int Binary = Contents.Members[Index].Binary;
      if (Binary < 0)
        continue;
      MemberRef At{Source, Index};
      report::BinaryReport &B = R.Binaries[First + size_t(Binary)];
      B.CheckedAgainstBundledCopies = Bundled.count(At) != 0;
      if (auto Order = StartOrder.find(At); Order != StartOrder.end())
        B.StartLoadOrder = Order->second;
      auto It = ResolvedOf.find(At);
      if (It == ResolvedOf.end())
        continue;
      B.Dependencies = It->second->Dependencies;
      B.UncheckedLibraries = It->second->UncheckedLibraries;
      if (It->second->StartedByLoader || It->second->LoadedThroughLoader) {
        B.StartedByLoader = It->second->StartedByLoader ? Bootstrap.Loader : "";
        B.LoadedByBundledLoader = It->second->LoadedThroughLoader ? Bootstrap.Loader : "";
        B.LoaderLibraryPath = Bootstrap.LibraryPath;
      }
    }
  }
}

void fillReport(FunctionFileSystem &Files, PhaseResults &Found, const PackageOptions &Options,
                report::ArtifactReport &R) {
  report::PackageReport &P = R.Package;
  const SourceSizes &FunctionSizes = Found.Sizes.Sources.front();
  R.Kind = Files.function().Info.Kind;
  R.Size.CompressedBytes = Files.function().Info.ArchiveBytes;
  R.Size.UncompressedBytes = FunctionSizes.UncompressedBytes;
  R.Size.Files = FunctionSizes.Files;

  P.TotalUncompressedBytes = Found.Sizes.TotalUncompressedBytes;
  P.Runtime = Found.Runtime.Choice;
  if (Found.Runtime.Runtime)
    P.RuntimeName = Found.Runtime.Runtime->Name;
  P.RuntimeEvidence = Found.Runtime.Evidence;
  P.RuntimeFamily = Found.Runtime.Family;
  P.Bootstrap = bootstrapInfo(Files, Found.Bootstrap);
  P.HeavyDependencies = std::move(Found.Heavy.Found);
  P.Removable = std::move(Found.Removable.Items);
  P.RemovableBytes = Found.Removable.Bytes;
  P.Duplicates = std::move(Found.Removable.Duplicates);
  P.Unsafe = std::move(Found.Unsafe.Entries);
  fillBinaries(Files, Found, P.Bootstrap, R);

  for (std::vector<report::Finding> *Findings :
       {&Found.Bootstrap.Findings, &Found.Heavy.Findings, &Found.SizeChecks.Findings,
        &Found.Unsafe.Findings, &Found.Binaries.Findings})
    for (report::Finding &F : *Findings)
      R.Findings.push_back(std::move(F));
  for (std::vector<std::string> *Notes : {&Found.SizeChecks.RunNotes, &Found.Binaries.RunNotes})
    for (std::string &Note : *Notes)
      R.RunNotes.push_back(std::move(Note));

  std::vector<SourceContents> Sources = Files.takeSources();
  for (size_t Source = 0; Source < Sources.size(); ++Source) {
    SourceSizes &Sizes = Found.Sizes.Sources[Source];
    report::PackageSource &Info = Sources[Source].Info;
    Info.UncompressedBytes = Sizes.UncompressedBytes;
    Info.CompressedBytes = Sizes.CompressedBytes;
    Info.Files = Sizes.Files;
    Info.Folders = Sizes.Folders;
    Info.Symlinks = Sizes.Symlinks;
    Info.ElfFiles = Sizes.ElfFiles;
    Info.Tree = std::move(Sizes.Tree);
    Info.Method = std::move(Sizes.Method);
    for (std::string &Skipped : Sources[Source].Skipped)
      P.Skipped.push_back(std::move(Skipped));
    P.Sources.push_back(std::move(Info));
  }
  const PackageLimits &Limits = Options.Limits;
  P.Limits = {Limits.MaxEntries, Limits.MaxUnpackedBytes, Limits.MaxMemberBytes,
              Limits.MaxTextBytes};
}

} // namespace

Expected<std::string> packageKind(const std::string &Path) {
  if (sys::fs::is_directory(Path))
    return std::string("directory");
  if (!sys::fs::exists(Path))
    return createStringError(inconvertibleErrorCode(), Path + ": no such file or folder");
  auto F = sys::fs::openNativeFileForRead(Path);
  if (!F)
    return createStringError(inconvertibleErrorCode(),
                             Path + ": cannot read: " + toString(F.takeError()));
  char Head[4] = {0, 0, 0, 0};
  auto N = sys::fs::readNativeFile(*F, MutableArrayRef(Head, 4));
  (void)sys::fs::closeFile(*F); // read-only: nothing to lose on a failed close
  if (!N)
    return createStringError(inconvertibleErrorCode(),
                             Path + ": cannot read: " + toString(N.takeError()));
  StringRef H(Head, *N);
  // A zip starts with a local header (or, empty, with its end record). Another archive (a
  // tarball, even one named .zip) is named: Lambda takes neither a package nor a layer in any
  // other format. Anything else goes to the zip reader when named .zip, else to the ELF
  // inspector, each saying what the file is not.
  if (H.starts_with("PK"))
    return std::string("zip");
  if (!H.starts_with("\177ELF"))
    if (std::optional<std::string> What = archive::describeNonZipArchive(Path))
      return createStringError(inconvertibleErrorCode(),
                               Path + ": " + *What +
                                   ", not a .zip: Lambda takes a function's package and its "
                                   "layers only as .zip files (coldstart also reads one "
                                   "unpacked into a folder)");
  if (StringRef(Path).ends_with_insensitive(".zip"))
    return std::string("zip");
  return std::string("elf");
}

Error inspectPackage(const std::string &Function, const std::vector<std::string> &Layers,
                     const rules::RuleSet &Rules, const PackageOptions &Options,
                     report::ArtifactReport &R) {
  R.Path = Function;
  auto Sources = readPackageSources(Function, Layers, Options.Limits, Rules);
  if (!Sources)
    return Sources.takeError();
  FunctionFileSystem Files(std::move(*Sources));
  PhaseResults Found = runPhases(Files, Rules, Options);
  fillReport(Files, Found, Options, R);
  return Error::success();
}

} // namespace coldstart::inspect
