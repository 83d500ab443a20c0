#include "coldstart/measure/Measure.h"

#include "Process.h"
#include "RuntimeApiEmulator.h"
#include "coldstart/measure/TaskRoot.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"

#include <algorithm>

namespace coldstart::measure {

namespace {

double millisecondsBetween(Clock::time_point From, Clock::time_point To) {
  return std::chrono::duration<double, std::milli>(To - From).count();
}

/// The environment Lambda gives a custom runtime ("Defined runtime environment variables",
/// AWS Lambda Developer Guide), with the task root where this machine has it.
std::vector<std::string> lambdaEnvironment(const MeasureOptions &O, const std::string &Api,
                                           const std::string &Root) {
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
      // Lambda's LD_LIBRARY_PATH names /var/task and /var/task/lib; here the package is at
      // Root. The system folders are this machine's own, found by the loader by default.
      "LD_LIBRARY_PATH=" + Root + ":" + Root + "/lib",
  };
}

class Session {
public:
  Session(const MeasureOptions &O, report::MeasureReport &R, const TaskRoot &Task,
          const std::string &LogDir)
      : O(O), R(R), Task(Task), LogDir(LogDir) {}

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
    runProcess(Run, ThenWarm, lambdaEnvironment(O, Api, Task.root()));
    Fresh.stop();
    Emulator = nullptr;
  }

private:
  const MeasureOptions &O;
  report::MeasureReport &R;
  const TaskRoot &Task;
  std::string LogDir;
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
  R.Method = "init: " + std::to_string(O.ColdRuns) +
             " fresh processes, each timed (steady clock) from spawning the bootstrap to its "
             "first GET /2018-06-01/runtime/invocation/next on a local Runtime API emulator; "
             "invoke: the last process's invocations after its first, timed from the event's "
             "delivery to its response; peak RSS from VmHWM in /proc/PID/status before each "
             "process is stopped. This machine's CPU and disk, not "
             "Lambda's: AWS_LAMBDA_FUNCTION_MEMORY_SIZE is set but no CPU limit is applied.";
  Session S(O, R, *Task, std::string(LogDir));
  for (unsigned Run = 1; Run <= O.ColdRuns; ++Run)
    S.coldRun(Run, /*ThenWarm=*/Run == O.ColdRuns);
  (void)llvm::sys::fs::remove_directories(LogDir); // best effort: only logs live there
  return R;
}

} // namespace coldstart::measure
