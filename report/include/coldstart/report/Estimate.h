// The cold-start estimate: milliseconds as a sum of parts, each part a count times a
// coefficient from the rule set, with that coefficient's source, so a reader can check every
// term. The estimate library computes it from an inspect report (estimate/src/Estimate.cpp);
// the writers print it.
#pragma once

#include "coldstart/report/Finding.h"

#include <string>
#include <vector>

namespace llvm {
class raw_ostream;
namespace json {
class Value;
}
} // namespace llvm

namespace coldstart::report {

/// One term of the estimate: Quantity x Coefficient (x the CPU factor when CpuBound).
struct EstimateTerm {
  std::string What;            // "relative relocations"
  double Quantity = 0;         // 120345
  std::string CoefficientKey;  // "cost.relocation-relative-us"
  double Coefficient = 0;      // per unit, in CoefficientUnit
  std::string CoefficientUnit; // "us", "ms"
  std::string Source;          // where the coefficient comes from
  double Ms = 0;               // at the estimate's memory size
};

/// Work the source pass finds in a function's init: a listed construction or call reached from
/// `main` before the handler is registered (SDK init, clients, connections, heavy objects).
/// Paid once per execution environment, inside Lambda's init phase.
struct InitWorkItem {
  std::string Kind;     // rule-set resource kind, e.g. "aws-sdk-client"
  std::string KindWhat; // "AWS SDK client"
  std::string Name;     // "Aws::S3::S3Client", "Aws::InitAPI"
  Location Where;
  std::string Function;         // "main", "makeClients", "initializer of 'Client'"
  std::vector<TraceStep> Chain; // main (or a static initializer) first, the site's caller last
};

/// What the source pass says about init, for the estimate's "init-code" part.
struct InitWork {
  /// The sources analysed define `main` (a custom runtime's entry point); when they do not,
  /// only what static variables' initializers build is known to be init work.
  bool MainFound = false;
  size_t MainDefinitions = 0; // several: a database of several programs (see Notes)
  Location Main;
  size_t FilesAnalysed = 0;
  std::vector<InitWorkItem> Items;
  std::vector<std::string> Notes; // partial analysis and the like
};

struct EstimatePart {
  /// "platform", "bootstrap", "package", "loading", "static-initializers", "init-code"
  std::string Name;
  bool CpuBound = false;
  double Ms = 0;
  std::vector<EstimateTerm> Terms;
  std::string Note;                // why a part is absent or partial
  std::vector<InitWorkItem> Items; // "init-code": every site found, costed or not
};

struct Estimate {
  bool Computed = false;
  unsigned MemoryMb = 0;
  double ColdStartMs = 0;
  /// How much slower the CPU-bound parts run than on one vCPU: 1 when the init phase runs on
  /// unthrottled vCPUs (cost.init-phase-vcpus, Lambda's on-demand init); otherwise the memory
  /// size's share, max(1, memory-mb-per-vcpu / MemoryMb).
  double CpuFactor = 1;
  std::vector<EstimatePart> Parts;
  /// The same estimate at other memory sizes: (MB, ms).
  std::vector<std::pair<unsigned, double>> ByMemory;
  double BudgetMs = 0;
  std::vector<std::string> Notes;
  std::string Method;
};

/// `{"cold_start_ms", "breakdown": {part: ms}, ...}` (contracted in docs/architecture.md) with every term; null when
/// no estimate was computed.
llvm::json::Value estimateJson(const Estimate &E);
/// The estimate as a table a person reads, terms and sources included.
void writeEstimateText(const Estimate &E, llvm::raw_ostream &OS);

} // namespace coldstart::report
