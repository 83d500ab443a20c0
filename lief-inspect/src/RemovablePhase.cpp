// The removable-bytes phase: what the package carries that the function does not need at run
// time (rule-set patterns such as bytecode caches and tests, identical copies, symbol tables and
// debug info), each byte counted once; and the heavy dependencies of the rule set found in it.
#include "PackagePhases.h"

#include "coldstart/report/Format.h"
#include "coldstart/rules/RuleIds.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <cstring>
#include <set>

namespace coldstart::inspect::detail {

using namespace llvm;
namespace ids = rules::ids;

namespace {

constexpr size_t DuplicateGroupsListed = 50;

/// The bytecode caches the runtime's own Python reads (".cpython-312.pyc", from the manifest's
/// bytecode-tag): caches with another tag are dead bytes. Empty unless the runtime says.
std::string usedBytecodeSuffix(const rules::RuntimeManifest *Runtime) {
  if (!Runtime || Runtime->BytecodeTag.empty())
    return "";
  return "." + Runtime->BytecodeTag + ".pyc";
}

class RemovableFinder {
public:
  RemovableFinder(const FunctionFileSystem &Files, const RuntimeResult &Runtime,
                  const rules::RuleSet &Rules)
      : Files(Files), Rules(Rules), BytecodeTag(usedBytecodeSuffix(Runtime.Runtime)) {}

  RemovableResult run() {
    matchPatterns();
    findDuplicates();
    findDebugInfo();
    for (auto &Entry : ByPattern)
      Result.Items.push_back(std::move(Entry.second));
    std::sort(Result.Items.begin(), Result.Items.end(), [](const auto &A, const auto &B) {
      return A.Bytes != B.Bytes ? A.Bytes > B.Bytes : A.Path < B.Path;
    });
    for (const report::RemovableItem &Item : Result.Items)
      Result.Bytes += Item.Bytes;
    return std::move(Result);
  }

private:
  const FunctionFileSystem &Files;
  const rules::RuleSet &Rules;
  std::string BytecodeTag;
  RemovableResult Result;
  /// (pattern, top folder as shown) -> what the pattern removes there.
  std::map<std::pair<std::string, std::string>, report::RemovableItem> ByPattern;
  std::set<MemberRef> Counted; // members already removable: no byte is counted twice

  template <typename Visit> void forEachFile(Visit &&Fn) const {
    const std::vector<SourceContents> &Sources = Files.sources();
    for (size_t Source = 0; Source < Sources.size(); ++Source)
      for (size_t Index = 0; Index < Sources[Source].Members.size(); ++Index) {
        MemberRef At{Source, Index};
        if (Files.member(At).Type == MemberType::File)
          Fn(At, Files.member(At));
      }
  }

