// Turns the artifact model's measurements into findings, with every threshold and runtime fact
// taken from the rule set. A check whose rule-set value is missing is not run; the run notes say
// so (coldstart never falls back to a number of its own).
#pragma once

#include "coldstart/report/ArtifactReport.h"
#include "coldstart/rules/RuleSet.h"
#include "coldstart/rules/RuntimeManifest.h"

#include <optional>
#include <string>
#include <vector>

namespace coldstart::inspect {

struct CheckOptions {
  /// The runtime (--runtime) with its glibc/GLIBCXX/CXXABI versions and architectures; null: no
  /// runtime checks.
  const rules::RuntimeManifest *Runtime = nullptr;
  std::string Arch; // --arch normalized ("x86_64", "aarch64"); empty: the runtime's, if any
  /// The runtime's own root filesystem (--sysroot) was searched: a library it lacks is absent,
  /// whatever the manifest says.
  bool RuntimeRootSearched = false;
};

/// Rule-set keys the checks read.
inline constexpr const char *StaticInitializersKey = "thresholds.static-initializers";
inline constexpr const char *RemovableBytesKey = "thresholds.removable-bytes";

/// Appends the findings for one binary of the artifact (Where.File = the binary's path).
void checkBinary(const report::BinaryReport &B, const rules::RuleSet &Rules,
                 const CheckOptions &Options, std::vector<report::Finding> &Findings,
                 std::vector<std::string> &RunNotes);

} // namespace coldstart::inspect
