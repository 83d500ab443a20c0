// Helpers for the inspect tests: fixture paths, running programs with time and memory bounds.
#pragma once

#include "RunTool.h" // readFile, writeFile

#include <optional>
#include <string>
#include <vector>

namespace coldstart::test {

/// build/fixtures/elf/<Name>.
std::string fixture(const std::string &Name);
bool exists(const std::string &Path);

struct RunResult {
  int Exit = -1;
  std::string Out, Err;
  bool TimedOut = false;
};

/// Runs Program with Args (Args[0] is the program name) with stdout/stderr captured, killed
/// after Seconds and limited to MemoryMB of address space (0: no limit).
RunResult run(const std::string &Program, const std::vector<std::string> &Args,
              unsigned Seconds = 60, unsigned MemoryMB = 0);

/// Runs `coldstart` with Args.
RunResult runColdstart(const std::vector<std::string> &Args, unsigned Seconds = 60,
                       unsigned MemoryMB = 0);

/// llvm-readelf-19 (or llvm-readelf) path; empty when absent.
std::string readelf();

std::string tempPath(const std::string &Name);

} // namespace coldstart::test
