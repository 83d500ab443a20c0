// The cold-start estimate: counts from the artifact pass (libraries, relocations by kind,
// static initializers) times coefficients from the rule set, plus the runtime's own floor and,
// for aws-lambda-cpp's packager layout, what its shell bootstrap and bundled loader add, both
// from the runtime manifest for the artifact's architecture. The same at every memory size:
// Lambda runs an on-demand function's init phase on a full vCPU (cost.init-phase-vcpus).
#pragma once

#include "coldstart/estimate/StartupCounts.h"
#include "coldstart/report/ArtifactReport.h"
#include "coldstart/report/Estimate.h"
#include "coldstart/rules/RuleSet.h"
#include "coldstart/rules/RuntimeManifest.h"

#include <string>
#include <vector>

namespace coldstart::estimate {

/// What an artifact's estimate is computed for, besides its inspect report.
struct EstimateOptions {
  /// --runtime: its platform-init-ms and bundled-loader-init-ms
  const rules::RuntimeManifest *Runtime = nullptr;
  unsigned MemoryMb = 0; // the estimate's memory size; 0: the rule set's cost.default-memory-mb
  /// What the source pass found main doing before it registers the handler (inspect -p or
  /// --source); null when no sources were given.
  const report::InitWork *InitWork = nullptr;
};

/// The estimate of an inspected artifact, the one every command that estimates calls: fills
/// R.ColdStart from the report's startup counts and adds the coldstart-cold-start-budget finding
/// when the estimate exceeds the budget (R.Findings stay sorted).
void estimateArtifact(report::ArtifactReport &R, const rules::RuleSet &Rules,
                      const EstimateOptions &Options);

/// The memory sizes of the estimate's table (MB).
const std::vector<unsigned> &estimateMemorySizes();

/// The smallest memory size at which Lambda gives a function one full vCPU (the rule set's
/// limits.memory-mb-per-vcpu): no part is scaled for a CPU share there, whatever the rule set
/// says of the init phase.
unsigned oneVcpuMemoryMb(const rules::RuleSet &Rules);

/// The estimate at MemoryMb (0: the rule set's cost.default-memory-mb), with the same
/// estimate at estimateMemorySizes() and the rule set's budget. Init is what the source pass
/// found main doing before it registers the handler; null when no sources were given.
report::Estimate estimateColdStart(const StartupCounts &Counts, const rules::RuleSet &Rules,
                                   const rules::RuntimeManifest *Runtime, unsigned MemoryMb,
                                   const report::InitWork *Init = nullptr);

/// The coldstart-cold-start-budget finding when the estimate exceeds the budget.
void checkColdStartBudget(const report::Estimate &E, const std::string &ArtifactPath,
                          const rules::RuleSet &Rules, std::vector<report::Finding> &Findings);

} // namespace coldstart::estimate
