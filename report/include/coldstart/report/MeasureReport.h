// What `coldstart measure` observed: timings of real cold starts and warm invocations of a
// function's bootstrap against a local Runtime API emulator. Plain values; the measuring code
// (measure/) fills it, the writers here print it.
#pragma once

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
  std::string Method;             // how the numbers were obtained
  std::vector<std::string> Notes; // caveats about the figures
};

void writeMeasureText(const MeasureReport &R, llvm::raw_ostream &OS);
/// `{"init_ms": {...}, "invoke_ms": {...}, "max_rss_bytes", "cold_runs", "warm_runs",
/// "estimate": {"cold_start_ms"}, "errors": [...]}` (contracted in docs/architecture.md) plus the raw samples.
void writeMeasureJson(const MeasureReport &R, llvm::raw_ostream &OS);

} // namespace coldstart::report
