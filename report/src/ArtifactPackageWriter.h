// Internal to the inspect writers: the package part of the report (kinds "zip" and
// "directory") as text and JSON.
#pragma once

#include "coldstart/report/ArtifactReport.h"

#include "llvm/Support/JSON.h"

namespace llvm {
class raw_ostream;
}

namespace coldstart::report {

/// Summary table, dependency problems, size tree, removable bytes, duplicates, heavy
/// dependencies, unsafe entries, the bootstrap, and a one-line-per-binary table.
void writePackageText(const ArtifactReport &R, llvm::raw_ostream &OS);

/// Adds "package" (sources, layers, tree, removable, duplicates, heavy dependencies, bootstrap,
/// unsafe entries, skipped members, limits) and "layers" to the inspect document.
void addPackageJson(const ArtifactReport &R, llvm::json::Object &Doc);

/// For SARIF: a finding on a package member is placed on the package (or layer) file, with the
/// member named in the message.
Finding packageLocatedFinding(const ArtifactReport &R, const Finding &F);

} // namespace coldstart::report
