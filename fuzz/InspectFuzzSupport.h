// Shared by the fuzz targets of the artifact pass (ELF, archives): running every writer on the
// report they produce.
#pragma once

#include "FuzzSupport.h"

#include "coldstart/report/ArtifactReport.h"
#include "coldstart/report/Writers.h"
#include "coldstart/rules/RuleSet.h"
#include "coldstart/rules/RuntimeManifest.h"

namespace coldstart::fuzz {

/// The runtime the artifact targets inspect against: the bundled provided.al2023 manifest, loaded
/// once (a manifest that does not load is an invariant failure, not an input's fault).
inline const rules::RuntimeManifest &fuzzRuntime() {
  static const rules::RuntimeManifest Manifest = [] {
    std::vector<rules::Diagnostic> Errors;
    std::optional<rules::RuntimeManifest> M = rules::loadRuntimeManifest("provided.al2023", Errors);
    if (!M)
      invariantFailed("the bundled provided.al2023 manifest does not load");
    return *M;
  }();
  return Manifest;
}

/// Every writer runs on an inspect report (findings sorted first, as the command does), and the
/// machine-readable ones must write valid JSON.
inline void checkInspectWriters(report::ArtifactReport &R, const rules::RuleSet &Rules) {
  report::sortFindings(R.Findings);
  std::string Text, Json, Sarif;
  llvm::raw_string_ostream TextOS(Text), JsonOS(Json), SarifOS(Sarif);
  report::writeInspectText(R, TextOS);
  report::writeInspectJson(R, JsonOS);
  report::writeSarif(report::toReport(R), Rules, SarifOS);
  checkJson(Json);
  checkJson(Sarif);
}

} // namespace coldstart::fuzz
