// The bootstrap phase: a custom runtime's entry point, whether Lambda can run it, and what it
// really starts (a script followed the way the shell would, through a bundled loader if any).
#include "BootstrapScript.h"
#include "PackagePhases.h"
#include "Versions.h"

#include "coldstart/inspect/Dependencies.h"
#include "coldstart/inspect/ElfInspector.h"
#include "coldstart/rules/RuleIds.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

#include <cstdio>
#include <set>

namespace coldstart::inspect::detail {

using namespace llvm;
namespace ids = rules::ids;

namespace {

/// Whether a path a script names is in the package or a layer (as the script writes it).
bool namesPackagePath(StringRef Path) {
  return FunctionFileSystem::inPackage(Path);
}

/// Whether a library is one of glibc's own (libc.so.6, ld-linux, libm.so.6, libpthread.so.0,
/// libnss_files.so.2, ...): every version it defines is a GLIBC_ one, or, defining none, it
/// uses GLIBC_PRIVATE, which only glibc's libraries share. libstdc++ (GLIBCXX_, CXXABI_),
/// libgcc_s (GCC_) and libxcrypt's libcrypt (XCRYPT_ beside compatibility GLIBC_ ones) are not.
bool isGlibcLibrary(const report::BinaryReport &B) {
  // GLIBC_2.2.5, GLIBC_PRIVATE, GLIBC_ABI_DT_RELR: all glibc's.
  auto IsGlibc = [](StringRef Name) { return Name == "GLIBC" || Name.starts_with("GLIBC_"); };
  bool Defines = !B.Dynamic.MaxDefinedVersions.empty() || !B.Dynamic.DefinedVersions.empty();
  if (Defines)
    return llvm::all_of(B.Dynamic.MaxDefinedVersions,
                        [&](const auto &Entry) { return IsGlibc(Entry.first); }) &&
           llvm::all_of(B.Dynamic.DefinedVersions, IsGlibc);
  return llvm::any_of(B.Dynamic.VersionNeeds, [](const report::VersionNeed &Need) {
    return llvm::is_contained(Need.Versions, "GLIBC_PRIVATE");
  });
}

/// A > B for dotted versions; nullopt when either is not one.
std::optional<bool> newerThan(StringRef A, StringRef B) {
  auto X = parseVersionNumbers(A), Y = parseVersionNumbers(B);
  if (!X || !Y)
    return std::nullopt;
  return compareVersions(*X, *Y) > 0;
}

std::string octal(uint32_t Mode) {
  char Buf[16];
  std::snprintf(Buf, sizeof(Buf), "%04o", unsigned(Mode));
  return Buf;
}

class BootstrapFollower {
public:
  BootstrapFollower(const FunctionFileSystem &Files, const RuntimeResult &Runtime,
                    const rules::RuleSet &Rules)
      : Files(Files), Runtime(Runtime), Rules(Rules) {}

  BootstrapResult run();

private:
  const FunctionFileSystem &Files;
  const RuntimeResult &Runtime;
  const rules::RuleSet &Rules;
  BootstrapResult Result;

