// The checks phase: the package against Lambda's size limits, archive entries that are unsafe to
// unpack, and each binary's own checks with symbol versions checked against the copy of a
// library the package bundles (a bundled libc.so.6 or libstdc++.so.6 replaces the runtime's).
#include "PackagePhases.h"
#include "Versions.h"

#include "coldstart/inspect/ArtifactChecks.h"
#include "coldstart/report/Format.h"
#include "coldstart/rules/RuleIds.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"

#include <algorithm>

namespace coldstart::inspect::detail {

using namespace llvm;
namespace ids = rules::ids;

namespace {

std::string mb(uint64_t N) {
  return formatv("{0:F1} MB", double(N) / 1e6).str();
}

class SizeChecker {
public:
  SizeChecker(const FunctionFileSystem &Files, const rules::RuleSet &Rules)
      : Files(Files), Rules(Rules), Warn(Rules.sourcedValue("limits.warn-fraction")),
        Fraction(Warn ? Warn->Value : 1) {}

  /// Have against Limit: above it an error, above the warning fraction of it a warning.
  void check(double Have, const rules::SourcedValue *Limit, const std::string &What,
             const std::string &Fix) {
    if (!Limit)
      return;
    if (Have > Limit->Value)
      add(formatv("{0} is {1} bytes ({2}), above the {3}-byte limit ({4})", What,
                  report::groupedDigits(uint64_t(Have)), mb(uint64_t(Have)),
                  report::groupedDigits(uint64_t(Limit->Value)), Limit->Source)
              .str(),
          Fix, std::nullopt);
    else if (Warn && Have > Fraction * Limit->Value)
      add(formatv("{0} is {1} bytes ({2}), {3:F0}% of the {4}-byte limit ({5}; warning from "
                  "{6:F0}%, limits.warn-fraction)",
                  What, report::groupedDigits(uint64_t(Have)), mb(uint64_t(Have)),
                  100 * Have / Limit->Value, report::groupedDigits(uint64_t(Limit->Value)),
                  Limit->Source, 100 * Fraction)
              .str(),
          Fix, rules::Severity::Warning);
  }

  void add(std::string Message, std::string Fix, std::optional<rules::Severity> Level) {
    if (auto F = packageFinding(Rules, ids::PackageSize, Files.location(0, ""), std::move(Message),
                                std::move(Fix))) {
      if (Level)
        F->Level = *Level;
      Result.Findings.push_back(std::move(*F));
    }
  }

  CheckResult Result;

private:
  const FunctionFileSystem &Files;
  const rules::RuleSet &Rules;
  const rules::SourcedValue *Warn;
  double Fraction;
};

const char *unsafeEntryFix(const std::string &Kind) {
  if (Kind == "duplicate-name")
    return "rebuild the archive so every name appears once";
  if (Kind == "size-mismatch")
    return "rebuild the archive with a standard zip tool; do not deploy an archive whose "
           "headers lie";
  return "rebuild the archive from a clean folder; do not deploy one built by an unknown tool";
}

/// The bundled library that provides Library to a binary: the member its resolution found,
/// when that member is an inspected binary of the package.
struct BundledProvider {
  const report::BinaryReport *Binary = nullptr;
  std::string RuntimePath;
};

std::optional<BundledProvider> bundledProvider(const FunctionFileSystem &Files,
                                               const report::DependencyResolution &Dependencies,
                                               const std::string &Library) {
  for (const report::ResolvedLibrary &Resolved : Dependencies.Libraries) {
    if (Resolved.Name != Library || !Resolved.Found || Resolved.Path.empty())
      continue;
    std::optional<MemberRef> Hit = Files.lookup(Resolved.Path);
    const report::BinaryReport *Provider = Hit ? Files.binary(*Hit) : nullptr;
    if (!Provider)
      return std::nullopt;
    return BundledProvider{Provider, Resolved.Path};
  }
  return std::nullopt;
}

/// The package's copy of Library (a member of that file name) when the binary's resolution
/// found the runtime's copy instead; empty when the package has none or its copy is the one
/// loaded.
std::string shadowedBundledCopy(const FunctionFileSystem &Files,
                                const report::DependencyResolution &Dependencies,
                                const std::string &Library) {
  for (const report::ResolvedLibrary &Resolved : Dependencies.Libraries) {
    if (Resolved.Name != Library || !Resolved.Found || Resolved.Path.empty() ||
        FunctionFileSystem::inPackage(Resolved.Path))
      continue;
    for (const SourceContents &Contents : Files.sources())
      for (const Member &M : Contents.Members)
        if (M.Binary >= 0 && sys::path::filename(M.Path) == Library)
          return M.Path;
  }
  return "";
}

class BinaryChecker {
public:
  BinaryChecker(const FunctionFileSystem &Files, const RuntimeResult &Runtime,
                const PackageOptions &Options, const rules::RuleSet &Rules)
      : Files(Files), Runtime(Runtime), Options(Options), Rules(Rules) {}

