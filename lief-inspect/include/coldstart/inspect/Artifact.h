// The artifact pass as one call: an ELF file, a deployment .zip or a package folder (with its
// layers) in, the whole inspect report out: measurements, findings and the cold-start estimate.
// `coldstart inspect` prints it; `measure` and `calibrate` take its estimate.
#pragma once

#include "coldstart/inspect/Package.h"
#include "coldstart/report/ArtifactReport.h"
#include "coldstart/rules/RuleSet.h"
#include "coldstart/rules/RuntimeManifest.h"

#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace coldstart::inspect {

struct ArtifactOptions {
  const rules::RuntimeManifest *Runtime = nullptr; // --runtime
  std::string RuntimeName;                         // as the user gave it, for the report
  std::string Arch;                                // normalized --arch; empty: none
  std::string Sysroot;                             // --sysroot
  std::vector<std::string> Layers;                 // --layer, packages only
  PackageLimits Limits;
  unsigned MemoryMb = 0; // the estimate's memory size; 0: the rule set's default
  /// What the source pass found main doing before it registers the handler (inspect -p or
  /// --source); null when no sources were given.
  const report::InitWork *InitWork = nullptr;
};

/// Inspects Path. Errors are the exit-2 cases and name the file.
llvm::Expected<report::ArtifactReport> inspectArtifact(const std::string &Path,
                                                       const rules::RuleSet &Rules,
                                                       const ArtifactOptions &Options);

} // namespace coldstart::inspect