  void finding(report::Location Where, std::string Message, std::string Fix) {
    if (auto F = packageFinding(Rules, ids::MissingBootstrap, std::move(Where), std::move(Message),
                                std::move(Fix)))
      Result.Findings.push_back(std::move(*F));
  }
  /// What follows when the script runs Path (the program or the loader), which is not in the
  /// package: a finding, except under /opt with no layer given, where nothing is known.
  void missing(MemberRef Entry, const std::string &What, const std::string &Path,
               const std::string &Where, std::string Fix) {
    if (StringRef(Path).starts_with(std::string(LayerRoot) + "/") && Files.layerCount() == 0) {
      Result.Notes.push_back("the script runs " + What + Path + Where +
                             ", a file of a layer; no layer was given to inspect, so it is not "
                             "checked");
      return;
    }
    finding(Files.location(Entry),
            "bootstrap runs " + What + Path + Where + ", which is not in the package" +
                (Files.layerCount() ? " or its layers" : ""),
            std::move(Fix));
  }
  void checkMode(MemberRef Entry, const Member &Target, bool Script);
  void followScript(MemberRef Entry, MemberRef Target, const Member &Script);
  std::optional<report::ExtraInitRange> loaderExtraInit() const;
  std::optional<report::DefaultLibcCheck> defaultLibc() const;
  /// The folders Program searches before DT_RUNPATH: the script's, else Lambda's.
  std::vector<std::string> programLibraryPath() const;
};

BootstrapResult BootstrapFollower::run() {
  Result.Entry = Files.at(std::string(TaskRoot) + "/bootstrap");
  if (Result.Entry) {
    Result.Path = "bootstrap";
  } else {
    Result.Entry = Files.at(std::string(LayerRoot) + "/bootstrap");
    if (Result.Entry)
      Result.Path = std::string(LayerRoot) + "/bootstrap";
  }
  Result.Checked = Runtime.Family == "custom" || Result.Entry.has_value();
  if (!Result.Checked)
    return std::move(Result);
  if (!Result.Entry) {
    finding(Files.location(0, ""),
            "no file named bootstrap at the root of the package or of a layer: the " +
                (Runtime.Runtime ? Runtime.Runtime->Name : std::string("custom")) +
                " runtime has nothing to start",
            "put the executable (or a script that execs it) at the package root as 'bootstrap'");
    return std::move(Result);
  }
  const MemberRef Entry = *Result.Entry;
  // A bootstrap that is a link: Lambda runs what it points to.
  const Member &Link = Files.member(Entry);
  std::optional<MemberRef> Target = Files.lookup(Files.runtimePath(Entry));
  if (!Target) {
    finding(Files.location(Entry),
            "bootstrap is a symbolic link to '" + printableName(Link.LinkTarget) +
                "', which is not in the package",
            "make bootstrap a regular file, or link it to a file of the package");
    return std::move(Result);
  }
  const Member &M = Files.member(*Target);
  Result.ModeKnown = Link.ModeKnown && M.ModeKnown;
  Result.Mode = M.Mode;
  bool Script = StringRef(M.Text).starts_with("#!");
  Result.Kind = M.Elf ? BootstrapKind::Elf : Script ? BootstrapKind::Script : BootstrapKind::Other;
  checkMode(Entry, M, Script);
  switch (*Result.Kind) {
  case BootstrapKind::Other:
    Result.Notes.push_back("bootstrap is neither an ELF executable nor a #! script");
    break;
  case BootstrapKind::Elf:
    Result.Program = Result.Entry;
    break;
  case BootstrapKind::Script:
    followScript(Entry, *Target, M);
    break;
  }
  return std::move(Result);
}

void BootstrapFollower::checkMode(MemberRef Entry, const Member &Target, bool Script) {
  // Lambda runs the bootstrap as a user that neither owns the file nor is in its group: the
  // "other" execute bit (and read, for a script) must be set ("Troubleshoot deployment issues
  // in Lambda": files 644, executables 755).
  Result.Executable = Result.ModeKnown && (Target.Mode & 01) && (!Script || (Target.Mode & 04));
  if (!Result.ModeKnown)
    finding(Files.location(Entry),
            "the archive records no Unix permissions for bootstrap (made on Windows, or by a "
            "tool that drops them): Lambda unpacks it without the execute bit and the runtime "
            "fails with 'permission denied'",
            "zip on Linux or macOS after 'chmod 755 bootstrap' (zip keeps the mode)");
  else if (!Result.Executable)
    finding(Files.location(Entry),
            formatv("bootstrap has mode {0}: Lambda runs it as a user that is neither its "
                    "owner nor in its group, so it needs the other-execute bit{1}",
                    octal(Target.Mode), Script ? " and, as a script, other-read" : "")
                .str(),
            "chmod 755 bootstrap before zipping");
}

void BootstrapFollower::followScript(MemberRef Entry, MemberRef Target, const Member &Script) {
  StringRef First = StringRef(Script.Text).split('\n').first.drop_front(2);
  if (First.ends_with("\r"))
    Result.Notes.push_back(
        "the #! line ends with a carriage return (Windows line endings): the kernel looks for "
        "an interpreter whose name ends in '\\r', and the script does not start");
  First = First.trim();
  Result.Interpreter = First.split(' ').first.str();
  if (StringRef(Result.Interpreter).ends_with("/env"))
    Result.Interpreter = First.str();
  if (!isShellInterpreter(First.str())) {
    Result.Notes.push_back("bootstrap is a script for " + Result.Interpreter +
                           ": coldstart follows only shell scripts (sh, bash)");
    return;
  }
  // Lambda's environment for the script: its LD_LIBRARY_PATH comes from the runtime manifest.
  ScriptEnvironment Env;
  Env.TaskRoot = TaskRoot;
  if (const rules::RuntimeManifest *M = Runtime.libraryPathManifest())
    Env.LdLibraryPath = M->LdLibraryPath;
  Env.ResolvedScriptPath = Files.runtimePath(Target);
  Env.Exists = [this](const std::string &Path) { return Files.lookup(Path).has_value(); };
  ScriptCommand Command =
      followBootstrapScript(Script.Text, Files.runtimePath(Entry.Source, "bootstrap"), Env);
  Result.Notes.insert(Result.Notes.end(), Command.Notes.begin(), Command.Notes.end());
  if (!Command.Found) {
    Result.Notes.push_back(
        (Command.NotFollowed ? "could not follow the script: " : "the script starts no program: ") +
        Command.Why);
    return;
  }
  Result.Command = Command.Line;
  std::string Where = " (line " + std::to_string(Command.LineNumber) + ")";
  if (Command.LdLibraryPath) {
    Result.LibraryPath = *Command.LdLibraryPath;
    Result.LibraryPathFrom = report::LibraryPathOrigin::Script;
  }
  std::string Program = Command.Program;
  if (Command.Loader) {
    if (namesPackagePath(Command.Program)) {
      Result.Loader = Files.lookup(Command.Program);
      if (!Result.Loader) {
        missing(Entry, "the loader ", Command.Program, Where,
                "package the loader the script names, or exec the program directly");
        return;
      }
    }
    if (Command.HasLoaderLibraryPath) {
      // --library-path replaces LD_LIBRARY_PATH for the loader's whole process.
      Result.LibraryPath = Command.LibraryPath;
      Result.LibraryPathFrom = report::LibraryPathOrigin::LoaderOption;
    }
    if (Command.Target.empty()) {
      Result.Notes.push_back("the script starts the loader " + Command.Program + Where +
                             " without a program to run");
      return;
    }
    Program = Command.Target;
    if (!StringRef(Program).contains('/')) {
      // The loader looks a bare name up in its library path, as it does a library.
      for (const std::string &Dir : programLibraryPath())
        if (Files.lookup(Dir + "/" + Program)) {
          Program = Dir + "/" + Program;
          break;
        }
      if (!StringRef(Program).contains('/')) {
        Result.Notes.push_back("the loader " + Command.Program + Where + " looks " + Program +
                               " up in its library path (" + join(programLibraryPath(), ":") +
                               "): no folder of it in the package or a layer holds it");
        return;
      }
    }
    if (!Result.Loader)
      Result.Notes.push_back("the script starts " + Program + " through the runtime's own loader " +
                             Command.Program + Where);
  }
  if (!StringRef(Program).contains('/')) {
    bool LayerFolder = llvm::any_of(Command.SearchPath, [](const std::string &Dir) {
      return StringRef(Dir).starts_with(std::string(LayerRoot) + "/");
    });
    Result.Notes.push_back(
        "the script starts " + Program + Where + " from PATH (" + join(Command.SearchPath, ":") +
        "): " +
        (LayerFolder && Files.layerCount() == 0
             ? "not a file of the package; PATH's folders under /opt are a layer's, and no "
               "layer was given to inspect"
             : "a program of the runtime image, as no folder of PATH in the package or a layer "
               "holds it"));
    return;
  }
  if (!namesPackagePath(Program)) {
    Result.Notes.push_back("the script starts " + Program + Where +
                           ", a program of the runtime image (outside " + TaskRoot + " and " +
                           LayerRoot + ")");
    return;
  }
  Result.Program = Files.lookup(Program);
  if (!Result.Program) {
    missing(Entry, "", Program, Where,
            "package the program the script names, or fix the path in the script");
    return;
  }
  const Member &Started = Files.member(*Result.Program);
  if (*Result.Program == Target)
    Result.Notes.push_back("the script starts itself" + Where + ": it runs again, and " +
                           "nothing else");
  else if (!Started.Elf && StringRef(Started.Text).starts_with("#!"))
    Result.Notes.push_back("the script starts " + Files.displayPath(*Result.Program) + Where +
                           ", another script, which coldstart does not follow further");
  if (Result.Loader) {
    Result.LoaderExtraInit = loaderExtraInit();
    Result.DefaultLibc = defaultLibc();
  }
}

std::vector<std::string> BootstrapFollower::programLibraryPath() const {
  if (Result.LibraryPathFrom != report::LibraryPathOrigin::Lambda)
    return Result.LibraryPath;
  if (const rules::RuntimeManifest *M = Runtime.libraryPathManifest())
    return M->LdLibraryPath;
  return {};
}

std::optional<report::DefaultLibcCheck> BootstrapFollower::defaultLibc() const {
  const rules::RuntimeManifest *M = Runtime.libraryPathManifest();
  if (!M || !Result.Program)
    return std::nullopt;
  const MemberRef ProgramAt = *Result.Program;
  const report::BinaryReport *Program = Files.binary(ProgramAt);
  if (!Program)
    return std::nullopt;
  report::DefaultLibcCheck Check;
  Check.Runtime = M->Name;
  Check.RuntimeGiven = Runtime.Runtime != nullptr;
  Check.Glibc = M->Glibc;
  Check.Glibcxx = M->Glibcxx;
  Check.Cxxabi = M->Cxxabi;

  // The libraries of the package the program loads, found as the bundled loader finds them.
  report::BinaryReport Probe = *Program;
  Probe.Path = Files.runtimePath(ProgramAt);
  ResolveOptions Resolve;
  Resolve.Lookup = [this](const std::string &Path) -> std::optional<DynamicSummary> {
    if (!FunctionFileSystem::inPackage(Path))
      return std::nullopt;
    std::optional<MemberRef> Hit = Files.lookup(Path);
    if (!Hit)
      return std::nullopt;
    const report::BinaryReport *B = Files.binary(*Hit);
    if (!B)
      return std::nullopt;
    return dynamicSummaryOf(*B);
  };
  Resolve.ExtraDirs = programLibraryPath();
  Resolve.DefaultDirs = M->LoaderDefaultDirs;
  report::DependencyResolution Tree = resolveDependencies(Probe, Resolve);

  std::vector<std::pair<std::string, const report::BinaryReport *>> Kept;
  Kept.emplace_back(Files.displayPath(ProgramAt), Program);
  std::set<std::string> Seen = {Kept.front().first};
  for (const report::ResolvedLibrary &Library : Tree.Libraries) {
    if (!Library.Found || !FunctionFileSystem::inPackage(Library.Path))
      continue;
    std::optional<MemberRef> Hit = Files.lookup(Library.Path);
    if (!Hit)
      continue;
    const MemberRef At = *Hit;
    const report::BinaryReport *B = Files.binary(At);
    if (!B)
      continue;
    std::string Shown = Files.displayPath(At);
    if (!Seen.insert(Shown).second)
      continue;
    if (isGlibcLibrary(*B))
      Check.GlibcLibraries.push_back(Shown);
    else
      Kept.emplace_back(Shown, B);
  }
  // GLIBCXX and CXXABI come from the runtime unless a kept library defines them (libstdc++).
  auto Bundles = [&](const std::string &Family) {
    return std::any_of(Kept.begin() + 1, Kept.end(), [&](const auto &K) {
      return K.second->Dynamic.MaxDefinedVersions.count(Family) != 0;
    });
  };
  Check.LibstdcxxFromRuntime = !Bundles("GLIBCXX");
  std::vector<std::pair<std::string, std::string>> Families = {{"GLIBC", Check.Glibc}};
  if (Check.LibstdcxxFromRuntime)
    Families.emplace_back("GLIBCXX", Check.Glibcxx);
  if (!Bundles("CXXABI"))
    Families.emplace_back("CXXABI", Check.Cxxabi);
  for (const auto &[Shown, B] : Kept) {
    Check.Checked.push_back(Shown);
    for (const auto &[Family, Provided] : Families) {
      auto Need = B->Dynamic.MaxVersions.find(Family);
      if (Need == B->Dynamic.MaxVersions.end())
        continue;
      if (Family == "GLIBC" &&
          (Check.HighestGlibc.empty() || newerThan(Need->second, Check.HighestGlibc) == true))
        Check.HighestGlibc = Need->second;
      std::optional<bool> Newer = newerThan(Need->second, Provided);
      if (!Newer) {
        if (Check.Unknown.empty())
          Check.Unknown = "the " + M->Name + " manifest gives no " + Family + " version to " +
                          "compare " + Shown + "'s " + Family + "_" + Need->second + " with";
        continue;
      }
      if (*Newer)
        Check.Blockers.push_back({Shown, Family + "_" + Need->second, Provided});
    }
    // Version names without a number (GLIBC_ABI_DT_RELR) the runtime's libc.so.6 lacks.
    for (const report::VersionNeed &Need : B->Dynamic.VersionNeeds)
      if (Need.Library == "libc.so.6")
        for (const std::string &Name : Need.Versions)
          if (StringRef(Name).starts_with("GLIBC_") && Name != "GLIBC_PRIVATE" &&
              !parseVersionTag(Name) && M->libcDefines(Name) == false)
            Check.Blockers.push_back({Shown, Name, Check.Glibc});
  }
  return Check;
}

std::optional<report::ExtraInitRange> BootstrapFollower::loaderExtraInit() const {
  double Low = Rules.value("packages.shell-bootstrap-extra-init-ms-low", -1);
  double High = Rules.value("packages.shell-bootstrap-extra-init-ms-high", -1);
  if (Low < 0 || High < 0)
    return std::nullopt;
  report::ExtraInitRange Range;
  Range.LowMs = Low;
  Range.HighMs = High;
  Range.Source = Rules.sourcedValue("packages.shell-bootstrap-extra-init-ms-low")->Source;
  return Range;
}

} // namespace

const char *bootstrapKindName(BootstrapKind Kind) {
  switch (Kind) {
  case BootstrapKind::Elf:
    return "elf";
  case BootstrapKind::Script:
    return "script";
  case BootstrapKind::Other:
    return "other";
  }
  return "other";
}

BootstrapResult followBootstrap(const FunctionFileSystem &Files, const RuntimeResult &Runtime,
                                const rules::RuleSet &Rules) {
  return BootstrapFollower(Files, Runtime, Rules).run();
}

} // namespace coldstart::inspect::detail
