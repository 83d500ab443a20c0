// The artifact pass as one call: an ELF file, a deployment .zip or a package folder (with its
// layers) in, the inspect report out: measurements and findings. The cold-start estimate is
// computed from it afterwards (estimate::estimateArtifact); `coldstart inspect` prints both.
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
};

/// Inspects Path; the report's findings are sorted and its ColdStart is not computed yet.
/// Errors are the exit-2 cases and name the file.
llvm::Expected<report::ArtifactReport> inspectArtifact(const std::string &Path,
                                                       const rules::RuleSet &Rules,
                                                       const ArtifactOptions &Options);

} // namespace coldstart::inspect
