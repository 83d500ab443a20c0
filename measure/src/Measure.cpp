#include "coldstart/measure/Measure.h"

#include "LoadedFiles.h"
#include "Process.h"
#include "RuntimeApiEmulator.h"
#include "coldstart/measure/TaskRoot.h"
#include "coldstart/rules/Loader.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"

#include <algorithm>
#include <optional>

namespace coldstart::measure {

namespace {

/// The runtime a package is measured as when none is given: the OS-only runtime of the current
/// Amazon Linux, whose library path inspect uses by default too.
constexpr const char *DefaultRuntime = "provided.al2023";

double millisecondsBetween(Clock::time_point From, Clock::time_point To) {
  return std::chrono::duration<double, std::milli>(To - From).count();
}

/// Lambda's LD_LIBRARY_PATH with the function's folders where this run has them: /var/task is
/// the task root and /opt the layers' folder; the runtime's and the system's folders (/lib64,
/// /usr/lib64, /var/lang/lib) stay as they are on this machine.
std::vector<std::string> libraryPathHere(const std::vector<std::string> &Lambda,
                                         const std::string &Root, const std::string &Opt) {
  std::vector<std::string> Out;
  for (const std::string &Dir : Lambda) {
    llvm::StringRef D(Dir);
    if (D == "/var/task" || D.starts_with("/var/task/"))
      Out.push_back(Root + D.drop_front(9).str());
    else if (D == "/opt" || D.starts_with("/opt/"))
      Out.push_back(Opt + D.drop_front(4).str());
    else
      Out.push_back(Dir);
  }
  return Out;
}

/// The environment Lambda gives a custom runtime ("Defined runtime environment variables",
/// AWS Lambda Developer Guide), with the task root where this machine has it.
std::vector<std::string> lambdaEnvironment(const MeasureOptions &O, const std::string &Api,
                                           const std::string &Root,
                                           const std::vector<std::string> &LibraryPath) {
  return {
      "AWS_LAMBDA_RUNTIME_API=" + Api,
      "LAMBDA_TASK_ROOT=" + Root,
      "LAMBDA_RUNTIME_DIR=" + Root,
      "_HANDLER=" + O.Handler,
      "AWS_LAMBDA_FUNCTION_NAME=coldstart-measure",
      "AWS_LAMBDA_FUNCTION_VERSION=$LATEST",
      "AWS_LAMBDA_FUNCTION_MEMORY_SIZE=" + std::to_string(O.MemoryMb),
      "AWS_LAMBDA_LOG_GROUP_NAME=/aws/lambda/coldstart-measure",
      "AWS_LAMBDA_LOG_STREAM_NAME=coldstart-measure-local",
      "AWS_LAMBDA_INITIALIZATION_TYPE=on-demand",
      "AWS_REGION=us-east-1",
      "AWS_DEFAULT_REGION=us-east-1",
      "TZ=:UTC",
      "LANG=en_US.UTF-8",
      "PATH=/usr/local/bin:/usr/bin/:/bin:/opt/bin",
      // In Lambda's order: a library the package bundles in lib/ is found after one in /lib64,
      // as on Lambda, and one it does not bundle is found where this machine has it, which
      // the process maps then show.
      "LD_LIBRARY_PATH=" + llvm::join(LibraryPath, ":"),
  };
}

class Session {
public:
  Session(const MeasureOptions &O, report::MeasureReport &R, const TaskRoot &Task,
          const std::string &LogDir, LoadedFilesInspector &Loaded)
      : O(O), R(R), Task(Task), LogDir(LogDir), Loaded(Loaded) {}

  /// One fresh process against its own emulator on its own port: a request a stopped
  /// predecessor still had in flight can never reach (and steal the event of) its successor.
  void coldRun(unsigned Run, bool ThenWarm) {
    RuntimeApiEmulator Fresh;
    std::string Api = Fresh.start();
    if (Api.empty()) {
      error("init", Run, "spawn", "cannot listen on a loopback port for the Runtime API", "");
      return;
    }
    Emulator = &Fresh;
    runProcess(Run, ThenWarm, lambdaEnvironment(O, Api, Task.root(), R.LdLibraryPath));
    Fresh.stop();
    Emulator = nullptr;
  }

private:
  const MeasureOptions &O;
  report::MeasureReport &R;
  const TaskRoot &Task;
  std::string LogDir;
  LoadedFilesInspector &Loaded;
  RuntimeApiEmulator *Emulator = nullptr; // the current run's

