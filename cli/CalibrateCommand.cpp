// `coldstart calibrate`: fits the estimate's loading and static-initializer coefficients to
// cold starts measured on this machine, and checks the fit on held-out artifacts.
#include "Command.h"

#include "coldstart/estimate/Calibration.h"
#include "coldstart/estimate/StartupCounts.h"
#include "coldstart/inspect/Dependencies.h"
#include "coldstart/inspect/ElfInspector.h"
#include "coldstart/measure/Measure.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <unistd.h>

namespace cl = llvm::cl;
using namespace coldstart;
using namespace coldstart::cli;

static cl::SubCommand CalibrateCmd(
    "calibrate",
    "Fit the cold-start estimate's loading and static-initializer coefficients to cold starts "
    "measured on this machine, and write them as a rule-set override.\n\n"
    "  WARNING: like 'measure', this RUNS EACH ARTIFACT'S BOOTSTRAP on this machine.\n\n"
    "  coldstart calibrate [--cold N] [--handler NAME] [--holdout ARTIFACT]... [-o RULES.yaml] "
    "ARTIFACT...\n\n"
    "  Each ARTIFACT is a package folder with a bootstrap, or a bootstrap program. The fit is\n"
    "  non-negative least squares of the median init time on: shared libraries loaded,\n"
    "  relative relocations, symbol relocations times libraries in the lookup scope, and\n"
    "  static initializers. It describes THIS\n"
    "  machine (at least one full CPU, its disk and page cache); Lambda's own platform time\n"
    "  cannot be measured here and comes from the runtime manifests instead. The fitted\n"
    "  constant (process start and Runtime API handshake here) is reported, not used.\n");
static cl::list<std::string> Artifacts(cl::Positional, cl::desc("ARTIFACT..."), cl::OneOrMore,
                                       cl::sub(CalibrateCmd), cl::cat(optionCategory()));
static cl::list<std::string> Holdout("holdout",
                                     cl::desc("Artifacts not used in the fit, on which the fit "
                                              "is checked (Spearman rank correlation and "
                                              "median error)"),
                                     cl::value_desc("ARTIFACT"), cl::sub(CalibrateCmd),
                                     cl::cat(optionCategory()));
static cl::opt<unsigned> Cold("cold", cl::desc("Cold starts per artifact (default 11)"),
                              cl::value_desc("N"), cl::init(11), cl::sub(CalibrateCmd),
                              cl::cat(optionCategory()));
static cl::opt<std::string> CalHandler("handler", cl::desc("_HANDLER (default function.handler)"),
                                       cl::value_desc("NAME"), cl::init("function.handler"),
                                       cl::sub(CalibrateCmd), cl::cat(optionCategory()));
static cl::opt<std::string> RulesOut("o",
                                     cl::desc("Write the fitted coefficients as a rule-set "
                                              "override to FILE"),
                                     cl::value_desc("FILE"), cl::sub(CalibrateCmd),
                                     cl::cat(optionCategory()));