  void matchPatterns();
  void findDuplicates();
  void findDebugInfo();
};

void RemovableFinder::matchPatterns() {
  forEachFile([&](MemberRef At, const Member &M) {
    StringRef Path = M.Path;
    SmallVector<StringRef, 16> Parts;
    Path.split(Parts, '/');
    for (const rules::RemovablePattern &Pattern : Rules.Packages.Removable) {
      if (!Pattern.Enabled)
        continue;
      bool Hit = false;
      for (size_t K = 0; K + 1 < Parts.size() && !Hit; ++K)
        Hit = std::find(Pattern.Folders.begin(), Pattern.Folders.end(), Parts[K]) !=
              Pattern.Folders.end();
      for (const std::string &Suffix : Pattern.Suffixes)
        Hit = Hit || Path.ends_with(Suffix);
      if (!Hit)
        continue;
      if (!BytecodeTag.empty() && Path.ends_with(".pyc") && Path.ends_with(BytecodeTag))
        return; // a cache the runtime reads: not removable
      std::string Top = Parts.size() > 1 ? Parts[0].str() + "/" : std::string();
      std::string Shown = Files.displayPath(At.Source, Top);
      report::RemovableItem &Item = ByPattern[{Pattern.Name, Shown}];
      Item.Path = Shown.empty() ? "." : Shown;
      Item.Category = Pattern.Name;
      Item.Bytes += M.Bytes;
      ++Item.Files;
      Item.Reason = Pattern.What + ": " + Pattern.Why;
      Counted.insert(At);
      return;
    }
  });
}

void RemovableFinder::findDuplicates() {
  // Same size and same 128-bit hash, across the package and its layers.
  std::map<std::pair<uint64_t, ContentHash>, std::vector<MemberRef>> Groups;
  forEachFile([&](MemberRef At, const Member &M) {
    if (M.Bytes > 0)
      Groups[{M.Bytes, M.Hash}].push_back(At);
  });
  std::vector<report::DuplicateGroup> Duplicates;
  uint64_t ExtraBytes = 0, ExtraFiles = 0;
  for (const auto &[Key, Copies] : Groups) {
    if (Copies.size() < 2)
      continue;
    report::DuplicateGroup Group;
    Group.BytesEach = Key.first;
    for (MemberRef At : Copies)
      Group.Paths.push_back(Files.displayPath(At));
    std::sort(Group.Paths.begin(), Group.Paths.end());
    // All but one copy are removable (those not already removable by a pattern).
    bool KeptOne = false;
    for (MemberRef At : Copies) {
      if (Counted.count(At))
        continue;
      if (!KeptOne) {
        KeptOne = true;
        continue;
      }
      Counted.insert(At);
      ExtraBytes += Key.first;
      ++ExtraFiles;
    }
    Duplicates.push_back(std::move(Group));
  }
  std::sort(Duplicates.begin(), Duplicates.end(), [](const auto &A, const auto &B) {
    uint64_t WA = A.BytesEach * (A.Paths.size() - 1), WB = B.BytesEach * (B.Paths.size() - 1);
    return WA != WB ? WA > WB : A.Paths < B.Paths;
  });
  if (ExtraFiles) {
    report::RemovableItem Item;
    Item.Path = formatv("{0} groups of identical files", Duplicates.size()).str();
    Item.Category = "duplicate";
    Item.Bytes = ExtraBytes;
    Item.Files = ExtraFiles;
    Item.Reason = "files with identical content (same size and 128-bit xxh3 hash): keep one copy, "
                  "or a symbolic link where two names are needed";
    Result.Items.push_back(std::move(Item));
  }
  if (Duplicates.size() > DuplicateGroupsListed)
    Duplicates.resize(DuplicateGroupsListed);
  Result.Duplicates = std::move(Duplicates);
}

void RemovableFinder::findDebugInfo() {
  // Symbol tables and debug info of binaries that stay in the package.
  const std::vector<SourceContents> &Sources = Files.sources();
  for (size_t Source = 0; Source < Sources.size(); ++Source)
    for (size_t Index = 0; Index < Sources[Source].Members.size(); ++Index) {
      MemberRef At{Source, Index};
      const report::BinaryReport *B = Files.binary(At);
      if (!B || Counted.count(At) || !B->Size.RemovableBytes)
        continue;
      report::RemovableItem Item;
      Item.Path = B->Path;
      Item.Category = "debug-info";
      Item.Bytes = B->Size.RemovableBytes;
      Item.Files = 1;
      Item.Reason =
          "symbol tables and debug info that strip removes (" + join(B->Size.Removable, ", ") + ")";
      Result.Items.push_back(std::move(Item));
    }
}

/// Where a heavy dependency's folder sits: the folder above it and the package name it matched.
struct HeavyMatch {
  std::string Parent, Package;
};

/// Whether Folder of source Source is one of H's packages where its ecosystem imports from (the
/// rule set's import roots for the function or for a layer).
std::optional<HeavyMatch> matchHeavy(const rules::HeavyDependency &H,
                                     const rules::PackagePolicy &Policy, StringRef Folder,
                                     size_t Source) {
  auto Ecosystem = std::find_if(Policy.Ecosystems.begin(), Policy.Ecosystems.end(),
                                [&](const rules::Ecosystem &E) { return E.Name == H.Ecosystem; });
  if (Ecosystem == Policy.Ecosystems.end())
    return std::nullopt;
  const std::vector<rules::NamePattern> &Roots =
      Source == 0 ? Ecosystem->FunctionImportRoots : Ecosystem->LayerImportRoots;
  for (const std::string &Package : H.Packages) {
    if (!Folder.ends_with(Package) ||
        (Folder.size() > Package.size() && Folder[Folder.size() - Package.size() - 1] != '/'))
      continue;
    StringRef Parent = Folder.drop_back(Package.size()).rtrim('/');
    if (std::any_of(Roots.begin(), Roots.end(),
                    [&](const rules::NamePattern &Root) { return Root.matches(Parent); }))
      return HeavyMatch{Parent.str(), Package};
  }
  return std::nullopt;
}

/// The version of a dependency: its package.json's "version", or its *.dist-info folder's name.
std::string heavyVersion(const rules::HeavyDependency &H, const SourceContents &Contents,
                         const SourceSizes &Sizes, const std::string &Folder,
                         const HeavyMatch &Match) {
  if (H.Ecosystem == "nodejs") {
    auto PackageJson = Contents.ByPath.find(Folder + "/package.json");
    if (PackageJson == Contents.ByPath.end())
      return "";
    StringRef Text = Contents.Members[PackageJson->second].Text;
    size_t Key = Text.find("\"version\"");
    if (Key == StringRef::npos)
      return "";
    StringRef Value = Text.drop_front(Key + 9).ltrim(" \t\r\n:").ltrim(" \t\"");
    return Value.take_until([](char C) { return C == '"'; }).str();
  }
  std::string Prefix = (Match.Parent.empty() ? "" : Match.Parent + "/") + Match.Package + "-";
  auto It = Sizes.FolderTotals.lower_bound(Prefix);
  if (It == Sizes.FolderTotals.end() || !StringRef(It->first).starts_with(Prefix) ||
      !StringRef(It->first).ends_with(".dist-info"))
    return "";
  return StringRef(It->first).drop_front(Prefix.size()).drop_back(strlen(".dist-info")).str();
}

} // namespace

RemovableResult findRemovable(const FunctionFileSystem &Files, const RuntimeResult &Runtime,
                              const rules::RuleSet &Rules) {
  return RemovableFinder(Files, Runtime, Rules).run();
}

HeavyDependencyResult findHeavyDependencies(const FunctionFileSystem &Files,
                                            const SizesResult &Sizes, const std::string &Family,
                                            const rules::RuleSet &Rules) {
  HeavyDependencyResult Result;
  const std::vector<SourceContents> &Sources = Files.sources();
  for (const rules::HeavyDependency &H : Rules.Packages.HeavyDependencies) {
    if (!H.Enabled || (!Family.empty() && Family != "custom" && H.Ecosystem != Family))
      continue;
    for (size_t Source = 0; Source < Sources.size(); ++Source) {
      for (const auto &[Folder, Totals] : Sizes.Sources[Source].FolderTotals) {
        if (Folder.empty())
          continue;
        std::optional<HeavyMatch> Match = matchHeavy(H, Rules.Packages, Folder, Source);
        if (!Match)
          continue;
        report::HeavyDependencyFound Found;
        Found.Name = H.Name;
        Found.Ecosystem = H.Ecosystem;
        Found.Path = Files.displayPath(Source, Folder);
        Found.Bytes = Totals.Bytes;
        Found.Files = Totals.Files;
        Found.ProvidedByRuntime = H.ProvidedByRuntime;
        Found.Why = H.Why;
        Found.Fix = H.Fix;
        Found.Version = heavyVersion(H, Sources[Source], Sizes.Sources[Source], Folder, *Match);
        if (!H.MajorVersion.empty() && !Found.Version.empty() &&
            StringRef(Found.Version).split('.').first != H.MajorVersion)
          continue;
        std::string Message = Found.Name + " is bundled" +
                              (Found.Version.empty() ? "" : " (version " + Found.Version + ")") +
                              ": " + report::groupedDigits(Found.Bytes) + " bytes in " +
                              report::groupedDigits(Found.Files) + " files under " + Found.Path;
        if (!H.MajorVersion.empty() && Found.Version.empty())
          Message += " (its package.json was not readable: major version " + H.MajorVersion +
                     " not confirmed)";
        Message += "; " + Found.Why;
        if (auto F = packageFinding(Rules, ids::HeavyDependency, Files.location(Source, Folder),
                                    std::move(Message), Found.Fix))
          Result.Findings.push_back(std::move(*F));
        Result.Found.push_back(std::move(Found));
      }
    }
  }
  std::sort(Result.Found.begin(), Result.Found.end(),
            [](const auto &A, const auto &B) { return A.Bytes > B.Bytes; });
  return Result;
}

} // namespace coldstart::inspect::detail
