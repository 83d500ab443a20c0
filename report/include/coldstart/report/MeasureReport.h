// What `coldstart measure` observed: timings of real cold starts and warm invocations of a
// function's bootstrap against a local Runtime API emulator. Plain values; the measuring code
// (measure/) fills it, the writers here print it.
#pragma once

#include "coldstart/report/Finding.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace llvm {
class raw_ostream;
}

namespace coldstart::report {

/// Order statistics of a set of samples in milliseconds (nearest-rank percentiles).
struct Distribution {
  unsigned Count = 0;
  double Median = 0;
  double P90 = 0;
  double Min = 0;
  double Max = 0;

  static Distribution of(std::vector<double> Samples);
};

/// Something that went wrong in a run: an init error the function reported, a crash, a
/// timeout, a protocol violation. Never hidden: each is printed with the bootstrap's stderr tail.
struct MeasureError {
  std::string Phase; // "init", "invoke"
  unsigned Run = 0;  // 1-based cold run the error happened in
  std::string Kind;  // "init-error", "function-error", "crash", "timeout", "protocol", "spawn"
  std::string Message;
  std::string StderrTail;
};

/// An ELF file a bootstrap process (or one it started) had mapped from outside the package, as
/// its /proc/PID/maps named it, and what it is on Lambda.
struct MachineElfFile {
  enum class Kind {
    Runtime,        // the runtime manifest provides a library of its name
    Loader,         // the dynamic loader the process was started with (its PT_INTERP)
    Program,        // the executable of a process: a program of this machine (/bin/sh)
    ProgramLibrary, // loaded in such a program's process for itself: no package file needs it
    NssModule,      // libnss_*: chosen by this machine's /etc/nsswitch.conf, not by the package
    GconvModule,    // a converter of glibc's iconv, loaded from glibc's own gconv folder
    NotProvided,    // none of these: the run worked only because this machine has it
  };
  std::string Path;   // as the kernel names the mapping (symbolic links resolved)
  std::string Soname; // its DT_SONAME, else its file name
  Kind What = Kind::NotProvided;
  std::string Program;  // the executable of the process it was first seen in
  std::string NeededBy; // a mapped file whose DT_NEEDED names it; empty: loaded with dlopen
  unsigned Run = 0;     // the cold run it was first seen in
};

/// "runtime", "loader", "program", "program-library", "nss-module", "gconv-module",
/// "not-provided": the spelling of the text and JSON writers.
const char *kindName(MachineElfFile::Kind K);

/// What the process maps were read for: the files the function loaded from this machine rather
/// than from its package, judged against the runtime manifest.
struct LoadedFilesCheck {
  bool Performed = false;                  // false when every process ended before it was read
  unsigned MapsRead = 0;                   // /proc/PID/maps files read, over all runs and processes
  unsigned PackageElfFiles = 0;            // distinct ELF files mapped from the package
  unsigned NonElfFiles = 0;                // distinct other files mapped (locale archive, caches)
  std::vector<MachineElfFile> FromMachine; // distinct, in the order first seen
  std::vector<std::string> Unreadable;     // what could not be read, and why
};

struct MeasureReport {
  std::string Artifact;
  std::string Bootstrap; // the program that was started
  std::string Handler;   // _HANDLER
  unsigned MemoryMb = 0;
  std::vector<double> InitSamplesMs;         // process start to first `next` request, per cold run
  std::vector<double> InvokeSamplesMs;       // event delivered to response received, warm only
  std::optional<uint64_t> MaxRssBytes;       // peak resident set of any bootstrap process
  unsigned ColdRuns = 0;                     // cold runs that reached `next`
  unsigned WarmRuns = 0;                     // warm invocations that returned a response
  std::optional<double> EstimateColdStartMs; // the static estimate, when one was computed
  std::vector<MeasureError> Errors;
  std::string Runtime;                    // the runtime manifest the run imitated
  std::vector<std::string> LdLibraryPath; // as the bootstrap was given it, in Lambda's order
  LoadedFilesCheck Loaded;
  /// Libraries the function loaded from this machine that the runtime does not provide, or
  /// may not (coldstart-unresolved-library, coldstart-unknown-runtime-library).
  std::vector<Finding> Findings;
  std::string Method;             // how the numbers were obtained
  std::vector<std::string> Notes; // caveats about the figures
};

void writeMeasureText(const MeasureReport &R, llvm::raw_ostream &OS);
/// `{"init_ms": {...}, "invoke_ms": {...}, "max_rss_bytes", "cold_runs", "warm_runs",
/// "estimate": {"cold_start_ms"}, "errors": [...]}` (contracted in docs/architecture.md) plus the
/// raw samples, the runtime, its LD_LIBRARY_PATH, the files loaded from this machine and the
/// findings (as inspect's `findings`).
void writeMeasureJson(const MeasureReport &R, llvm::raw_ostream &OS);

} // namespace coldstart::report
