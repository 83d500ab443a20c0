// `coldstart inspect ARTIFACT`: the artifact pass on an ELF file, a deployment .zip or a
// package folder with its layers: parses the options, runs inspect::inspectArtifact, adds the
// cold-start estimate (estimate::estimateArtifact) and prints the report (text, JSON or SARIF).
#include "Command.h"
#include "SourcePass.h"

#include "coldstart/analyzer/LintDriver.h"
#include "coldstart/estimate/Estimate.h"
#include "coldstart/inspect/Artifact.h"
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
    "Inspect an ELF binary, a deployment .zip or an unpacked package folder (with its layers):\n"
    "sizes against Lambda's quotas, the bootstrap, dependencies resolved as the runtime's\n"
    "loader does, glibc versions, static initializers, relocations, heavy dependencies,\n"
    "removable bytes and unsafe archive entries; check them against the rule set.\n\n"
    "  coldstart inspect [--rules FILE] [--runtime NAME|FILE] [--arch x86_64|arm64]\n"
    "                    [--layer ZIP]... [--sysroot DIR] [--memory MB]\n"
    "                    [-p BUILD_DIR] [--source FILE]... [--format text|json|sarif]\n"
    "                    [-o FILE] [--fail-on note|warning|error] ARTIFACT\n"
    "                    [-- COMPILER_ARGS...]\n\n"
    "With -p or --source the function's sources are analysed too, and the cold-start\n"
    "estimate lists what main builds before it registers the handler (init-code).\n");
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
static cl::opt<std::string>
    SourceBuildDir("p",
                   cl::desc("Build folder with the function's compile_commands.json: analyse its "
                            "sources for the estimate's init-code part (all of them, unless "
                            "--source names some)"),
                   cl::value_desc("BUILD_DIR"), cl::sub(InspectCmd), cl::cat(optionCategory()));
static cl::list<std::string>
    SourceFiles("source",
                cl::desc("A source file of the function to analyse for the init-code part "
                         "(compile command from -p, else found upward); repeatable"),
                cl::value_desc("FILE"), cl::sub(InspectCmd), cl::cat(optionCategory()));
static cl::opt<unsigned> SourceJobs("jobs",
                                    cl::desc("Analyse N sources in parallel (default 1; 0 means "
                                             "one per core)"),
                                    cl::value_desc("N"), cl::init(1), cl::sub(InspectCmd),
                                    cl::cat(optionCategory()));
static OutputOptions Out(InspectCmd);

/// The source pass's view of init, when sources were given: what main builds before it
/// registers the handler. Problems with the sources are exit-2 errors like any bad input.
static llvm::Expected<std::optional<report::InitWork>>
analyseInitWork(const rules::RuleSet &Rules) {
  if (SourceBuildDir.empty() && SourceFiles.empty()) {
    if (hadDoubleDash())
      return llvm::createStringError("compiler arguments after '--' need --source FILE");
    return std::nullopt;
  }
  analyzer::LintOptions Options =
      sourcePassOptions({SourceFiles.begin(), SourceFiles.end()}, SourceBuildDir, SourceJobs);
  Options.ComputeFindings = false;
  Options.ComputeInitWork = true;
  // inspect reads the sources for the estimate's init work and writes nothing beside them; the
  // summary index is lint's (and `coldstart index`'s) to keep.
  Options.UseIndex = false;
  analyzer::LintResult Result =
      runSourcePass(std::move(Options), Rules, progressAllowed(Out.format(), Out.OutputFile));
  if (Result.Error)
    return llvm::createStringError("sources: " + *Result.Error);
  return std::move(Result.InitWork);
}

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

static int runInspect() {
  if (!Out.validate())
    return ExitFailure;
  inspect::ArtifactOptions O;
  if (!Arch.empty()) {
    O.Arch = inspect::normalizeArch(Arch);
    if (O.Arch != "x86_64" && O.Arch != "aarch64")
      return fail("unknown --arch '" + Arch + "' (expected x86_64 or arm64)");
  }
  // 0 stands for "not given" (the rule set's default); given, it is checked like any size.
  if (MemoryMb.getNumOccurrences() > 0 && (MemoryMb < 128 || MemoryMb > 10240))
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

  O.Runtime = Manifest ? &*Manifest : nullptr;
  O.RuntimeName = Runtime;
  O.Sysroot = Sysroot;
  O.Layers = Layers;
  O.Limits.MaxEntries = MaxEntries;
  O.Limits.MaxUnpackedBytes = MaxUnpackedBytes;
  O.Limits.MaxMemberBytes = MaxMemberBytes;
  auto Init = analyseInitWork(*Rules);
  if (!Init)
    return fail(llvm::toString(Init.takeError()));
  auto R = inspect::inspectArtifact(Artifact, *Rules, O);
  if (!R)
    return fail(llvm::toString(R.takeError()));
  estimate::EstimateOptions EO;
  EO.Runtime = O.Runtime;
  EO.MemoryMb = MemoryMb;
  if (const std::optional<report::InitWork> &Work = *Init; Work.has_value())
    EO.InitWork = &Work.value();
  estimate::estimateArtifact(*R, *Rules, EO);
  return writeInspectReport(*R, *Rules);
}

static CommandRegistration Reg(InspectCmd, runInspect);