  /// Checks binary B of the package at Where (its member), resolved as Dependencies.
  void check(const report::BinaryReport &B, const report::DependencyResolution &Dependencies,
             const report::Location &Where, std::optional<MemberRef> Member);

  BinaryChecks Result;

private:
  const FunctionFileSystem &Files;
  const RuntimeResult &Runtime;
  const PackageOptions &Options;
  const rules::RuleSet &Rules;
};

void BinaryChecker::check(const report::BinaryReport &B,
                          const report::DependencyResolution &Dependencies,
                          const report::Location &Where, std::optional<MemberRef> Member) {
  // checkBinary compares a report's highest required versions with the runtime's: give it one
  // that requires only what the runtime (not a bundled copy) provides.
  report::BinaryReport Checked = B;
  Checked.Dependencies = Dependencies;
  Checked.Dynamic.MaxVersions.clear();
  Checked.Dynamic.VersionNeeds.clear();
  bool Bundled = false;
  for (const report::VersionNeed &Need : B.Dynamic.VersionNeeds) {
    std::optional<BundledProvider> Provider = bundledProvider(Files, Dependencies, Need.Library);
    Bundled = Bundled || Provider.has_value();
    if (!Provider)
      Checked.Dynamic.VersionNeeds.push_back(Need);
    for (const std::string &Tag : Need.Versions) {
      std::optional<VersionTag> Version = parseVersionTag(Tag);
      if (!Version) {
        // A name without a number is looked up in the bundled copy's definitions.
        if (!Provider)
          continue;
        const std::vector<std::string> &Names = Provider->Binary->Dynamic.DefinedVersions;
        if (!Names.empty() && std::find(Names.begin(), Names.end(), Tag) == Names.end())
          if (auto F = packageFinding(Rules, ids::GlibcTooNew, Where,
                                      "needs version " + Tag + " of " + Need.Library +
                                          ", a name the bundled copy " + Provider->RuntimePath +
                                          " does not define: the loader fails with \"version `" +
                                          Tag + "' not found\"",
                                      "bundle the library the binary was linked against"))
            Result.Findings.push_back(std::move(*F));
        continue;
      }
      if (!Provider) {
        std::string &Max = Checked.Dynamic.MaxVersions[Version->Family];
        auto Current = parseVersionNumbers(Max);
        if (!Current || compareVersions(Version->Numbers, *Current) > 0)
          Max = Version->text();
        continue;
      }
      const auto &Defined = Provider->Binary->Dynamic.MaxDefinedVersions;
      auto Def = Defined.find(Version->Family);
      auto Have = Def == Defined.end() ? std::nullopt : parseVersionNumbers(Def->second);
      if (!Have || compareVersions(Version->Numbers, *Have) <= 0)
        continue;
      if (auto F = packageFinding(Rules, ids::GlibcTooNew, Where,
                                  "needs " + Tag + " from " + Need.Library +
                                      ", but the bundled copy " + Provider->RuntimePath +
                                      " defines only up to " + Version->Family + "_" + Def->second +
                                      ": the loader fails with \"version `" + Tag + "' not found\"",
                                  "bundle the library the binary was linked against"))
        Result.Findings.push_back(std::move(*F));
    }
  }
  if (Bundled && Member)
    Result.CheckedAgainstBundled.push_back(*Member);
  CheckOptions Check;
  Check.Arch = Options.Arch;
  Check.Runtime = Runtime.Runtime;
  Check.RuntimeRootSearched = !Options.Sysroot.empty();
  size_t First = Result.Findings.size();
  checkBinary(Checked, Rules, Check, Result.Findings, Result.RunNotes);
  std::string Shadowed = shadowedBundledCopy(Files, Dependencies, "libc.so.6");
  // checkBinary names the binary by its path; the package part says where it is.
  for (size_t I = First; I < Result.Findings.size(); ++I) {
    report::Finding &F = Result.Findings[I];
    F.Where.Source = Where.Source;
    F.Where.Member = Where.Member;
    if (F.Rule == ids::GlibcTooNew && !Shadowed.empty()) {
      F.Message += "; the package's " + Shadowed +
                   " is not used: Lambda's LD_LIBRARY_PATH searches the runtime's folders "
                   "before /var/task/lib";
      F.FixHint = "start the program through the bundled loader (lib/ld-linux-*.so.* "
                  "--library-path $LAMBDA_TASK_ROOT/lib, as aws-lambda-cpp's packager does), or "
                  "build for the runtime's glibc";
    }
  }
}

} // namespace

std::optional<report::Finding> packageFinding(const rules::RuleSet &Rules, std::string_view Rule,
                                              report::Location Where, std::string Message,
                                              std::string Fix) {
  std::string Key = Where.File + ":" + Message.substr(0, 60);
  return report::makeFinding(Rules, Rule, std::move(Where), std::move(Message), std::move(Fix),
                             {Key});
}

CheckResult checkPackageSizes(const FunctionFileSystem &Files, const SizesResult &Sizes,
                              const rules::RuleSet &Rules) {
  const auto *Zipped = Rules.sourcedValue("limits.zipped-upload-bytes");
  const auto *Unzipped = Rules.sourcedValue("limits.unzipped-bytes");
  const auto *MaxLayers = Rules.sourcedValue("limits.layers");
  SizeChecker Checker(Files, Rules);
  if (const std::optional<uint64_t> &ArchiveBytes = Files.function().Info.ArchiveBytes)
    Checker.check(double(ArchiveBytes.value()), Zipped, "the .zip for direct upload",
                  "upload through S3 (the limit is for direct upload), or remove the removable "
                  "bytes listed in the report");
  Checker.check(double(Sizes.TotalUncompressedBytes), Unzipped,
                Files.layerCount() ? "the unzipped function with its layers"
                                   : "the unzipped function",
                "remove what the report lists as removable, move large dependencies out, or use "
                "a container image (10 GB)");
  if (MaxLayers && double(Files.layerCount()) > MaxLayers->Value)
    Checker.add(formatv("{0} layers, more than the {1} a function may have ({2})",
                        Files.layerCount(), MaxLayers->Value, MaxLayers->Source)
                    .str(),
                "merge layers", std::nullopt);
  if (!Zipped || !Unzipped || !MaxLayers)
    Checker.Result.RunNotes.push_back(
        "rule set lacks a limits.* value: some package-size checks not run");
  return std::move(Checker.Result);
}

UnsafeResult checkUnsafeEntries(const FunctionFileSystem &Files, const rules::RuleSet &Rules) {
  UnsafeResult Result;
  const std::vector<SourceContents> &Sources = Files.sources();
  for (size_t Source = 0; Source < Sources.size(); ++Source) {
    const SourceContents &Contents = Sources[Source];
    std::vector<report::UnsafeEntry> Entries = Contents.Unsafe;
    // A link out of the package: whatever unpacks or serves the archive follows it.
    for (const Member &M : Contents.Members)
      if (M.Type == MemberType::Symlink &&
          !resolveLinkTarget(M.Path, M.LinkTarget, Contents.Info.Mount))
        Entries.push_back({Contents.Info.Path, printableName(M.Path), "symlink-outside",
                           "a symbolic link to '" + printableName(M.LinkTarget) +
                               "', outside the package (" + Contents.Info.Mount +
                               "): whatever unpacks or serves the archive follows it out"});
    for (report::UnsafeEntry &Entry : Entries) {
      if (auto F =
              packageFinding(Rules, ids::UnsafeArchive, Files.location(Source, ""),
                             "entry '" + Entry.Name + "' (" + Entry.Kind + "): " + Entry.Detail,
                             unsafeEntryFix(Entry.Kind)))
        Result.Findings.push_back(std::move(*F));
      Result.Entries.push_back(std::move(Entry));
    }
  }
  return Result;
}

BinaryChecks checkBinaries(const FunctionFileSystem &Files,
                           const std::vector<ResolvedBinary> &Resolved,
                           const RuntimeResult &Runtime, const PackageOptions &Options,
                           const rules::RuleSet &Rules) {
  BinaryChecker Checker(Files, Runtime, Options, Rules);
  std::map<MemberRef, const report::DependencyResolution *> ResolvedOf;
  for (const ResolvedBinary &Binary : Resolved)
    ResolvedOf[Binary.Member] = &Binary.Dependencies;
  const std::vector<SourceContents> &Sources = Files.sources();
  for (size_t Source = 0; Source < Sources.size(); ++Source) {
    const SourceContents &Contents = Sources[Source];
    // Binary index -> its member. A binary an entry of the same name replaced has none.
    std::vector<std::optional<MemberRef>> MemberOf(Contents.Binaries.size());
    for (size_t Index = 0; Index < Contents.Members.size(); ++Index)
      if (Contents.Members[Index].Binary >= 0)
        MemberOf[size_t(Contents.Members[Index].Binary)] = MemberRef{Source, Index};
    for (size_t Binary = 0; Binary < Contents.Binaries.size(); ++Binary) {
      const report::BinaryReport &B = Contents.Binaries[Binary];
      std::optional<MemberRef> Member = MemberOf[Binary];
      // Statically linked and relocatable binaries keep what the reader found.
      const report::DependencyResolution *Dependencies = &B.Dependencies;
      if (auto It = Member ? ResolvedOf.find(*Member) : ResolvedOf.end(); It != ResolvedOf.end())
        Dependencies = It->second;
      report::Location Where;
      if (Member) {
        Where = Files.location(*Member);
      } else {
        Where.File = B.Path;
        Where.Source = Contents.Info.Path;
      }
      Checker.check(B, *Dependencies, Where, Member);
    }
  }
  return std::move(Checker.Result);
}

} // namespace coldstart::inspect::detail
