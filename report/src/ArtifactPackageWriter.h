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
Finding packageLocatedFinding(const Finding &F);

/// The run notes of an inspect report: for a package, first what the runtime was checked
/// against (and how to name one), then the passes' own notes.
std::vector<std::string> inspectRunNotes(const ArtifactReport &R);

/// A binary's notes: its own, then what the package pass found about it.
std::vector<std::string> binaryNotes(const BinaryReport &B);

} // namespace coldstart::report
