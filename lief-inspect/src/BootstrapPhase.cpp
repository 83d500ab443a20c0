// The bootstrap phase: a custom runtime's entry point, whether Lambda can run it, and what it
// really starts (a script followed the way the shell would, through a bundled loader if any).
#include "BootstrapScript.h"
#include "PackagePhases.h"

#include "coldstart/rules/RuleIds.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

#include <cstdio>

namespace coldstart::inspect::detail {

using namespace llvm;
namespace ids = rules::ids;

namespace {

/// Whether a path a script names is in the package or a layer (as the script writes it).
bool namesPackagePath(StringRef Path) {
  return Path.starts_with(TaskRoot) || Path.starts_with(LayerRoot);
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
  void checkMode(MemberRef Entry, const Member &Target, bool Script);
  void followScript(MemberRef Entry, const Member &Script);
  std::optional<report::ExtraInitRange> loaderExtraInit() const;
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
    followScript(Entry, M);
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

void BootstrapFollower::followScript(MemberRef Entry, const Member &Script) {
  StringRef First = StringRef(Script.Text).split('\n').first.drop_front(2).trim();
  Result.Interpreter = First.split(' ').first.str();
  ScriptCommand Command =
      followBootstrapScript(Script.Text, Files.runtimePath(Entry.Source, "bootstrap"));
  if (!Command.Found) {
    Result.Notes.push_back("script not followed: " + Command.Why);
    return;
  }
  Result.Command = Command.Line;
  std::string Program = Command.Loader ? Command.Target : Command.Program;
  if (Command.Loader) {
    Result.Loader = Files.lookup(Command.Program);
    Result.LibraryPath = Command.LibraryPath;
    if (!Result.Loader && namesPackagePath(Command.Program))
      finding(Files.location(Entry),
              "bootstrap runs the loader " + Command.Program + ", which is not in the package",
              "package the loader the script names, or exec the program directly");
  }
  if (!Command.Unexpanded.empty())
    Result.Notes.push_back("words not expanded (their value is only known at run time): " +
                           join(Command.Unexpanded, " "));
  if (!namesPackagePath(Program)) {
    Result.Notes.push_back("the script runs " + Program + ", which is not part of the package");
    return;
  }
  Result.Program = Files.lookup(Program);
  if (!Result.Program) {
    finding(Files.location(Entry), "bootstrap runs " + Program + ", which is not in the package",
            "package the program the script names, or fix the path in the script");
    return;
  }
  if (Result.Loader)
    Result.LoaderExtraInit = loaderExtraInit();
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
