// The package pass: reads the function package and its layers (PackageReader), lays them out
// as Lambda does (the package at /var/task, layers merged under /opt in order), follows the
// bootstrap, resolves every ELF member's libraries as the runtime's loader would, and turns
// sizes, dependencies, removable bytes and unsafe entries into the report and its findings.
#include "BootstrapScript.h"
#include "PackageReader.h"
#include "Versions.h"
#include "coldstart/report/Format.h"

#include "coldstart/inspect/ArtifactChecks.h"
#include "coldstart/inspect/Dependencies.h"
#include "coldstart/inspect/ElfInspector.h"
#include "coldstart/inspect/Package.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <set>

namespace coldstart::inspect {

using namespace llvm;
using detail::Member;
using detail::MemberType;
using detail::SourceContents;
using report::Finding;

namespace {

constexpr const char *TaskRoot = "/var/task";
constexpr const char *LayerRoot = "/opt";
// Size tree display: children listed per folder, depth, and the share of a source's bytes a
// folder needs to be opened (a display choice, not a cost figure).
constexpr size_t TreeChildren = 8;
constexpr unsigned TreeDepth = 4;
constexpr double TreeOpenShare = 0.02;
constexpr size_t DuplicateGroupsListed = 50;
constexpr unsigned MaxLinkHops = 40; // as the kernel's symlink limit

std::string mb(uint64_t N) {
  return formatv("{0:F1} MB", double(N) / 1e6).str();
}

struct FolderStats {
  uint64_t Bytes = 0, Compressed = 0, Files = 0;
};

/// One package source with the derived indexes the analysis needs.
struct Source {
  SourceContents C;
  std::map<std::string, FolderStats> Folders; // every folder ("" = root) -> totals beneath it
};

class Analysis {
public:
  Analysis(const rules::RuleSet &Rules, const PackageOptions &Options, report::ArtifactReport &R)
      : Rules(Rules), Options(Options), R(R), P(R.Package) {}

  Error run(const std::string &Function, const std::vector<std::string> &Layers);

private:
  const rules::RuleSet &Rules;
  const PackageOptions &Options;
  report::ArtifactReport &R;
  report::PackageReport &P;
  std::vector<Source> Sources;
  /// The function's file system: runtime path -> (source, member). Layers merged in order.
  std::map<std::string, std::pair<size_t, size_t>> Fs;
  std::optional<rules::RuntimeManifest> DefaultPath; // LD_LIBRARY_PATH when no --runtime
  const rules::RuntimeManifest *Runtime = nullptr;
  std::string Family;

  const Member &member(std::pair<size_t, size_t> At) const {
    return Sources[At.first].C.Members[At.second];
  }
  std::string runtimePath(size_t S, const std::string &Path) const {
    return Sources[S].C.Info.Mount + "/" + Path;
  }
  std::string display(size_t S, const std::string &Path) const {
    return detail::displayPath(Sources[S].C.Info, Path);
  }

  void finding(const char *Rule, std::string Where, std::string Message, std::string Category,
               std::string Fix, std::optional<rules::Severity> Level = std::nullopt) {
    if (!Rules.isEnabled(Rule))
      return;
    Finding F;
    F.Rule = Rule;
    F.Level = Level ? *Level : Rules.severityFor(Rule);
    F.Where.File = std::move(Where);
    F.Message = std::move(Message);
    F.Category = std::move(Category);
    F.FixHint = std::move(Fix);
    F.FingerprintKey = F.Rule + ":" + F.Where.File + ":" + F.Message.substr(0, 60);
    R.Findings.push_back(std::move(F));
  }

  /// Follows symlinks inside the function's file system; nullopt when nothing (or a link out of
  /// the package, or a loop) is there.
  std::optional<std::pair<size_t, size_t>> lookup(std::string Path) const {
    for (unsigned Hop = 0; Hop <= MaxLinkHops; ++Hop) {
      SmallString<256> Clean(Path);
      sys::path::remove_dots(Clean, /*remove_dot_dot=*/true, sys::path::Style::posix);
      auto It = Fs.find(std::string(Clean));
      if (It == Fs.end())
        return std::nullopt;
      const Member &M = member(It->second);
      if (M.Type != MemberType::Symlink)
        return It->second;
      const auto &Info = Sources[It->second.first].C.Info;
      auto T = detail::resolveLinkTarget(M.Path, M.LinkTarget, Info.Mount);
      if (!T)
        return std::nullopt;
      Path = Info.Mount + "/" + *T;
    }
    return std::nullopt;
  }

