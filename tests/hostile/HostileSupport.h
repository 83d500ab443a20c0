// Helpers of the hostile-input suites: running coldstart (or a replay program) on one hostile
// input within a time and memory bound, and writing the inputs.
#pragma once

#include "ArchiveWriter.h" // writeZip
#include "RunTool.h"       // readFile, writeFile

#include <string>
#include <vector>

namespace coldstart::test {

struct Bounded {
  int Exit = -1;
  std::string Out, Err;
  bool TimedOut = false;
  bool Crashed = false; // killed by a signal (including the memory bound's SIGKILL/SIGSEGV)
  double Seconds = 0;
};

/// Runs Argv (Argv[0] is the program's path) with stdin from /dev/null, in Cwd when given,
/// killed after Seconds and bounded to MemoryMB of data (RLIMIT_DATA); in sanitizer builds,
/// where that limit would stop the sanitizer's own reservations, ASan's hard_rss_limit_mb
/// (three times MemoryMB, for its overhead) bounds it instead.
Bounded runBounded(const std::vector<std::string> &Argv, unsigned Seconds, unsigned MemoryMB,
                   const std::string &Cwd = "");

/// `coldstart ARGS...` within 60 s and 1 GiB.
Bounded runCli(const std::vector<std::string> &Args, const std::string &Cwd = "");

/// Every path under Dir (recursive, not following links), relative, sorted.
std::vector<std::string> listTree(const std::string &Dir);

} // namespace coldstart::test
