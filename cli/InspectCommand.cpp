// `coldstart inspect ARTIFACT`: the artifact pass on one ELF file. Inspects it, resolves its
// dependency tree against --sysroot and/or the --runtime manifest, checks the measurements
// against the rule set and prints the report (text, JSON or SARIF).
#include "Command.h"

#include "coldstart/inspect/ArtifactChecks.h"
#include "coldstart/inspect/Dependencies.h"
#include "coldstart/inspect/ElfInspector.h"
#include "coldstart/inspect/Estimate.h"
#include "coldstart/inspect/Package.h"
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
    "Inspect an ELF binary, a deployment .zip or an unpacked package folder (with its layers):\n"
    "sizes against Lambda's quotas, the bootstrap, dependencies resolved as the runtime's\n"
    "loader does, glibc versions, static initializers, relocations, heavy dependencies,\n"
    "removable bytes and unsafe archive entries; check them against the rule set.\n\n"
    "  coldstart inspect [--rules FILE] [--runtime NAME|FILE] [--arch x86_64|arm64]\n"
    "                    [--layer ZIP]... [--sysroot DIR] [--format text|json|sarif] [-o FILE]\n"
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
static cl::list<std::string>
    Layers("layer",
           cl::desc("A layer of the function (.zip or folder), merged under /opt in the order "
                    "given; repeatable"),
           cl::value_desc("ZIP"), cl::sub(InspectCmd), cl::cat(optionCategory()));
static const inspect::PackageLimits DefaultLimits;
static cl::opt<uint64_t> MaxEntries("max-entries",
                                    cl::desc("Refuse a package or layer with more entries"),
                                    cl::value_desc("N"), cl::init(DefaultLimits.MaxEntries),
                                    cl::sub(InspectCmd), cl::cat(optionCategory()));
static cl::opt<uint64_t>
    MaxUnpackedBytes("max-unpacked-bytes",
                     cl::desc("Stop and refuse a package or layer that expands to more bytes"),
                     cl::value_desc("BYTES"), cl::init(DefaultLimits.MaxUnpackedBytes),
                     cl::sub(InspectCmd), cl::cat(optionCategory()));
static cl::opt<uint64_t>
    MaxMemberBytes("max-member-bytes",
                   cl::desc("Largest ELF member held in memory for inspection (larger ones are "
                            "sized but not inspected)"),
                   cl::value_desc("BYTES"), cl::init(DefaultLimits.MaxMemberBytes),
                   cl::sub(InspectCmd), cl::cat(optionCategory()));
static cl::opt<std::string>
    Sysroot("sysroot",
            cl::desc("Resolve the dependency tree against this root folder (e.g. an export of "
                     "the runtime's base image; / for this machine)"),
            cl::value_desc("DIR"), cl::sub(InspectCmd), cl::cat(optionCategory()));
static cl::opt<unsigned> MemoryMb("memory",
                                  cl::desc("Memory size the cold-start estimate is computed for "
                                           "(default: the rule set's cost.default-memory-mb)"),
                                  cl::value_desc("MB"), cl::init(0), cl::sub(InspectCmd),
                                  cl::cat(optionCategory()));
static OutputOptions Out(InspectCmd);

/// Prints R in the chosen format and returns the exit status its findings call for.
static int writeInspectReport(const report::ArtifactReport &R, const rules::RuleSet &Rules) {
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
    report::writeSarif(report::toReport(R), Rules, Sink->stream());
    break;
  }
  if (!Sink->commit())
    return ExitFailure;
  return report::hasFindingAtOrAbove(R.Findings, Out.failOn()) ? ExitFindings : ExitClean;
}

/// A deployment package (.zip or folder) with its layers.
static int runPackage(const rules::RuleSet &Rules, const rules::RuntimeManifest *Manifest,
                      const std::string &ArchName) {
  inspect::PackageOptions PO;
  PO.Runtime = Manifest;
  PO.Arch = ArchName;
  PO.Sysroot = Sysroot;
  PO.Limits.MaxEntries = MaxEntries;
  PO.Limits.MaxUnpackedBytes = MaxUnpackedBytes;
  PO.Limits.MaxMemberBytes = MaxMemberBytes;
  report::ArtifactReport R;
  R.Runtime = Runtime;
  if (auto E = inspect::inspectPackage(Artifact, Layers, Rules, PO, R))
    return fail(llvm::toString(std::move(E)));
  R.Arch = ArchName;
  if (R.Arch.empty()) {
    for (const auto &B : R.Binaries) {
      if (R.Arch.empty() || R.Arch == B.Arch) {
        R.Arch = B.Arch;
        continue;
      }
      R.Arch.clear();
      R.RunNotes.push_back("the package holds binaries of several architectures");
      break;
    }
  }
  R.ColdStart = inspect::estimateColdStart(inspect::countStartupWork(R), Rules, Manifest, MemoryMb);
  inspect::checkColdStartBudget(R.ColdStart, R.Path, Rules, R.Findings);
  report::sortFindings(R.Findings);
  return writeInspectReport(R, Rules);
}

static int runInspect() {
  if (!Out.validate())
    return ExitFailure;
  std::string ArchName;
  if (!Arch.empty()) {
    ArchName = inspect::normalizeArch(Arch);
    if (ArchName != "x86_64" && ArchName != "aarch64")
      return fail("unknown --arch '" + Arch + "' (expected x86_64 or arm64)");
  }
  if (MemoryMb != 0 && (MemoryMb < 128 || MemoryMb > 10240))
    return fail("--memory must be between 128 and 10240 MB (Lambda's range)");
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

  auto Kind = inspect::packageKind(Artifact);
  if (!Kind)
    return fail(llvm::toString(Kind.takeError()));
  if (*Kind != "elf")
    return runPackage(*Rules, Manifest ? &*Manifest : nullptr, ArchName);
  if (!Layers.empty())
    return fail(Artifact + ": --layer applies to a package (.zip or folder), not to an ELF file");
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
  R.ColdStart = inspect::estimateColdStart(inspect::countStartupWork(R), *Rules,
                                           Manifest ? &*Manifest : nullptr, MemoryMb);
  inspect::checkColdStartBudget(R.ColdStart, R.Path, *Rules, R.Findings);
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
