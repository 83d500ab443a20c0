// One bootstrap process: started in its own process group with a chosen environment and
// working folder, its output captured to files, its peak memory read when it is reaped.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

namespace coldstart::measure {

class ChildProcess {
public:
  ChildProcess() = default;
  ~ChildProcess();
  ChildProcess(const ChildProcess &) = delete;
  ChildProcess &operator=(const ChildProcess &) = delete;

  /// Starts Argv[0] with exactly Env, in WorkingDir, stdin from /dev/null and stdout/stderr
  /// appended to the given files. Returns an error message on failure.
  std::optional<std::string> spawn(const std::vector<std::string> &Argv,
                                   const std::vector<std::string> &Env,
                                   const std::string &WorkingDir, const std::string &StdoutPath,
                                   const std::string &StderrPath);

  /// The process id while the process has not been reaped; -1 before spawn().
  pid_t pid() const { return Reaped ? -1 : Pid; }
  /// Whether the process has exited (reaps it without blocking).
  bool exited();
  /// Waits up to Limit for the process to exit by itself; whether it did.
  bool waitForExit(std::chrono::milliseconds Limit);
  /// Kills the whole process group and reaps the process.
  void kill();

  /// "exited with status 3", "killed by signal 11 (Segmentation fault)"; after exited().
  std::string howItEnded() const;
  /// Peak resident set size of the running program in bytes (VmHWM of /proc/PID/status);
  /// none once it has exited. (wait4's ru_maxrss would be wrong here: posix_spawn's child
  /// shares this process's memory until exec, so it reports coldstart's own size.)
  std::optional<uint64_t> peakRssBytes() const;

private:
  pid_t Pid = -1;
  bool Reaped = false;
  int Status = 0;

  bool reap(bool Block);
};

/// The last MaxLines lines (at most MaxBytes) of a text file.
std::string tailOfFile(const std::string &Path, unsigned MaxLines = 20, size_t MaxBytes = 4096);

} // namespace coldstart::measure
