// `coldstart inspect ARTIFACT`: the artifact pass on one ELF file. Inspects it, resolves its
// dependency tree against --sysroot and/or the --runtime manifest, checks the measurements
// against the rule set and prints the report (text, JSON or SARIF).
#include "Command.h"

#include "coldstart/inspect/ArtifactChecks.h"
#include "coldstart/inspect/Dependencies.h"
#include "coldstart/inspect/ElfInspector.h"
#include "coldstart/report/ArtifactReport.h"
#include "coldstart/rules/Loader.h"
#include "coldstart/rules/RuntimeManifest.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

namespace cl = llvm::cl;
using namespace coldstart;
using namespace coldstart::cli;

static cl::SubCommand InspectCmd(
    "inspect",
    "Inspect an ELF binary: size by kind, dependencies, glibc versions, static initializers,\n"
    "relocations; check them against the rule set.\n\n"
    "  coldstart inspect [--rules FILE] [--runtime NAME|FILE] [--arch x86_64|arm64]\n"
    "                    [--sysroot DIR] [--format text|json|sarif] [-o FILE]\n"
    "                    [--fail-on note|warning|error] ARTIFACT\n");
static cl::opt<std::string> Artifact(cl::Positional, cl::desc("ARTIFACT"), cl::Required,
                                     cl::sub(InspectCmd), cl::cat(optionCategory()));
static cl::opt<std::string> InspectRules("rules",
                                         cl::desc("Overlay this rule-set file on the bundled "
                                                  "default (else .coldstart.yaml found upward "
                                                  "from the artifact)"),
                                         cl::value_desc("FILE"), cl::sub(InspectCmd),
                                         cl::cat(optionCategory()));
static cl::opt<std::string>
    Runtime("runtime",
            cl::desc("Lambda runtime the artifact runs on (a bundled name such as "
                     "provided.al2023, or a manifest file): its glibc, GLIBCXX and CXXABI "
                     "versions, architectures and libraries"),
            cl::value_desc("NAME|FILE"), cl::sub(InspectCmd), cl::cat(optionCategory()));
static cl::opt<std::string> Arch("arch", cl::desc("The function's architecture"),
                                 cl::value_desc("x86_64|arm64"), cl::sub(InspectCmd),
                                 cl::cat(optionCategory()));
static cl::opt<std::string>
    Sysroot("sysroot",
            cl::desc("Resolve the dependency tree against this root folder (e.g. an export of "
                     "the runtime's base image; / for this machine)"),
            cl::value_desc("DIR"), cl::sub(InspectCmd), cl::cat(optionCategory()));
static OutputOptions Out(InspectCmd);

static int runInspect() {
  if (!Out.validate())
    return ExitFailure;
  std::string ArchName;
  if (!Arch.empty()) {
    ArchName = inspect::normalizeArch(Arch);
    if (ArchName != "x86_64" && ArchName != "aarch64")
      return fail("unknown --arch '" + Arch + "' (expected x86_64 or arm64)");
  }
  if (!Sysroot.empty() && !llvm::sys::fs::is_directory(Sysroot))
    return fail("--sysroot '" + Sysroot + "' is not a folder");

  std::vector<rules::Diagnostic> Errors;
  std::optional<std::string> Explicit;
  if (!InspectRules.empty())
    Explicit = InspectRules.getValue();
  auto Rules = rules::loadEffectiveRuleSet(Explicit, {Artifact}, Errors);
  if (!Rules) {
    for (const auto &D : Errors)
      llvm::errs() << D.str() << "\n";
    return ExitFailure;
  }
  std::optional<rules::RuntimeManifest> Manifest;
  if (!Runtime.empty()) {
    std::vector<rules::Diagnostic> RtErrors;
    Manifest = rules::loadRuntimeManifest(Runtime, RtErrors);
    if (!Manifest) {
      for (const auto &D : RtErrors)
        llvm::errs() << D.str() << "\n";
      return fail("unknown runtime '" + Runtime + "'");
    }
  }

  if (llvm::sys::fs::is_directory(Artifact))
    return fail(Artifact + ": is a folder; 'inspect' reads one ELF file");
  auto Binary = inspect::inspectElfFile(Artifact);
  if (!Binary)
    return fail(llvm::toString(Binary.takeError()));

  report::ArtifactReport R;
  R.Path = Artifact;
  R.Kind = "elf";
  R.Runtime = Runtime;
  R.Arch = ArchName.empty() ? Binary->Arch : ArchName;
  R.Size.UncompressedBytes = Binary->Bytes;
  R.Size.Files = 1;

  if (!Sysroot.empty() || (Manifest && Manifest->Exact)) {
    inspect::ResolveOptions RO;
    RO.Sysroot = Sysroot;
    std::vector<std::string> Dirs = {"/lib64", "/usr/lib64"};
    for (auto &D : inspect::multiarchDirs(Binary->Arch))
      Dirs.push_back(D);
    Dirs.push_back("/lib");
    Dirs.push_back("/usr/lib");
    RO.DefaultDirs = Dirs;
    if (Manifest) {
      RO.RuntimeName = Manifest->Name;
      const rules::RuntimeManifest *M = &*Manifest;
      RO.ProvidedByRuntime = [M](const std::string &Name) { return M->providesLibrary(Name); };
    }
    Binary->Dependencies = inspect::resolveDependencies(*Binary, RO);
  } else if (!Binary->Dynamic.Needed.empty()) {
    R.RunNotes.push_back("dependencies not resolved: give --sysroot DIR (or a --runtime "
                         "manifest that lists its libraries exactly)");
  }

  inspect::CheckOptions CO;
  CO.Runtime = Manifest ? &*Manifest : nullptr;
  CO.Arch = ArchName;
  inspect::checkBinary(*Binary, *Rules, CO, R.Findings, R.RunNotes);
  R.Binaries.push_back(std::move(*Binary));
  report::sortFindings(R.Findings);

  auto Sink = OutputSink::open(Out.OutputFile);
  if (!Sink)
    return ExitFailure;
  switch (Out.format()) {
  case report::Format::Text:
    report::writeInspectText(R, Sink->stream());
    break;
  case report::Format::Json:
    report::writeInspectJson(R, Sink->stream());
    break;
  case report::Format::Sarif:
    report::writeSarif(report::toReport(R), *Rules, Sink->stream());
    break;
  }
  if (!Sink->commit())
    return ExitFailure;
  return report::hasFindingAtOrAbove(R.Findings, Out.failOn()) ? ExitFindings : ExitClean;
}

static CommandRegistration Reg(InspectCmd, runInspect);
