// `coldstart measure`: runs a function's bootstrap on this machine against a local Lambda
// Runtime API emulator and times real cold starts and warm invocations. This is the one part
// of coldstart that runs user code.
#pragma once

#include "coldstart/report/MeasureReport.h"
#include "coldstart/rules/RuleSet.h"
#include "coldstart/rules/RuntimeManifest.h"

#include "llvm/Support/Error.h"

#include <string>

namespace coldstart::measure {

struct MeasureOptions {
  std::string Artifact;   // a deployment .zip, an unpacked package folder, or a binary
  unsigned ColdRuns = 5;  // fresh processes, each timed from start to its first `next`
  unsigned WarmRuns = 20; // invocations of an initialized process, event to response
  std::string EventPayload = "{}";
  unsigned MemoryMb = 128;      // AWS_LAMBDA_FUNCTION_MEMORY_SIZE (Lambda's default is 128 MB)
  unsigned TimeoutSeconds = 10; // per init and per invocation
  std::string Handler = "function.handler"; // _HANDLER
  /// Largest total the zip may unpack to; beyond it the run is refused (a zip bomb).
  uint64_t MaxUnpackedBytes = 1024ull * 1024 * 1024;
  /// The runtime imitated: its LD_LIBRARY_PATH is the bootstrap's (with /var/task and /opt
  /// where the package is here), and the libraries the function loads from this machine are
  /// judged against it. The bundled provided.al2023 when null.
  const rules::RuntimeManifest *Runtime = nullptr;
  /// The rule set findings are made with; the bundled default when null.
  const rules::RuleSet *Rules = nullptr;
};

/// Measures Options.Artifact. Errors (unreadable artifact, no bootstrap, unsafe archive) are
/// returned as llvm::Error; what the function itself does wrong (init errors, crashes,
/// timeouts, bad responses) is reported in the result's Errors, and libraries it loaded from
/// this machine that the runtime does not provide in its Findings.
llvm::Expected<report::MeasureReport> measure(const MeasureOptions &Options);

} // namespace coldstart::measure