  void runProcess(unsigned Run, bool ThenWarm, const std::vector<std::string> &Env) {
    std::string Out = LogDir + "/run" + std::to_string(Run) + ".out";
    std::string Err = LogDir + "/run" + std::to_string(Run) + ".err";
    ChildProcess Child;
    Clock::time_point Start = Clock::now();
    if (auto Why = Child.spawn({Task.bootstrap()}, Env, Task.root(), Out, Err)) {
      error("init", Run, "spawn", *Why, "");
      return;
    }
    auto Exited = [&] { return Child.exited(); };
    auto Timeout = std::chrono::seconds(O.TimeoutSeconds);

    Clock::time_point FirstNext;
    switch (Emulator->waitForNextRequest(Start + Timeout, Exited, FirstNext)) {
    case RuntimeApiEmulator::Wait::Happened:
      R.InitSamplesMs.push_back(millisecondsBetween(Start, FirstNext));
      ++R.ColdRuns;
      // Init is done and the process waits for an event: what it loaded to get here is mapped.
      Loaded.inspect(Child.pid(), Run);
      break;
    case RuntimeApiEmulator::Wait::TimedOut:
      finish(Child, Err, Run, "init", "timeout",
             "no request for an event within " + std::to_string(O.TimeoutSeconds) + " s");
      return;
    case RuntimeApiEmulator::Wait::Interrupted:
      if (auto Init = Emulator->initError()) {
        // Lambda's runtime exits after reporting an init error; give it a moment to do so
        // and flush what it logged, so the report shows it.
        Child.waitForExit(std::chrono::seconds(1));
        finish(Child, Err, Run, "init", "init-error", "the function reported: " + *Init);
      } else {
        finish(Child, Err, Run, "init", "crash",
               "the bootstrap " + Child.howItEnded() + " before asking for an event");
      }
      return;
    }

    unsigned Invocations = 1 + (ThenWarm ? O.WarmRuns : 0);
    for (unsigned I = 0; I < Invocations; ++I) {
      bool Warm = I > 0;
      std::string Id = Emulator->enqueue(O.EventPayload, O.TimeoutSeconds);
      InvocationOutcome Outcome;
      auto W = Emulator->waitForOutcome(Id, Clock::now() + Timeout, Exited, Outcome);
      reportProtocolErrors(Run, Err);
      if (W == RuntimeApiEmulator::Wait::TimedOut) {
        finish(Child, Err, Run, "invoke", "timeout",
               "no answer to invocation " + Id + " within " + std::to_string(O.TimeoutSeconds) +
                   " s");
        return;
      }
      if (W == RuntimeApiEmulator::Wait::Interrupted) {
        finish(Child, Err, Run, "invoke", "crash",
               "the bootstrap " + Child.howItEnded() + " during invocation " + Id);
        return;
      }
      if (Outcome.What == InvocationOutcome::Kind::FunctionError) {
        error("invoke", Run, "function-error",
              (Outcome.ErrorType.empty() ? "" : Outcome.ErrorType + ": ") + Outcome.Body,
              tailOfFile(Err));
        continue;
      }
      if (Warm) {
        R.InvokeSamplesMs.push_back(millisecondsBetween(Outcome.DeliveredAt, Outcome.AnsweredAt));
        ++R.WarmRuns;
      }
    }
    finish(Child, Err, Run, "", "", "");
  }

  void error(const std::string &Phase, unsigned Run, const std::string &Kind,
             const std::string &Message, const std::string &StderrTail) {
    R.Errors.push_back({Phase, Run, Kind, Message, StderrTail});
  }

  void reportProtocolErrors(unsigned Run, const std::string &Err) {
    for (const std::string &P : Emulator->takeProtocolErrors())
      error("invoke", Run, "protocol", P, tailOfFile(Err));
  }

