// Fuzz target: ELF bytes through the whole `coldstart inspect FILE` pipeline (the inspector, a
// dependency walk over a file system where every library is this same file, the checks, the
// estimate and the three writers). Any input must end in an error or a report whose JSON
// parses; crashes, sanitizer reports, hangs and runaway memory are what libFuzzer records.
#include "InspectFuzzSupport.h"

#include "coldstart/estimate/Estimate.h"
#include "coldstart/inspect/ArtifactChecks.h"
#include "coldstart/inspect/Dependencies.h"
#include "coldstart/inspect/ElfInspector.h"
#include "coldstart/report/ArtifactReport.h"
#include "coldstart/report/Writers.h"
#include "coldstart/rules/Loader.h"
#include "coldstart/rules/RuntimeManifest.h"

#include "llvm/Support/MemoryBuffer.h"

#include <cstdint>

using namespace coldstart;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  static const rules::RuleSet &Rules = rules::defaultRuleSet();
  static const rules::RuntimeManifest &Manifest = fuzz::fuzzRuntime();

  llvm::StringRef Bytes(reinterpret_cast<const char *>(Data), Size);
  auto Binary = inspect::inspectElfBuffer(llvm::MemoryBufferRef(Bytes, "fuzz"), "task/bin/app");
  if (!Binary) {
    std::string Message = llvm::toString(Binary.takeError());
    // Errors name the file, as the command prints them.
    COLDSTART_FUZZ_CHECK(llvm::StringRef(Message).starts_with("task/bin/app: "), Message);
    return 0;
  }

  // Every DT_NEEDED name resolves to this same file: a loop in the dependency graph at every
  // depth, which the walk must cut.
  inspect::ResolveOptions RO;
  RO.Lookup = [&](const std::string &) -> std::optional<inspect::DynamicSummary> {
    return inspect::dynamicSummaryOf(*Binary);
  };
  RO.ExtraDirs = {"/var/task/lib"};
  RO.RuntimeName = Manifest.Name;
  RO.ProvidedByRuntime = [](const std::string &Name) { return Manifest.providesLibrary(Name); };
  Binary->Dependencies = inspect::resolveDependencies(*Binary, RO);
  COLDSTART_FUZZ_CHECK(Binary->Dependencies.Libraries.size() <= RO.MaxLibraries, "");

  report::ArtifactReport R;
  R.Path = "task/bin/app";
  R.Kind = "elf";
  R.Runtime = Manifest.Name;
  R.Arch = Binary->Arch;
  R.Size.UncompressedBytes = Binary->Bytes;
  R.Size.Files = 1;
  inspect::CheckOptions CO;
  CO.Runtime = &Manifest;
  inspect::checkBinary(*Binary, Rules, CO, R.Findings, R.RunNotes);
  R.Binaries.push_back(std::move(*Binary));
  estimate::EstimateOptions EO;
  EO.Runtime = &Manifest;
  estimate::estimateArtifact(R, Rules, EO);
  fuzz::checkInspectWriters(R, Rules);
  return 0;
}
