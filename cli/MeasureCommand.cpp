// `coldstart measure`: times real cold starts and warm invocations of a function's bootstrap
// on this machine. The one subcommand that runs user code.
#include "Command.h"

#include "coldstart/estimate/Estimate.h"
#include "coldstart/inspect/Artifact.h"
#include "coldstart/measure/Measure.h"
#include "coldstart/report/MeasureReport.h"
#include "coldstart/rules/Loader.h"
#include "coldstart/rules/RuntimeManifest.h"

#include "llvm/Support/MemoryBuffer.h"

namespace cl = llvm::cl;
using namespace coldstart;
using namespace coldstart::cli;

static cl::SubCommand MeasureCmd(
    "measure",
    "Run a function's bootstrap locally against a Lambda Runtime API emulator and time cold "
    "starts and warm invocations.\n\n"
    "  WARNING: this RUNS THE FUNCTION'S CODE on this machine, with this machine's network and "
    "files. Measure only packages you trust. (lint and inspect never run anything.)\n\n"
    "  coldstart measure [--cold N] [--warm M] [--event FILE] [--memory MB] [--timeout S] "
    "[--runtime NAME|FILE] ARTIFACT\n\n"
    "  ARTIFACT is a deployment .zip (unpacked into a private temporary folder that is removed "
    "afterwards), an unpacked package folder, or a bootstrap program.\n"
    "  The bootstrap gets the runtime's LD_LIBRARY_PATH, in Lambda's order, with /var/task where "
    "the package is; every library it loads from this machine rather than from the package is "
    "checked against the runtime manifest.\n"
    "  Exit status: 0 all runs succeeded, 1 the function failed (init error, crash, timeout, "
    "error response) or loaded a library the runtime does not have, 2 coldstart could not "
    "measure.\n");

static cl::opt<std::string> Artifact(cl::Positional, cl::desc("ARTIFACT"), cl::sub(MeasureCmd),
                                     cl::cat(optionCategory()));
static cl::opt<unsigned> ColdRuns("cold",
                                  cl::desc("Cold starts to measure, each a fresh process "
                                           "(default 5)"),
                                  cl::value_desc("N"), cl::init(5), cl::sub(MeasureCmd),
                                  cl::cat(optionCategory()));
static cl::opt<unsigned> WarmRuns("warm",
                                  cl::desc("Warm invocations to time in the last "
                                           "process (default 20)"),
                                  cl::value_desc("M"), cl::init(20), cl::sub(MeasureCmd),
                                  cl::cat(optionCategory()));
static cl::opt<std::string> EventFile("event", cl::desc("Payload of every invocation (default {})"),
                                      cl::value_desc("FILE"), cl::sub(MeasureCmd),
                                      cl::cat(optionCategory()));
static cl::opt<unsigned> MemoryMb("memory",
                                  cl::desc("AWS_LAMBDA_FUNCTION_MEMORY_SIZE (default "
                                           "128)"),
                                  cl::value_desc("MB"), cl::init(128), cl::sub(MeasureCmd),
                                  cl::cat(optionCategory()));
static cl::opt<unsigned> TimeoutSeconds("timeout",
                                        cl::desc("Seconds allowed for init and for each "
                                                 "invocation (default 10)"),
                                        cl::value_desc("S"), cl::init(10), cl::sub(MeasureCmd),
                                        cl::cat(optionCategory()));
static cl::opt<std::string> Handler("handler", cl::desc("_HANDLER (default function.handler)"),
                                    cl::value_desc("NAME"), cl::init("function.handler"),
                                    cl::sub(MeasureCmd), cl::cat(optionCategory()));
static cl::opt<std::string>
    Runtime("runtime",
            cl::desc("Lambda runtime to imitate (a bundled name, or a manifest file): its "
                     "LD_LIBRARY_PATH, and the libraries it provides (default provided.al2023)"),
            cl::value_desc("NAME|FILE"), cl::init("provided.al2023"), cl::sub(MeasureCmd),
            cl::cat(optionCategory()));
static OutputOptions Out(MeasureCmd, /*AllowSarif=*/false);