namespace {

/// The program Lambda would start for Artifact, and the package folder around it.
std::pair<std::string, std::string> bootstrapOf(const std::string &Artifact) {
  if (llvm::sys::fs::is_directory(Artifact))
    return {Artifact + "/bootstrap", Artifact};
  return {Artifact, std::string(llvm::sys::path::parent_path(Artifact))};
}

bool isInside(llvm::StringRef Path, llvm::StringRef Folder) {
  llvm::SmallString<256> P(Path), F(Folder);
  if (llvm::sys::fs::real_path(Path, P) || llvm::sys::fs::real_path(Folder, F))
    return false;
  return llvm::StringRef(P).starts_with((F + "/").str());
}

/// Start-up counts of a package: its bootstrap, its dependency tree resolved on this machine
/// (where it runs), and the libraries of the package in that tree.
llvm::Expected<estimate::StartupCounts> countsOf(const std::string &Artifact) {
  auto [Bootstrap, Folder] = bootstrapOf(Artifact);
  auto Main = inspect::inspectElfFile(Bootstrap);
  if (!Main)
    return Main.takeError();
  inspect::ResolveOptions RO;
  RO.Sysroot = "/";
  for (const std::string &D : inspect::multiarchDirs(Main->Arch))
    RO.DefaultDirs.push_back(D);
  Main->Dependencies = inspect::resolveDependencies(*Main, RO);
  report::ArtifactReport R;
  R.Binaries.push_back(std::move(*Main));
  for (const report::ResolvedLibrary &L : R.Binaries.front().Dependencies.Libraries) {
    if (!L.Found || !isInside(L.Path, Folder))
      continue;
    auto Lib = inspect::inspectElfFile(L.Path);
    if (!Lib)
      return Lib.takeError();
    Lib->Path = L.Path;
    R.Binaries.push_back(std::move(*Lib));
  }
  return estimate::countStartupWork(R);
}

llvm::Expected<estimate::CalibrationSample> sample(const std::string &Artifact) {
  auto Counts = countsOf(Artifact);
  if (!Counts)
    return Counts.takeError();
  measure::MeasureOptions O;
  O.Artifact = Artifact;
  O.ColdRuns = Cold;
  O.WarmRuns = 0;
  O.Handler = CalHandler;
  auto M = measure::measure(O);
  if (!M)
    return M.takeError();
  if (!M->Errors.empty() || M->InitSamplesMs.empty())
    return llvm::createStringError(
        std::make_error_code(std::errc::invalid_argument),
        "%s: the bootstrap failed while measuring (%s); run "
        "'coldstart measure' on it for details",
        Artifact.c_str(), M->Errors.empty() ? "no sample" : M->Errors.front().Message.c_str());
  estimate::CalibrationSample S;
  S.Artifact = Artifact;
  S.Counts = *Counts;
  S.MeasuredInitMs = report::Distribution::of(M->InitSamplesMs).Median;
  return S;
}

void printSample(const estimate::CalibrationSample &S, llvm::raw_ostream &OS,
                 std::optional<double> Predicted = std::nullopt) {
  OS << llvm::formatv("  {0,-40} {1,5} {2,9} {3,9} {4,6} {5,10:f2}", S.Artifact, S.Counts.Libraries,
                      S.Counts.RelativeRelocations, S.Counts.SymbolicRelocations,
                      S.Counts.StaticInitializers, S.MeasuredInitMs);
  if (Predicted)
    OS << llvm::formatv(" {0,10:f2} {1,7:f1}%", *Predicted,
                        100 * (*Predicted - S.MeasuredInitMs) / S.MeasuredInitMs);
  OS << "\n";
}

std::string hostName() {
  char Buffer[256] = {0};
  if (gethostname(Buffer, sizeof Buffer - 1) != 0)
    return "this machine";
  return Buffer;
}

std::string today() {
  std::time_t Now = std::time(nullptr);
  char Buffer[32];
  std::strftime(Buffer, sizeof Buffer, "%Y-%m-%d", std::gmtime(&Now));
  return Buffer;
}

std::string overrideYaml(const estimate::CalibrationFit &Fit) {
  std::string Source = llvm::formatv("coldstart calibrate on {0}, {1}: non-negative least "
                                     "squares over {2} artifacts, {3} cold starts each "
                                     "(R^2 {4:f3})",
                                     hostName(), today(), Fit.Samples, unsigned(Cold), Fit.RSquared)
                           .str();
  std::string Out = "# Written by 'coldstart calibrate'. Fitted constant (process start and "
                    "Runtime API handshake on this\n# machine, not used by estimates): " +
                    llvm::formatv("{0:f3}", Fit.FloorMs).str() + " ms.\nversion: 1\ncost:\n";
  auto Entry = [&](const char *Key, double Value, const char *Unit) {
    Out += llvm::formatv("  {0}:\n    value: {1:f6}\n    unit: {2}\n    source: \"{3}\"\n", Key,
                         Value, Unit, Source)
               .str();
  };
  Entry("load-library-ms", Fit.LoadLibraryMs, "ms per shared library loaded");
  Entry("relocation-relative-us", Fit.RelativeUs, "us per relative relocation");
  Entry("symbol-lookup-us", Fit.SymbolLookupUs,
        "us per symbol relocation per library in the lookup scope");
  Entry("static-initializer-us", Fit.InitializerUs, "us per static initializer");
  return Out;
}

int runCalibrate() {
  if (Cold < 3)
    return fail("--cold must be at least 3 (the fit uses each artifact's median)");
  std::vector<estimate::CalibrationSample> Fitting, Checking;
  bool Progress = llvm::sys::Process::StandardErrIsDisplayed();
  size_t Total = Artifacts.size() + Holdout.size(), Done = 0;
  for (auto *List : {&Artifacts, &Holdout}) {
    for (const std::string &A : *List) {
      if (Progress)
        llvm::errs() << llvm::formatv("\rcalibrate: measuring {0}/{1} {2}\x1b[K", ++Done, Total, A);
      auto S = sample(A);
      if (!S) {
        if (Progress)
          llvm::errs() << "\n";
        return fail(llvm::toString(S.takeError()));
      }
      (List == &Artifacts ? Fitting : Checking).push_back(std::move(*S));
    }
  }
  if (Progress)
    llvm::errs() << "\r\x1b[K";

  auto Fit = estimate::fitCalibration(Fitting);
  if (!Fit)
    return fail("the fit needs at least 6 artifacts that differ in libraries, relocations and "
                "initializers (got " +
                llvm::Twine(Fitting.size()) + ")");

  llvm::raw_ostream &OS = llvm::outs();
  OS << llvm::formatv("  {0,-40} {1,5} {2,9} {3,9} {4,6} {5,10}\n", "fitted on", "libs", "relative",
                      "symbolic", "inits", "init ms");
  for (const auto &S : Fitting)
    printSample(S, OS, Fit->predictMs(S.Counts));
  OS << llvm::formatv(
      "\nfit (R^2 {0:f3}): {1:f4} ms per library, {2:f5} us per relative "
      "relocation, {3:f6} us per symbol lookup in one library, {4:f3} us per static "
      "initializer; constant {5:f2} ms (this machine's process start, not used)\n",
      Fit->RSquared, Fit->LoadLibraryMs, Fit->RelativeUs, Fit->SymbolLookupUs, Fit->InitializerUs,
      Fit->FloorMs);

  if (!Checking.empty()) {
    OS << llvm::formatv("\n  {0,-40} {1,5} {2,9} {3,9} {4,6} {5,10} {6,10} {7,8}\n", "held out",
                        "libs", "relative", "symbolic", "inits", "init ms", "estimate", "error");
    std::vector<double> Measured, Predicted, Errors;
    for (const auto &S : Checking) {
      double P = Fit->predictMs(S.Counts);
      printSample(S, OS, P);
      Measured.push_back(S.MeasuredInitMs);
      Predicted.push_back(P);
      Errors.push_back(std::fabs(P - S.MeasuredInitMs) / S.MeasuredInitMs);
    }
    std::sort(Errors.begin(), Errors.end());
    double Median = Errors.size() % 2
                        ? Errors[Errors.size() / 2]
                        : (Errors[Errors.size() / 2 - 1] + Errors[Errors.size() / 2]) / 2;
    OS << llvm::formatv("\nheld out: Spearman rank correlation {0:f3}, median absolute error "
                        "{1:f1}% ({2} artifacts)\n",
                        estimate::spearman(Measured, Predicted), 100 * Median, Checking.size());
  }

  if (!RulesOut.empty()) {
    std::unique_ptr<OutputSink> Sink = OutputSink::open(RulesOut);
    if (!Sink)
      return ExitFailure;
    Sink->stream() << overrideYaml(*Fit);
    if (!Sink->commit())
      return ExitFailure;
    OS << "\nwrote " << RulesOut << " (use it with --rules, or merge it into .coldstart.yaml)\n";
  }
  return ExitClean;
}

} // namespace

static CommandRegistration Registration(CalibrateCmd, runCalibrate);