  /// Stops the process, records its peak memory, and the error that ended the run if any.
  void finish(ChildProcess &Child, const std::string &Err, unsigned Run, const std::string &Phase,
              const std::string &Kind, const std::string &Message) {
    if (auto Rss = Child.peakRssBytes())
      R.MaxRssBytes = std::max(R.MaxRssBytes.value_or(0), *Rss);
    // Again before it is stopped: invocations may have loaded more (dlopen, NSS modules).
    if (!Child.exited())
      Loaded.inspect(Child.pid(), Run);
    Child.kill();
    if (!Kind.empty())
      error(Phase, Run, Kind, Message, tailOfFile(Err));
  }
};

} // namespace

llvm::Expected<report::MeasureReport> measure(const MeasureOptions &O) {
  if (O.ColdRuns == 0)
    return llvm::createStringError(std::make_error_code(std::errc::invalid_argument),
                                   "--cold must be at least 1");
  std::optional<rules::RuntimeManifest> Bundled;
  const rules::RuntimeManifest *Runtime = O.Runtime;
  if (!Runtime) {
    std::vector<rules::Diagnostic> Errors;
    Bundled = rules::loadRuntimeManifest(DefaultRuntime, Errors);
    if (!Bundled)
      return llvm::createStringError(std::make_error_code(std::errc::invalid_argument),
                                     "the bundled %s runtime manifest does not load",
                                     DefaultRuntime);
    Runtime = &*Bundled;
  }
  const rules::RuleSet &Rules = O.Rules ? *O.Rules : rules::defaultRuleSet();

  llvm::Expected<TaskRoot> Task = TaskRoot::prepare(O.Artifact, O.MaxUnpackedBytes);
  if (!Task)
    return Task.takeError();

  llvm::SmallString<128> LogDir;
  if (std::error_code EC = llvm::sys::fs::createUniqueDirectory("coldstart-measure-logs", LogDir))
    return llvm::createStringError(EC, "cannot create a temporary folder for the bootstrap's "
                                       "output");
  if (std::error_code EC = llvm::sys::fs::setPermissions(LogDir, llvm::sys::fs::owner_all)) {
    (void)llvm::sys::fs::remove_directories(LogDir);
    return llvm::createStringError(EC, "cannot make the temporary folder private");
  }

  report::MeasureReport R;
  R.Artifact = O.Artifact;
  R.Bootstrap = Task->bootstrap();
  R.Handler = O.Handler;
  R.MemoryMb = O.MemoryMb;
  R.Runtime = Runtime->Name;
  // Layers are merged under /opt on Lambda; measure runs none, so /opt is a folder of its own
  // that does not exist: nothing is found there, as on Lambda without layers.
  std::string Opt = std::string(LogDir) + "/opt";
  R.LdLibraryPath = libraryPathHere(Runtime->LdLibraryPath, Task->root(), Opt);
  if (R.LdLibraryPath.empty()) {
    R.LdLibraryPath = {Task->root(), Task->root() + "/lib"};
    R.Notes.push_back("the " + Runtime->Name +
                      " manifest gives no ld-library-path: the "
                      "bootstrap was given the task root and its lib/ only");
  }
  R.Method = "init: " + std::to_string(O.ColdRuns) +
             " fresh processes, each timed (steady clock) from spawning the bootstrap to its "
             "first GET /2018-06-01/runtime/invocation/next on a local Runtime API emulator; "
             "invoke: the last process's invocations after its first, timed from the event's "
             "delivery to its response; peak RSS from VmHWM in /proc/PID/status before each "
             "process is stopped. This machine's CPU and disk, not "
             "Lambda's: AWS_LAMBDA_FUNCTION_MEMORY_SIZE is set but no CPU limit is applied. "
             "Libraries: /proc/PID/maps of the bootstrap and every process it started, read "
             "after init and before each process is stopped; each ELF file mapped from outside "
             "the package is judged against the " +
             Runtime->Name +
             " manifest (the loader, the libraries it provides, and programs of this machine "
             "with what they load for themselves are fine; files that are not ELF are "
             "ignored).";
  LoadedFilesInspector Loaded(*Runtime, {Task->root(), Opt});
  Session S(O, R, *Task, std::string(LogDir), Loaded);
  for (unsigned Run = 1; Run <= O.ColdRuns; ++Run)
    S.coldRun(Run, /*ThenWarm=*/Run == O.ColdRuns);
  Loaded.report(Rules, R);
  (void)llvm::sys::fs::remove_directories(LogDir); // best effort: only logs live there
  return R;
}

} // namespace coldstart::measure