/// The static estimate of the same artifact, for comparison with what was measured: at one full
/// vCPU, not at --memory (the run here sets AWS_LAMBDA_FUNCTION_MEMORY_SIZE but applies no CPU
/// limit, and this machine gives the process at least one CPU), and without Lambda's platform
/// init, which a local run does not have. It is left out, with a note, when inspection fails.
static void addStaticEstimate(report::MeasureReport &R, const rules::RuleSet &Rules) {
  auto Inspected = inspect::inspectArtifact(Artifact, Rules, inspect::ArtifactOptions());
  if (!Inspected) {
    R.Notes.push_back("no static estimate: " + llvm::toString(Inspected.takeError()));
    return;
  }
  estimate::EstimateOptions EO;
  EO.MemoryMb = estimate::oneVcpuMemoryMb(Rules);
  estimate::estimateArtifact(*Inspected, Rules, EO);
  R.EstimateColdStartMs = Inspected->ColdStart.ColdStartMs;
  R.Notes.push_back("the static estimate is 'coldstart inspect --memory " +
                    std::to_string(EO.MemoryMb) +
                    "' without a runtime: loading and static initializers at one vCPU, "
                    "comparable to init here minus this machine's process start");
}

static int runMeasure() {
  if (!Out.validate())
    return ExitFailure;
  if (Artifact.empty())
    return fail("'coldstart measure' needs an ARTIFACT (a .zip, a folder or a bootstrap)");
  if (ColdRuns == 0)
    return fail("--cold must be at least 1");
  if (TimeoutSeconds == 0 || TimeoutSeconds > 900)
    return fail("--timeout must be between 1 and 900 seconds (Lambda's maximum)");
  if (MemoryMb < 128 || MemoryMb > 10240)
    return fail("--memory must be between 128 and 10240 MB (Lambda's range)");

  std::vector<rules::Diagnostic> Errors;
  auto Rules = rules::loadEffectiveRuleSet(std::nullopt, {Artifact}, Errors);
  if (!Rules) {
    for (const auto &D : Errors)
      llvm::errs() << D.str() << "\n";
    return ExitFailure;
  }
  std::vector<rules::Diagnostic> RtErrors;
  std::optional<rules::RuntimeManifest> Manifest = rules::loadRuntimeManifest(Runtime, RtErrors);
  if (!Manifest) {
    for (const auto &D : RtErrors)
      llvm::errs() << D.str() << "\n";
    return fail("unknown runtime '" + Runtime + "'");
  }

  measure::MeasureOptions O;
  O.Artifact = Artifact;
  O.Runtime = &*Manifest;
  O.Rules = &*Rules;
  O.ColdRuns = ColdRuns;
  O.WarmRuns = WarmRuns;
  O.MemoryMb = MemoryMb;
  O.TimeoutSeconds = TimeoutSeconds;
  O.Handler = Handler;
  if (!EventFile.empty()) {
    auto Buffer = llvm::MemoryBuffer::getFile(EventFile, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    if (!Buffer)
      return fail(EventFile + ": cannot read event: " + Buffer.getError().message());
    if ((*Buffer)->getBufferSize() > size_t{6} * 1024 * 1024)
      return fail(EventFile + ": event is larger than Lambda's 6 MB payload limit");
    O.EventPayload = (*Buffer)->getBuffer().str();
  }

  llvm::Expected<report::MeasureReport> R = measure::measure(O);
  if (!R)
    return fail(llvm::toString(R.takeError()));
  addStaticEstimate(*R, *Rules);

  std::unique_ptr<OutputSink> Sink = OutputSink::open(Out.OutputFile);
  if (!Sink)
    return ExitFailure;
  if (Out.format() == report::Format::Json)
    report::writeMeasureJson(*R, Sink->stream());
  else
    report::writeMeasureText(*R, Sink->stream());
  if (!Sink->commit())
    return ExitFailure;
  bool Failed =
      !R->Errors.empty() || report::hasFindingAtOrAbove(R->Findings, rules::Severity::Error);
  return Failed ? ExitFindings : ExitClean;
}

static CommandRegistration Registration(MeasureCmd, runMeasure);