  void layOut();
  void sizeSources();
  void checkLinks();
  void chooseRuntime();
  void followBootstrap();
  void resolveBinaries();
  void findHeavyDependencies();
  void findRemovable();
  void checkSizes();
  void reportUnsafe();
};

Error Analysis::run(const std::string &Function, const std::vector<std::string> &Layers) {
  std::vector<std::pair<std::string, bool>> Inputs = {{Function, false}};
  for (const auto &L : Layers)
    Inputs.push_back({L, true});
  unsigned Index = 0;
  for (const auto &[Path, IsLayer] : Inputs) {
    Source S;
    auto &I = S.C.Info;
    I.Path = Path;
    I.Role = IsLayer ? "layer" : "function";
    I.Mount = IsLayer ? LayerRoot : TaskRoot;
    I.LayerIndex = IsLayer ? ++Index : 0;
    auto Kind = packageKind(Path);
    if (!Kind)
      return Kind.takeError();
    if (*Kind == "elf")
      return createStringError(inconvertibleErrorCode(),
                               Path + ": an ELF file, not a package" +
                                   (IsLayer ? " (a layer is a .zip or a folder)" : ""));
    I.Kind = *Kind;
    if (Error E = detail::readSource(S.C, Options.Limits, Rules))
      return E;
    Sources.push_back(std::move(S));
  }
  R.Kind = Sources[0].C.Info.Kind;
  layOut();
  sizeSources();
  checkLinks();
  chooseRuntime();
  followBootstrap();
  resolveBinaries();
  findHeavyDependencies();
  findRemovable();
  checkSizes();
  reportUnsafe();
  // Which package or layer holds each member a finding is on (SARIF reports on the file).
  for (const auto &F : R.Findings) {
    const std::string &File = F.Where.File;
    for (size_t S = Sources.size(); S-- > 0;) {
      const auto &C = Sources[S].C;
      StringRef Rel = File;
      if (C.Info.Role == "layer" && !Rel.consume_front(std::string(LayerRoot) + "/"))
        continue;
      if (C.Info.Path == File || C.ByPath.count(Rel.str()) || Sources[S].Folders.count(Rel.str())) {
        P.MemberSources.emplace(File, C.Info.Path);
        break;
      }
    }
  }
  for (auto &S : Sources) {
    for (auto &B : S.C.Binaries)
      R.Binaries.push_back(std::move(B));
    for (auto &N : S.C.Skipped)
      P.Skipped.push_back(std::move(N));
    P.Sources.push_back(std::move(S.C.Info));
  }
  const auto &L = Options.Limits;
  P.Limits = formatv("at most {0} entries and {1} unpacked bytes per archive (--max-entries, "
                     "--max-unpacked-bytes); ELF members inspected in memory up to {2} bytes "
                     "(--max-member-bytes); scripts and manifests read up to {3} bytes",
                     report::groupedDigits(L.MaxEntries), report::groupedDigits(L.MaxUnpackedBytes),
                     report::groupedDigits(L.MaxMemberBytes), report::groupedDigits(L.MaxTextBytes))
                 .str();
  return Error::success();
}

void Analysis::layOut() {
  for (size_t S = 0; S < Sources.size(); ++S) {
    const auto &C = Sources[S].C;
    for (size_t M = 0; M < C.Members.size(); ++M)
      Fs[runtimePath(S, C.Members[M].Path)] = {S, M};
  }
}

void Analysis::sizeSources() {
  for (auto &S : Sources) {
    auto &I = S.C.Info;
    for (const Member &M : S.C.Members) {
      switch (M.Type) {
      case MemberType::Folder:
        ++I.Folders;
        S.Folders[M.Path];
        continue;
      case MemberType::Symlink:
        ++I.Symlinks;
        continue;
      case MemberType::Other:
        continue;
      case MemberType::File:
        break;
      }
      ++I.Files;
      I.ElfFiles += M.Elf;
      I.UncompressedBytes += M.Bytes;
      I.CompressedBytes += M.CompressedBytes;
      // Every ancestor folder, the root included.
      StringRef Dir = M.Path;
      while (true) {
        size_t Slash = Dir.rfind('/');
        Dir = Slash == StringRef::npos ? StringRef() : Dir.take_front(Slash);
        auto &F = S.Folders[Dir.str()];
        F.Bytes += M.Bytes;
        F.Compressed += M.CompressedBytes;
        ++F.Files;
        if (Dir.empty())
          break;
      }
    }
    I.Method = I.Kind == "zip"
                   ? "every entry decompressed with libarchive and its bytes counted (the "
                     "central directory's declared sizes are only compared); compressed sizes "
                     "from the central directory; the archive's own size from the file system"
                   : "every regular file of the folder read (memory-mapped) and its bytes "
                     "counted; symbolic links not followed";

    // The size tree: the largest children of each folder, opened while they matter.
    std::map<std::string, std::vector<std::string>> Children; // folder -> child paths
    for (const auto &[Path, Stats] : S.Folders)
      if (!Path.empty()) {
        size_t Slash = Path.rfind('/');
        Children[Slash == std::string::npos ? "" : Path.substr(0, Slash)].push_back(Path);
      }
    for (const Member &M : S.C.Members)
      if (M.Type == MemberType::File) {
        size_t Slash = M.Path.rfind('/');
        Children[Slash == std::string::npos ? "" : M.Path.substr(0, Slash)].push_back(M.Path);
      }
    uint64_t Total = std::max<uint64_t>(1, I.UncompressedBytes);
    std::function<void(report::SizeTreeNode &, unsigned)> Build = [&](report::SizeTreeNode &N,
                                                                      unsigned Depth) {
      auto It = Children.find(N.Path);
      if (It == Children.end())
        return;
      std::vector<report::SizeTreeNode> Kids;
      for (const std::string &Path : It->second) {
        report::SizeTreeNode K;
        K.Path = Path;
        K.Name = Path.substr(Path.rfind('/') + 1);
        auto F = S.Folders.find(Path);
        if (F != S.Folders.end()) {
          K.Folder = true;
          K.Bytes = F->second.Bytes;
          K.CompressedBytes = F->second.Compressed;
          K.Files = F->second.Files;
        } else {
          const Member &M = S.C.Members[S.C.ByPath.at(Path)];
          K.Bytes = M.Bytes;
          K.CompressedBytes = M.CompressedBytes;
          K.Files = 1;
        }
        Kids.push_back(std::move(K));
      }
      std::sort(Kids.begin(), Kids.end(), [](const auto &A, const auto &B) {
        return A.Bytes != B.Bytes ? A.Bytes > B.Bytes : A.Path < B.Path;
      });
      for (auto &K : Kids) {
        bool Listed = N.Children.size() < TreeChildren &&
                      (double(K.Bytes) >= TreeOpenShare * double(Total) || N.Children.empty());
        if (!Listed) {
          ++N.OmittedChildren;
          N.OmittedBytes += K.Bytes;
          continue;
        }
        if (K.Folder && Depth + 1 < TreeDepth && double(K.Bytes) >= TreeOpenShare * double(Total))
          Build(K, Depth + 1);
        N.Children.push_back(std::move(K));
      }
    };
    I.Tree.Folder = true;
    I.Tree.Bytes = I.UncompressedBytes;
    I.Tree.CompressedBytes = I.CompressedBytes;
    I.Tree.Files = I.Files;
    Build(I.Tree, 0);
  }
  P.TotalUncompressedBytes = 0;
  for (const auto &S : Sources)
    P.TotalUncompressedBytes += S.C.Info.UncompressedBytes;
  const auto &F = Sources[0].C.Info;
  R.Size.CompressedBytes = F.ArchiveBytes;
  R.Size.UncompressedBytes = F.UncompressedBytes;
  R.Size.Files = F.Files;
}

void Analysis::checkLinks() {
  for (auto &S : Sources)
    for (const Member &M : S.C.Members) {
      if (M.Type != MemberType::Symlink)
        continue;
      if (!detail::resolveLinkTarget(M.Path, M.LinkTarget, S.C.Info.Mount))
        S.C.Unsafe.push_back({S.C.Info.Path, detail::printableName(M.Path), "symlink-outside",
                              "a symbolic link to '" + detail::printableName(M.LinkTarget) +
                                  "', outside the package (" + S.C.Info.Mount +
                                  "): whatever unpacks or serves the archive follows it out"});
    }
}

void Analysis::chooseRuntime() {
  const auto &Fn = Sources[0].C;
  auto Has = [&](const std::string &Path) { return Fn.ByPath.count(Path) != 0; };
  auto InLayer = [&](const std::string &Path) {
    for (size_t S = 1; S < Sources.size(); ++S)
      if (Sources[S].C.ByPath.count(Path))
        return true;
    return false;
  };
  if (Options.Runtime) {
    Runtime = Options.Runtime;
    Family = Runtime->Family;
    P.RuntimeDetectedFrom = "--runtime " + Runtime->Name;
  } else {
    std::string Why;
    if (Has("bootstrap") || InLayer("bootstrap")) {
      Family = "custom";
      Why = Has("bootstrap") ? "a bootstrap at the package root" : "a bootstrap in a layer";
    } else {
      for (const Member &M : Fn.Members) {
        StringRef Path = M.Path;
        if (Path.contains('/'))
          continue;
        if (Path.ends_with(".py") || Path.ends_with(".dist-info")) {
          Family = "python";
          Why = Path.str() + " at the package root";
          break;
        }
        if (Path == "package.json" || Path == "node_modules" || Path.ends_with(".js") ||
            Path.ends_with(".mjs") || Path.ends_with(".cjs")) {
          Family = "nodejs";
          Why = Path.str() + " at the package root";
          break;
        }
      }
      if (Family.empty())
        for (size_t S = 1; S < Sources.size() && Family.empty(); ++S) {
          const auto &L = Sources[S].C;
          if (L.ByPath.count("python"))
            Family = "python", Why = "a python/ folder in layer " + L.Info.Path;
          else if (L.ByPath.count("nodejs"))
            Family = "nodejs", Why = "a nodejs/ folder in layer " + L.Info.Path;
        }
    }
    P.RuntimeDetectedFrom = Family.empty() ? "" : Why + " (no --runtime given)";
    if (!Family.empty())
      R.RunNotes.push_back("runtime family '" + Family + "' detected from " + Why +
                           "; give --runtime NAME to check glibc, GLIBCXX and CXXABI versions and "
                           "architectures against that runtime");
    else
      R.RunNotes.push_back("no --runtime given and none recognized from the contents: runtime "
                           "checks not run");
  }
  P.RuntimeFamily = Family;
  // Lambda's LD_LIBRARY_PATH lives in the runtime manifests; without one, the bundled
  // provided.al2023 manifest says what it is.
  if (!Runtime) {
    std::vector<rules::Diagnostic> Ignored;
    DefaultPath = rules::loadRuntimeManifest("provided.al2023", Ignored);
  }
}

void Analysis::followBootstrap() {
  auto &B = P.Bootstrap;
  std::optional<std::pair<size_t, size_t>> At;
  if (auto F = Fs.find(std::string(TaskRoot) + "/bootstrap"); F != Fs.end()) {
    At = F->second;
    B.Path = "bootstrap";
  } else if (auto L = Fs.find(std::string(LayerRoot) + "/bootstrap"); L != Fs.end()) {
    At = L->second;
    B.Path = std::string(LayerRoot) + "/bootstrap";
  }
  B.Checked = Family == "custom" || At.has_value();
  if (!B.Checked)
    return;
  std::string Where = Sources[0].C.Info.Path;
  if (!At) {
    finding("coldstart-missing-bootstrap", Where,
            "no file named bootstrap at the root of the package or of a layer: the " +
                (Runtime ? Runtime->Name : std::string("custom")) + " runtime has nothing to start",
            "runtime",
            "put the executable (or a script that execs it) at the package root as 'bootstrap'");
    return;
  }
  B.Present = true;
  B.Source = Sources[At->first].C.Info.Path;
  // A bootstrap that is a link: Lambda runs what it points to.
  auto Target = lookup(runtimePath(At->first, member(*At).Path));
  const Member &Link = member(*At);
  if (!Target) {
    finding("coldstart-missing-bootstrap", B.Path,
            "bootstrap is a symbolic link to '" + detail::printableName(Link.LinkTarget) +
                "', which is not in the package",
            "runtime", "make bootstrap a regular file, or link it to a file of the package");
    return;
  }
  const Member &M = member(*Target);
  B.ModeKnown = Link.ModeKnown && M.ModeKnown;
  B.Mode = M.Mode;
  // Lambda runs the bootstrap as a user that neither owns the file nor is in its group: the
  // "other" execute bit (and read, for a script) must be set ("Troubleshoot deployment issues
  // in Lambda": files 644, executables 755).
  bool Script = StringRef(M.Text).starts_with("#!");
  B.Kind = M.Elf ? "elf" : Script ? "script" : "other";
  B.Executable = B.ModeKnown && (M.Mode & 01) && (!Script || (M.Mode & 04));
  if (!B.ModeKnown)
    finding("coldstart-missing-bootstrap", B.Path,
            "the archive records no Unix permissions for bootstrap (made on Windows, or by a "
            "tool that drops them): Lambda unpacks it without the execute bit and the runtime "
            "fails with 'permission denied'",
            "runtime", "zip on Linux or macOS after 'chmod 755 bootstrap' (zip keeps the mode)");
  else if (!B.Executable)
    finding("coldstart-missing-bootstrap", B.Path,
            formatv(
                "bootstrap has mode {0}: Lambda runs it as a user that is neither its "
                "owner nor in its group, so it needs the other-execute bit{1}",
                [&] {
                  char Buf[16];
                  std::snprintf(Buf, sizeof(Buf), "%04o", unsigned(M.Mode));
                  return std::string(Buf);
                }(),
                Script ? " and, as a script, other-read" : "")
                .str(),
            "runtime", "chmod 755 bootstrap before zipping");
  if (B.Kind == "other") {
    B.Notes.push_back("bootstrap is neither an ELF executable nor a #! script");
    return;
  }
  if (B.Kind == "elf") {
    B.Target = B.Path;
    return;
  }
  StringRef First = StringRef(M.Text).split('\n').first.drop_front(2).trim();
  B.Interpreter = First.split(' ').first.str();
  auto C = detail::followBootstrapScript(M.Text, runtimePath(At->first, "bootstrap"));
  if (!C.Found) {
    B.Notes.push_back("script not followed: " + C.Why);
    return;
  }
  B.Command = C.Line;
  auto ToPackage = [&](const std::string &RuntimeP) -> std::string {
    auto Hit = lookup(RuntimeP);
    if (!Hit)
      return "";
    return display(Hit->first, member(*Hit).Path);
  };
  std::string Program = C.Loader ? C.Target : C.Program;
  if (C.Loader) {
    B.Loader = ToPackage(C.Program);
    B.BundledLoader = !B.Loader.empty();
    B.LibraryPath = C.LibraryPath;
    if (!B.BundledLoader &&
        (StringRef(C.Program).starts_with(TaskRoot) || StringRef(C.Program).starts_with(LayerRoot)))
      finding("coldstart-missing-bootstrap", B.Path,
              "bootstrap runs the loader " + C.Program + ", which is not in the package", "runtime",
              "package the loader the script names, or exec the program directly");
  }
  if (!C.Unexpanded.empty())
    B.Notes.push_back("words not expanded (their value is only known at run time): " +
                      join(C.Unexpanded, " "));
  bool InPackage =
      StringRef(Program).starts_with(TaskRoot) || StringRef(Program).starts_with(LayerRoot);
  if (!InPackage) {
    B.Notes.push_back("the script runs " + Program + ", which is not part of the package");
    return;
  }
  B.Target = ToPackage(Program);
  if (B.Target.empty()) {
    finding("coldstart-missing-bootstrap", B.Path,
            "bootstrap runs " + Program + ", which is not in the package", "runtime",
            "package the program the script names, or fix the path in the script");
    return;
  }
  if (B.BundledLoader) {
    double Low = Rules.value("packages.shell-bootstrap-extra-init-ms-low", -1);
    double High = Rules.value("packages.shell-bootstrap-extra-init-ms-high", -1);
    std::string Cost =
        Low >= 0 && High >= 0
            ? formatv("about {0:F0} to {1:F0} ms of extra init on provided.al2023 against a "
                      "native bootstrap, none measurable on provided.al2 ({2})",
                      Low, High,
                      Rules.sourcedValue("packages.shell-bootstrap-extra-init-ms-low")->Source)
                  .str()
            : "extra init against a native bootstrap";
    B.Notes.push_back(
        "a shell script that starts the bundled loader " + B.Loader + " on " + B.Target +
        " (the aws-lambda-cpp packager's layout) costs " + Cost +
        ". On provided.al2023 (glibc 2.34) a binary built on Amazon Linux 2023, or for glibc <= "
        "2.34, needs no bundled glibc: package it with the packager's --default-libc (-d) "
        "option, which makes the binary itself the bootstrap");
  }
}

void Analysis::resolveBinaries() {
  // Where each binary of the function's file system is.
  std::map<std::string, const report::BinaryReport *> ByRuntimePath;
  std::map<const report::BinaryReport *, std::string> RuntimePathOf;
  for (size_t S = 0; S < Sources.size(); ++S)
    for (const Member &M : Sources[S].C.Members)
      if (M.Binary >= 0) {
        const auto *B = &Sources[S].C.Binaries[size_t(M.Binary)];
        ByRuntimePath[runtimePath(S, M.Path)] = B;
        RuntimePathOf[B] = runtimePath(S, M.Path);
      }
  auto LookupFn = [&](const std::string &Path) -> std::optional<DynamicSummary> {
    if (StringRef(Path).starts_with(std::string(TaskRoot) + "/") ||
        StringRef(Path).starts_with(std::string(LayerRoot) + "/")) {
      auto Hit = lookup(Path);
      if (!Hit)
        return std::nullopt;
      const Member &M = member(*Hit);
      if (M.Binary < 0)
        return std::nullopt;
      const auto &B = Sources[Hit->first].C.Binaries[size_t(M.Binary)];
      DynamicSummary D;
      D.Arch = B.Arch;
      D.ClassBits = B.ClassBits;
      D.Needed = B.Dynamic.Needed;
      D.Rpath = B.Dynamic.Rpath;
      D.Runpath = B.Dynamic.Runpath;
      return D;
    }
    if (Options.Sysroot.empty())
      return std::nullopt;
    SmallString<256> Host(Options.Sysroot);
    sys::path::append(Host, Path);
    if (!sys::fs::is_regular_file(Host))
      return std::nullopt;
    auto S = readDynamicSummary(std::string(Host));
    if (!S) {
      consumeError(S.takeError());
      return std::nullopt;
    }
    return std::move(*S);
  };
  const rules::RuntimeManifest *PathFrom = Runtime       ? Runtime
                                           : DefaultPath ? &*DefaultPath
                                                         : nullptr;

  // The binary the bootstrap script starts with the bundled loader, and its --library-path.
  std::string LoaderTarget;
  if (P.Bootstrap.BundledLoader && !P.Bootstrap.Target.empty())
    if (auto Hit = lookup(std::string(TaskRoot) + "/" + P.Bootstrap.Target))
      LoaderTarget = runtimePath(Hit->first, member(*Hit).Path);

  for (size_t S = 0; S < Sources.size(); ++S)
    for (const Member &M : Sources[S].C.Members) {
      if (M.Binary < 0)
        continue;
      auto &B = Sources[S].C.Binaries[size_t(M.Binary)];
      if (B.StaticallyLinked || B.Type == "relocatable")
        continue;
      std::string RPath = runtimePath(S, M.Path);
      report::BinaryReport Probe = B;
      Probe.Path = RPath;
      ResolveOptions RO;
      RO.Lookup = LookupFn;
      RO.Sysroot = Options.Sysroot;
      bool ViaLoader = RPath == LoaderTarget;
      if (ViaLoader) {
        RO.ExtraDirs = P.Bootstrap.LibraryPath; // replaces LD_LIBRARY_PATH
      } else if (PathFrom) {
        RO.ExtraDirs = PathFrom->LdLibraryPath;
      }
      RO.DefaultDirs = {"/lib64", "/usr/lib64"};
      if (Runtime) {
        RO.RuntimeName = Runtime->Name;
        const rules::RuntimeManifest *Rt = Runtime;
        RO.ProvidedByRuntime = [Rt](const std::string &N) { return Rt->providesLibrary(N); };
      }
      B.Dependencies = resolveDependencies(Probe, RO);
      std::string Exact = Runtime ? (Runtime->Exact ? "an exact manifest"
                                                    : "a conservative manifest that may omit "
                                                      "libraries the image has")
                                  : "";
      B.Dependencies.Root =
          "the package (" + std::string(TaskRoot) + ")" +
          (Sources.size() > 1 ? ", its layers (/opt)" : "") +
          (Options.Sysroot.empty() ? "" : ", " + Options.Sysroot) +
          (Runtime ? " and the " + Runtime->Name + " runtime (" + Exact + ")" : "");
      B.Dependencies.Method =
          std::string("glibc ld.so search order on the function's file system (package at "
                      "/var/task, layers merged under /opt): DT_RPATH (when no DT_RUNPATH), ") +
          (ViaLoader ? "the bootstrap's --library-path " + join(P.Bootstrap.LibraryPath, ":")
                     : "LD_LIBRARY_PATH " + (PathFrom ? join(PathFrom->LdLibraryPath, ":")
                                                      : std::string("(none)"))) +
          ", DT_RUNPATH, /lib64 and /usr/lib64" +
          (Options.Sysroot.empty() ? "" : " (under " + Options.Sysroot + ")") +
          (Runtime ? ", then the libraries the runtime manifest lists" : "") +
          "; candidates of another class or machine are skipped";
      if (!Runtime && !B.Dependencies.Unresolved.empty()) {
        // Without a runtime nothing says which libraries the image has: keep the tree, drop
        // the verdict.
        B.Notes.push_back("libraries not in the package: " + join(B.Dependencies.Unresolved, ", ") +
                          " (give --runtime to check them against the runtime's libraries)");
        B.Dependencies.Unresolved.clear();
        for (auto &L : B.Dependencies.Libraries)
          if (!L.Found)
            L.Via = "not in the package (runtime not given)";
        B.Dependencies.Performed = false;
      }
      if (ViaLoader)
        B.Notes.push_back("started by the bootstrap script through the bundled loader " +
                          P.Bootstrap.Loader + " with --library-path " +
                          join(P.Bootstrap.LibraryPath, ":"));
    }
}

void Analysis::findHeavyDependencies() {
  std::string Want = Family;
  for (const auto &H : Rules.Packages.HeavyDependencies) {
    if (!H.Enabled || (!Want.empty() && Want != "custom" && H.Ecosystem != Want))
      continue;
    for (size_t S = 0; S < Sources.size(); ++S) {
      const auto &Src = Sources[S];
      for (const auto &[Folder, Stats] : Src.Folders) {
        if (Folder.empty())
          continue;
        StringRef F(Folder);
        std::string Parent, Name;
        bool Match = false;
        for (const std::string &Pkg : H.Packages) {
          if (!F.ends_with(Pkg) || (F.size() > Pkg.size() && F[F.size() - Pkg.size() - 1] != '/'))
            continue;
          StringRef Par = F.drop_back(Pkg.size()).rtrim('/');
          if (H.Ecosystem == "nodejs") {
            Match = Par == "node_modules" || Par.ends_with("/node_modules");
          } else {
            // A Python import root: the function's root, or a layer's python/ and
            // python/lib/pythonX.Y/site-packages/.
            Match = S == 0 ? Par.empty()
                           : (Par == "python" || (Par.starts_with("python/lib/python") &&
                                                  Par.ends_with("/site-packages")));
          }
          if (Match) {
            Parent = Par.str();
            Name = Pkg;
            break;
          }
        }
        if (!Match)
          continue;
        report::HeavyDependencyFound D;
        D.Name = H.Name;
        D.Ecosystem = H.Ecosystem;
        D.Path = display(S, Folder);
        D.Bytes = Stats.Bytes;
        D.Files = Stats.Files;
        D.ProvidedByRuntime = H.ProvidedByRuntime;
        D.Why = H.Why;
        D.Fix = H.Fix;
        if (H.Ecosystem == "nodejs") {
          auto PJ = Src.C.ByPath.find(Folder + "/package.json");
          if (PJ != Src.C.ByPath.end()) {
            StringRef T = Src.C.Members[PJ->second].Text;
            size_t K = T.find("\"version\"");
            if (K != StringRef::npos) {
              StringRef V = T.drop_front(K + 9).ltrim(" \t\r\n:").ltrim(" \t\"");
              D.Version = V.take_until([](char C) { return C == '"'; }).str();
            }
          }
        } else {
          std::string Prefix = (Parent.empty() ? "" : Parent + "/") + Name + "-";
          auto It = Src.Folders.lower_bound(Prefix);
          if (It != Src.Folders.end() && StringRef(It->first).starts_with(Prefix) &&
              StringRef(It->first).ends_with(".dist-info"))
            D.Version = StringRef(It->first)
                            .drop_front(Prefix.size())
                            .drop_back(strlen(".dist-info"))
                            .str();
        }
        if (!H.MajorVersion.empty() && !D.Version.empty() &&
            StringRef(D.Version).split('.').first != H.MajorVersion)
          continue;
        std::string Msg = D.Name + " is bundled" +
                          (D.Version.empty() ? "" : " (version " + D.Version + ")") + ": " +
                          report::groupedDigits(D.Bytes) + " bytes in " +
                          report::groupedDigits(D.Files) + " files under " + D.Path;
        if (!H.MajorVersion.empty() && D.Version.empty())
          Msg += " (its package.json was not readable: major version " + H.MajorVersion +
                 " not confirmed)";
        Msg += "; " + D.Why;
        finding("coldstart-heavy-dependency", D.Path, Msg, "package", D.Fix);
        P.HeavyDependencies.push_back(std::move(D));
      }
    }
  }
  std::sort(P.HeavyDependencies.begin(), P.HeavyDependencies.end(),
            [](const auto &A, const auto &B) { return A.Bytes > B.Bytes; });
}

void Analysis::findRemovable() {
  // The runtime's bytecode tag: caches with it are used, the others are dead bytes.
  std::string Tag;
  if (Runtime && Runtime->Family == "python") {
    StringRef V = StringRef(Runtime->Name).drop_front(strlen("python"));
    auto [Major, Minor] = V.split('.');
    Tag = ".cpython-" + Major.str() + Minor.str() + ".pyc";
  }
  std::map<std::pair<std::string, std::string>, report::RemovableItem> Items; // (pattern, top)
  std::set<std::pair<size_t, size_t>> Counted;
  for (size_t S = 0; S < Sources.size(); ++S)
    for (size_t I = 0; I < Sources[S].C.Members.size(); ++I) {
      const Member &M = Sources[S].C.Members[I];
      if (M.Type != MemberType::File)
        continue;
      StringRef Path = M.Path;
      SmallVector<StringRef, 16> Parts;
      Path.split(Parts, '/');
      for (const auto &Pat : Rules.Packages.Removable) {
        if (!Pat.Enabled)
          continue;
        bool Hit = false;
        for (size_t K = 0; K + 1 < Parts.size() && !Hit; ++K)
          Hit = std::find(Pat.Folders.begin(), Pat.Folders.end(), Parts[K]) != Pat.Folders.end();
        for (const auto &Suf : Pat.Suffixes)
          Hit = Hit || Path.ends_with(Suf);
        if (!Hit)
          continue;
        if (!Tag.empty() && Path.ends_with(".pyc") && Path.ends_with(Tag))
          break; // a cache the runtime reads: not removable
        std::string Top = Parts.size() > 1 ? Parts[0].str() + "/" : std::string(".");
        auto &Item = Items[{Pat.Name, display(S, Top == "." ? "" : Top)}];
        Item.Path = Top == "." ? display(S, "") : display(S, Top);
        if (Item.Path.empty())
          Item.Path = ".";
        Item.Category = Pat.Name;
        Item.Bytes += M.Bytes;
        ++Item.Files;
        Item.Reason = Pat.What + ": " + Pat.Why;
        Counted.insert({S, I});
        break;
      }
    }

  // Duplicates: same size and same 128-bit hash, across the package and its layers.
  std::map<std::pair<uint64_t, detail::ContentHash>, std::vector<std::pair<size_t, size_t>>> Groups;
  for (size_t S = 0; S < Sources.size(); ++S)
    for (size_t I = 0; I < Sources[S].C.Members.size(); ++I) {
      const Member &M = Sources[S].C.Members[I];
      if (M.Type == MemberType::File && M.Bytes > 0)
        Groups[{M.Bytes, M.Hash}].push_back({S, I});
    }
  std::vector<report::DuplicateGroup> Dups;
  uint64_t DupBytes = 0, DupFiles = 0;
  for (auto &[Key, Where] : Groups) {
    if (Where.size() < 2)
      continue;
    report::DuplicateGroup G;
    G.BytesEach = Key.first;
    for (auto [S, I] : Where)
      G.Paths.push_back(display(S, Sources[S].C.Members[I].Path));
    std::sort(G.Paths.begin(), G.Paths.end());
    // All but one copy are removable (those not already removable by a pattern).
    size_t Extra = 0;
    bool KeptOne = false;
    for (auto At : Where) {
      if (Counted.count(At))
        continue;
      if (!KeptOne) {
        KeptOne = true;
        continue;
      }
      Counted.insert(At);
      ++Extra;
    }
    DupBytes += Extra * Key.first;
    DupFiles += Extra;
    Dups.push_back(std::move(G));
  }
  std::sort(Dups.begin(), Dups.end(), [](const auto &A, const auto &B) {
    uint64_t WA = A.BytesEach * (A.Paths.size() - 1), WB = B.BytesEach * (B.Paths.size() - 1);
    return WA != WB ? WA > WB : A.Paths < B.Paths;
  });
  if (DupFiles) {
    report::RemovableItem D;
    D.Path = formatv("{0} groups of identical files", Dups.size()).str();
    D.Category = "duplicate";
    D.Bytes = DupBytes;
    D.Files = DupFiles;
    D.Reason = "files with identical content (same size and 128-bit xxh3 hash): keep one copy, "
               "or a symbolic link where two names are needed";
    P.Removable.push_back(D);
  }
  if (Dups.size() > DuplicateGroupsListed)
    Dups.resize(DuplicateGroupsListed);
  P.Duplicates = std::move(Dups);

  // Debug info and symbol tables of binaries that stay in the package.
  for (size_t S = 0; S < Sources.size(); ++S)
    for (size_t I = 0; I < Sources[S].C.Members.size(); ++I) {
      const Member &M = Sources[S].C.Members[I];
      if (M.Binary < 0 || Counted.count({S, I}))
        continue;
      const auto &B = Sources[S].C.Binaries[size_t(M.Binary)];
      if (!B.Size.RemovableBytes)
        continue;
      report::RemovableItem D;
      D.Path = B.Path;
      D.Category = "debug-info";
      D.Bytes = B.Size.RemovableBytes;
      D.Files = 1;
      D.Reason =
          "symbol tables and debug info that strip removes (" + join(B.Size.Removable, ", ") + ")";
      P.Removable.push_back(D);
    }
  for (auto &[K, Item] : Items)
    P.Removable.push_back(std::move(Item));
  std::sort(P.Removable.begin(), P.Removable.end(), [](const auto &A, const auto &B) {
    return A.Bytes != B.Bytes ? A.Bytes > B.Bytes : A.Path < B.Path;
  });
  P.RemovableBytes = 0;
  for (const auto &I : P.Removable)
    P.RemovableBytes += I.Bytes;
}

void Analysis::checkSizes() {
  const auto *Zipped = Rules.sourcedValue("limits.zipped-upload-bytes");
  const auto *Unzipped = Rules.sourcedValue("limits.unzipped-bytes");
  const auto *MaxLayers = Rules.sourcedValue("limits.layers");
  const auto *Warn = Rules.sourcedValue("limits.warn-fraction");
  double Fraction = Warn ? Warn->Value : 1;
  const std::string &Fn = Sources[0].C.Info.Path;
  auto Check = [&](double Have, const rules::SourcedValue *Limit, const std::string &What,
                   const std::string &Fix) {
    if (!Limit)
      return;
    if (Have > Limit->Value)
      finding("coldstart-package-size", Fn,
              formatv("{0} is {1} bytes ({2}), above the {3}-byte limit ({4})", What,
                      report::groupedDigits(uint64_t(Have)), mb(uint64_t(Have)),
                      report::groupedDigits(uint64_t(Limit->Value)), Limit->Source)
                  .str(),
              "package", Fix);
    else if (Warn && Have > Fraction * Limit->Value)
      finding("coldstart-package-size", Fn,
              formatv("{0} is {1} bytes ({2}), {3:F0}% of the {4}-byte limit ({5}; warning from "
                      "{6:F0}%, limits.warn-fraction)",
                      What, report::groupedDigits(uint64_t(Have)), mb(uint64_t(Have)),
                      100 * Have / Limit->Value, report::groupedDigits(uint64_t(Limit->Value)),
                      Limit->Source, 100 * Fraction)
                  .str(),
              "package", Fix, rules::Severity::Warning);
  };
  if (const std::optional<uint64_t> &ArchiveBytes = Sources[0].C.Info.ArchiveBytes)
    Check(double(ArchiveBytes.value()), Zipped, "the .zip for direct upload",
          "upload through S3 (the limit is for direct upload), or remove the removable bytes "
          "listed in the report");
  Check(double(P.TotalUncompressedBytes), Unzipped,
        Sources.size() > 1 ? "the unzipped function with its layers" : "the unzipped function",
        "remove what the report lists as removable, move large dependencies out, or use a "
        "container image (10 GB)");
  if (MaxLayers && double(Sources.size() - 1) > MaxLayers->Value)
    finding("coldstart-package-size", Fn,
            formatv("{0} layers, more than the {1} a function may have ({2})", Sources.size() - 1,
                    MaxLayers->Value, MaxLayers->Source)
                .str(),
            "package", "merge layers");
  if (!Zipped || !Unzipped || !MaxLayers)
    R.RunNotes.push_back("rule set lacks a limits.* value: some package-size checks not run");
}

void Analysis::reportUnsafe() {
  for (auto &S : Sources)
    for (auto &U : S.C.Unsafe) {
      finding("coldstart-unsafe-archive", S.C.Info.Path,
              "entry '" + U.Name + "' (" + U.Kind + "): " + U.Detail, "security",
              U.Kind == "duplicate-name" ? "rebuild the archive so every name appears once"
              : U.Kind == "size-mismatch"
                  ? "rebuild the archive with a standard zip tool; do not deploy an archive whose "
                    "headers lie"
                  : "rebuild the archive from a clean folder; do not deploy one built by an "
                    "unknown tool");
      P.Unsafe.push_back(std::move(U));
    }
  for (auto &S : Sources) {
    // Each binary's own checks. Symbol versions a library of the package provides (a bundled
    // libc.so.6, libstdc++.so.6 or ld-linux) are checked against what that copy defines; the
    // others against the runtime.
    for (auto &B : S.C.Binaries) {
      CheckOptions CO;
      CO.Arch = Options.Arch;
      CO.Runtime = Runtime;
      report::BinaryReport Checked = B;
      Checked.Dynamic.MaxVersions.clear();
      bool Bundled = false;
      for (const auto &Need : B.Dynamic.VersionNeeds) {
        const report::BinaryReport *Provider = nullptr;
        std::string ProviderPath;
        for (const auto &L : B.Dependencies.Libraries) {
          if (L.Name != Need.Library || !L.Found || L.Path.empty())
            continue;
          auto Hit = lookup(L.Path);
          if (Hit && member(*Hit).Binary >= 0) {
            Provider = &Sources[Hit->first].C.Binaries[size_t(member(*Hit).Binary)];
            ProviderPath = L.Path;
            Bundled = true;
          }
          break;
        }
        for (const auto &Tag : Need.Versions) {
          auto V = parseVersionTag(Tag);
          if (!V)
            continue;
          if (!Provider) {
            auto &Max = Checked.Dynamic.MaxVersions[V->Family];
            auto Current = parseVersionNumbers(Max);
            if (!Current || compareVersions(V->Numbers, *Current) > 0)
              Max = V->text();
            continue;
          }
          auto Def = Provider->Dynamic.MaxDefinedVersions.find(V->Family);
          auto Have = Def == Provider->Dynamic.MaxDefinedVersions.end()
                          ? std::nullopt
                          : parseVersionNumbers(Def->second);
          if (Have && compareVersions(V->Numbers, *Have) > 0)
            finding("coldstart-glibc-too-new", B.Path,
                    "needs " + Tag + " from " + Need.Library + ", but the bundled copy " +
                        ProviderPath + " defines only up to " + V->Family + "_" + Def->second +
                        ": the loader fails with \"version `" + Tag + "' not found\"",
                    "dependencies", "bundle the library the binary was linked against");
        }
      }
      if (Bundled)
        B.Notes.push_back("symbol versions of libraries bundled in the package were checked "
                          "against the bundled copies");
      checkBinary(Checked, Rules, CO, R.Findings, R.RunNotes);
    }
  }
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
  // A zip starts with a local header (or, empty, with its end record); anything else that is
  // not named .zip goes to the ELF inspector, which says what it is not.
  if (H.starts_with("PK") || StringRef(Path).ends_with_insensitive(".zip"))
    return std::string("zip");
  return std::string("elf");
}

Error inspectPackage(const std::string &Function, const std::vector<std::string> &Layers,
                     const rules::RuleSet &Rules, const PackageOptions &Options,
                     report::ArtifactReport &R) {
  R.Path = Function;
  return Analysis(Rules, Options, R).run(Function, Layers);
}

} // namespace coldstart::inspect
