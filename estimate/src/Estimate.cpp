#include "coldstart/estimate/Estimate.h"
#include "coldstart/rules/RuleIds.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"

#include <algorithm>

namespace coldstart::estimate {

namespace {

constexpr const char *LoadLibraryKey = "cost.load-library-ms";
constexpr const char *RelativeKey = "cost.relocation-relative-us";
constexpr const char *SymbolLookupKey = "cost.symbol-lookup-us";
constexpr const char *InitializerKey = "cost.static-initializer-us";
constexpr const char *DefaultMemoryKey = "cost.default-memory-mb";
constexpr const char *VcpuKey = "limits.memory-mb-per-vcpu";
constexpr const char *BudgetKey = "thresholds.cold-start-budget-ms";

bool isKnown(const rules::KnownInitializer &K, const StartupCounts::Initializer &I) {
  llvm::StringRef File = llvm::sys::path::filename(I.SourceFile);
  for (const rules::NamePattern &P : K.Files)
    if (!File.empty() && P.matches(File))
      return true;
  for (const rules::NamePattern &P : K.Functions)
    if (!I.Name.empty() && P.matches(I.Name))
      return true;
  return false;
}

/// The rule set's known initializers among those counted: a term for each kind with a measured
/// extra cost, a note naming the others.
void addKnownInitializers(report::EstimatePart &Part, const StartupCounts &C,
                          const rules::RuleSet &Rules, double CpuFactor) {
  for (const rules::KnownInitializer &K : Rules.Initializers) {
    if (!K.Enabled)
      continue;
    std::vector<std::string> Where;
    for (const StartupCounts::Initializer &I : C.Initializers)
      if (isKnown(K, I))
        Where.push_back(!I.SourceFile.empty() ? llvm::sys::path::filename(I.SourceFile).str()
                                              : I.Name);
    if (Where.empty())
      continue;
    std::string Shown;
    for (size_t I = 0; I < Where.size() && I < 5; ++I)
      Shown += (I ? ", " : "") + Where[I];
    if (Where.size() > 5)
      Shown += ", ...";
    std::string Named = std::to_string(Where.size()) + " " + K.What + " initializer" +
                        (Where.size() == 1 ? "" : "s") + " (" + Shown + ")";
    if (K.ExtraUs) {
      report::EstimateTerm T;
      T.What = Named + ", beyond the per-initializer cost";
      T.Quantity = static_cast<double>(Where.size());
      T.CoefficientKey = "initializers." + K.Name + ".extra-us";
      T.Coefficient = K.ExtraUs->Value;
      T.CoefficientUnit = K.ExtraUs->Unit.empty() ? "us" : K.ExtraUs->Unit;
      T.Source = K.ExtraUs->Source;
      T.Ms = T.Quantity * T.Coefficient * 1e-3 * CpuFactor;
      Part.Ms += T.Ms;
      Part.Terms.push_back(std::move(T));
      continue;
    }
    Part.Note += (Part.Note.empty() ? "" : "; ") + Named + ": " + K.Why +
                 "; costed like any other initializer (no initializers." + K.Name +
                 ".extra-us in the rule set)";
  }
}

/// A term whose coefficient the rule set may lack: then it is left out and the part says so.
bool addTerm(report::EstimatePart &Part, const rules::RuleSet &Rules, const char *Key,
             const std::string &What, double Quantity, double MsPerUnit, double CpuFactor) {
  const rules::SourcedValue *V = Rules.sourcedValue(Key);
  if (!V) {
    Part.Note += (Part.Note.empty() ? "" : "; ") + std::string("no '") + Key +
                 "' in the rule set: " + What + " not estimated";
    return false;
  }
  report::EstimateTerm T;
  T.What = What;
  T.Quantity = Quantity;
  T.CoefficientKey = Key;
  T.Coefficient = V->Value;
  T.CoefficientUnit = V->Unit;
  T.Source = V->Source;
  T.Ms = Quantity * V->Value * MsPerUnit * (Part.CpuBound ? CpuFactor : 1.0);
  Part.Ms += T.Ms;
  Part.Terms.push_back(std::move(T));
  return true;
}

double cpuFactor(const rules::RuleSet &Rules, unsigned MemoryMb) {
  double PerVcpu = Rules.value(VcpuKey, 0);
  if (PerVcpu <= 0 || MemoryMb == 0)
    return 1;
  return std::max(1.0, PerVcpu / static_cast<double>(MemoryMb));
}

/// The package's bytes, stated but not costed per MB: Lambda fetches and unpacks the package
/// before init, and no published figure prices that per MB for native code; on this side, a
/// native binary's bytes that the loader does not touch cost nothing measurable (bench/estimate/
/// package_bytes.sh), and the bytes it does read are what loading and static initializers count.
report::EstimatePart packagePart(const StartupCounts &C) {
  report::EstimatePart Part;
  Part.Name = "package";
  auto Mib = [](uint64_t Bytes) {
    return llvm::formatv("{0:f1} MiB", static_cast<double>(Bytes) / 1048576.0).str();
  };
  Part.Note = Mib(C.ArtifactBytes) + " unpacked" +
              (C.ArtifactCompressedBytes ? " (" + Mib(*C.ArtifactCompressedBytes) + " zipped)"
                                         : std::string()) +
              ", not costed per MB: Lambda's fetch and unpacking of the package happen before "
              "init and have no published per-MB figure for native code, and bytes the loader "
              "does not touch cost no measurable time (bench/estimate/package_bytes.sh: about "
              "0.001 ms per MiB with the file's pages evicted); what start-up does read is "
              "counted under loading and static-initializers";
  return Part;
}

/// The source pass's init work: every item listed; kinds the rule set gives an init-ms are
/// costed (count x init-ms), the others named in the note. Not CPU-scaled: connections and
/// SDK set-up mostly wait on the network.
report::EstimatePart initCodePart(const report::InitWork *Init, const rules::RuleSet &Rules) {
  report::EstimatePart Part;
  Part.Name = "init-code";
  if (!Init) {
    Part.Note = "no sources given (inspect -p BUILD_DIR or --source FILE): the work main does "
                "before it registers the handler is not included";
    return Part;
  }
  std::string NoMain =
      (Init->MainDefinitions == 0
           ? "none of the " + std::to_string(Init->FilesAnalysed) +
                 " sources analysed defines main()"
           : "main() is defined " + std::to_string(Init->MainDefinitions) +
                 " times and none is clearly the function's (see the notes)") +
      ", so only what static variables' initializers build is known to be init work";
  Part.Items = Init->Items;
  if (Init->Items.empty()) {
    Part.Note = Init->MainFound ? "neither main before it registers the handler nor a static "
                                  "variable's initializer does any of the rule set's listed work"
                                : NoMain;
    return Part;
  }
  // Kinds in order of first appearance, with their counts.
  std::vector<std::pair<std::string, unsigned>> Kinds;
  for (const report::InitWorkItem &I : Init->Items) {
    auto It =
        std::find_if(Kinds.begin(), Kinds.end(), [&I](const auto &K) { return K.first == I.Kind; });
    if (It == Kinds.end())
      Kinds.emplace_back(I.Kind, 1);
    else
      ++It->second;
  }
  std::string Uncosted;
  for (const auto &[Name, Count] : Kinds) {
    const rules::ResourceKind *Kind = Rules.resource(Name);
    std::string What = Kind ? Kind->What : Name;
    if (!Kind || !Kind->InitMs) {
      Uncosted += (Uncosted.empty() ? "" : ", ") + What + " (" + std::to_string(Count) + ")";
      continue;
    }
    report::EstimateTerm T;
    T.What = What + " built during init";
    T.Quantity = Count;
    T.CoefficientKey = "source.resources." + Name + ".init-ms";
    T.Coefficient = Kind->InitMs->Value;
    T.CoefficientUnit = Kind->InitMs->Unit.empty() ? "ms" : Kind->InitMs->Unit;
    T.Source = Kind->InitMs->Source;
    T.Ms = Count * Kind->InitMs->Value;
    Part.Ms += T.Ms;
    Part.Terms.push_back(std::move(T));
  }
  if (!Init->MainFound)
    Part.Note = NoMain;
  if (!Uncosted.empty())
    Part.Note += std::string(Part.Note.empty() ? "" : "; ") + "listed but not costed: " + Uncosted +
                 "; the rule set gives these kinds no init-ms (their cost depends on the "
                 "network, the endpoint and the settings): time them with `coldstart measure` "
                 "and set source.resources.<kind>.init-ms";
  return Part;
}

report::Estimate compute(const StartupCounts &C, const rules::RuleSet &Rules,
                         const rules::RuntimeManifest *Runtime, unsigned MemoryMb,
                         const report::InitWork *InitWork) {
  report::Estimate E;
  E.Computed = true;
  E.MemoryMb = MemoryMb;
  E.CpuFactor = cpuFactor(Rules, MemoryMb);

  report::EstimatePart Platform;
  Platform.Name = "platform";
  if (Runtime && Runtime->PlatformInitMs) {
    report::EstimateTerm T;
    T.What = "init of a minimal function on " + Runtime->Name;
    T.Quantity = 1;
    T.CoefficientKey = "runtime manifest " + Runtime->Name + ": platform-init-ms";
    T.Coefficient = *Runtime->PlatformInitMs;
    T.CoefficientUnit = "ms";
    T.Source = Runtime->PlatformInitSource;
    T.Ms = *Runtime->PlatformInitMs;
    Platform.Ms = T.Ms;
    Platform.Terms.push_back(std::move(T));
  } else {
    Platform.Note = Runtime ? "the manifest of " + Runtime->Name + " has no platform-init-ms"
                            : "no --runtime given: the runtime's own init is not included";
  }
  E.Parts.push_back(std::move(Platform));
  E.Parts.push_back(packagePart(C));

  report::EstimatePart Loading;
  Loading.Name = "loading";
  Loading.CpuBound = true;
  addTerm(Loading, Rules, LoadLibraryKey,
          C.LibrariesTransitive ? "shared libraries mapped (dependency tree)"
                                : "shared libraries mapped (direct DT_NEEDED only)",
          static_cast<double>(C.Libraries), 1.0, E.CpuFactor);
  addTerm(Loading, Rules, RelativeKey, "relative relocations",
          static_cast<double>(C.RelativeRelocations), 1e-3, E.CpuFactor);
  // The loader looks each symbol up object by object through the global scope, so the work
  // grows with the number of libraries as well as with the number of symbol relocations.
  addTerm(Loading, Rules, SymbolLookupKey,
          "symbol relocations x libraries in the lookup scope (" +
              std::to_string(C.SymbolicRelocations) + " x " + std::to_string(C.Libraries) + ")",
          static_cast<double>(C.SymbolicRelocations) * static_cast<double>(C.Libraries), 1e-3,
          E.CpuFactor);
  if (C.LazyJumpSlots)
    Loading.Note += (Loading.Note.empty() ? "" : "; ") + std::to_string(C.LazyJumpSlots) +
                    " PLT slots bound lazily on first call are not counted";
  if (!C.LibrariesTransitive)
    Loading.Note += (Loading.Note.empty() ? "" : "; ") +
                    std::string("libraries of libraries not counted: give --sysroot or a "
                                "package to resolve the tree");
  E.Parts.push_back(std::move(Loading));

  report::EstimatePart Init;
  Init.Name = "static-initializers";
  Init.CpuBound = true;
  addTerm(Init, Rules, InitializerKey, "static initializers run before main",
          static_cast<double>(C.StaticInitializers), 1e-3, E.CpuFactor);
  addKnownInitializers(Init, C, Rules, E.CpuFactor);
  Init.Note += (Init.Note.empty() ? "" : "; ") +
               std::string("each initializer is costed alike; one that loads a file or opens "
                           "a connection costs far more");
  E.Parts.push_back(std::move(Init));

  E.Parts.push_back(initCodePart(InitWork, Rules));

  for (const report::EstimatePart &P : E.Parts)
    E.ColdStartMs += P.Ms;
  return E;
}

} // namespace

const std::vector<unsigned> &estimateMemorySizes() {
  static const std::vector<unsigned> Sizes = {128, 256, 512, 1024, 1769, 3008};
  return Sizes;
}

report::Estimate estimateColdStart(const StartupCounts &Counts, const rules::RuleSet &Rules,
                                   const rules::RuntimeManifest *Runtime, unsigned MemoryMb,
                                   const report::InitWork *Init) {
  if (MemoryMb == 0)
    MemoryMb = static_cast<unsigned>(Rules.value(DefaultMemoryKey, 128));
  report::Estimate E = compute(Counts, Rules, Runtime, MemoryMb, Init);
  for (unsigned Size : estimateMemorySizes())
    E.ByMemory.emplace_back(Size, compute(Counts, Rules, Runtime, Size, Init).ColdStartMs);
  if (Init)
    for (const std::string &N : Init->Notes)
      E.Notes.push_back("source pass: " + N);
  E.BudgetMs = Rules.value(BudgetKey, 0);
  E.Method = "sum of parts: count x coefficient, CPU-bound parts multiplied by max(1, " +
             llvm::formatv("{0}", Rules.value(VcpuKey, 0)).str() +
             " / memory MB) because Lambda gives a proportional share of one vCPU below that "
             "size; coefficients and their sources are listed per term";
  if (!Runtime)
    E.Notes.push_back("no --runtime: the runtime's own init is not part of this estimate");
  if (Counts.Binaries.empty())
    E.Notes.push_back("no native program to count (an interpreted runtime, or no bootstrap): "
                      "loading and static initializers are not estimated");
  return E;
}

void checkColdStartBudget(const report::Estimate &E, const std::string &ArtifactPath,
                          const rules::RuleSet &Rules, std::vector<report::Finding> &Findings) {
  if (!E.Computed || E.BudgetMs <= 0 || E.ColdStartMs <= E.BudgetMs)
    return;
  const report::EstimatePart *Largest = nullptr;
  for (const report::EstimatePart &P : E.Parts)
    if (!Largest || P.Ms > Largest->Ms)
      Largest = &P;
  report::Location Where;
  Where.File = ArtifactPath;
  std::optional<report::Finding> F = report::makeFinding(
      Rules, rules::ids::ColdStartBudget, std::move(Where),
      llvm::formatv("estimated cold start {0:f1} ms at {1} MB exceeds the budget of "
                    "{2:f0} ms; the largest part is {3} ({4:f1} ms)",
                    E.ColdStartMs, E.MemoryMb, E.BudgetMs, Largest->Name, Largest->Ms)
          .str(),
      "reduce the largest part of the breakdown, or raise "
      "thresholds.cold-start-budget-ms if this start-up is acceptable",
      {ArtifactPath});
  if (F)
    Findings.push_back(std::move(*F));
}

unsigned oneVcpuMemoryMb(const rules::RuleSet &Rules) {
  return static_cast<unsigned>(Rules.value(VcpuKey, 1769));
}

void estimateArtifact(report::ArtifactReport &R, const rules::RuleSet &Rules,
                      const EstimateOptions &Options) {
  R.ColdStart = estimateColdStart(countStartupWork(R), Rules, Options.Runtime, Options.MemoryMb,
                                  Options.InitWork);
  checkColdStartBudget(R.ColdStart, R.Path, Rules, R.Findings);
  report::sortFindings(R.Findings);
}

} // namespace coldstart::estimate
