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
constexpr const char *InitVcpusKey = "cost.init-phase-vcpus";

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

/// How much slower CPU-bound work runs at MemoryMb than on one full vCPU when it gets only the
/// memory size's share: Lambda gives one vCPU at limits.memory-mb-per-vcpu and a proportional
/// share below it. A handler's work pays this.
double shareCpuFactor(const rules::RuleSet &Rules, unsigned MemoryMb) {
  double PerVcpu = Rules.value(VcpuKey, 0);
  if (PerVcpu <= 0 || MemoryMb == 0)
    return 1;
  return std::max(1.0, PerVcpu / static_cast<double>(MemoryMb));
}

/// The same for the init phase, which runs on at least cost.init-phase-vcpus whatever the
/// memory size: 1 (the bundled value) makes init flat; 0 would give it only the share.
double initCpuFactor(const rules::RuleSet &Rules, unsigned MemoryMb) {
  const rules::SourcedValue *Boost = Rules.sourcedValue(InitVcpusKey);
  double Share = 1 / shareCpuFactor(Rules, MemoryMb); // vCPU, at most 1
  double Vcpus = std::min(1.0, std::max(Share, Boost ? Boost->Value : 1.0));
  return Vcpus > 0 ? 1 / Vcpus : 1;
}

/// Lambda's spelling of the report's architecture.
std::string lambdaArch(const std::string &Arch) {
  return Arch == "aarch64" ? "arm64" : Arch;
}

/// The runtime's floor on the artifact's architecture, from its manifest.
report::EstimatePart platformPart(const StartupCounts &C, const rules::RuntimeManifest *Runtime) {
  report::EstimatePart Part;
  Part.Name = "platform";
  if (!Runtime) {
    Part.Note = "no --runtime given: the runtime's own init is not included";
    return Part;
  }
  std::string Arch = lambdaArch(C.Arch);
  std::optional<rules::MeasuredMs> Floor = Runtime->platformInit(Arch);
  if (!Floor) {
    Part.Note = Runtime->PlatformInitByArch.empty()
                    ? "the manifest of " + Runtime->Name + " has no platform-init-ms"
                : Arch.empty()
                    ? "the manifest of " + Runtime->Name +
                          " gives platform-init-ms per architecture and the artifact's is not "
                          "known (give --arch)"
                    : "the manifest of " + Runtime->Name + " has no platform-init-ms for " + Arch;
    return Part;
  }
  bool PerArch = Runtime->PlatformInitByArch.count(Arch) != 0;
  report::EstimateTerm T;
  T.What = "init of a minimal function with a native bootstrap on " + Runtime->Name +
           (PerArch ? " " + Arch : std::string());
  T.Quantity = 1;
  T.CoefficientKey = "runtime manifest " + Runtime->Name + ": platform-init-ms" +
                     (PerArch ? "." + Arch : std::string());
  T.Coefficient = Floor->Value;
  T.CoefficientUnit = "ms";
  T.Source = Floor->Source;
  T.Ms = Floor->Value;
  Part.Ms = T.Ms;
  Part.Terms.push_back(std::move(T));
  return Part;
}

/// A shell bootstrap that starts the program through a bundled loader (the aws-lambda-cpp
/// packager's layout) adds the shell's start and a second loader to init: measured per runtime
/// and architecture in the runtime manifests (bundled-loader-init-ms). No part at all for a
/// native bootstrap.
std::optional<report::EstimatePart> bootstrapPart(const StartupCounts &C,
                                                  const rules::RuntimeManifest *Runtime) {
  if (C.BundledLoader.empty())
    return std::nullopt;
  report::EstimatePart Part;
  Part.Name = "bootstrap";
  std::string Program = C.Binaries.empty() ? std::string("the program") : C.Binaries.front();
  std::string What = "shell bootstrap starting " + Program + " through the bundled " +
                     C.BundledLoader + " (the aws-lambda-cpp packager's layout), against a " +
                     "native bootstrap";
  std::string Arch = lambdaArch(C.Arch);
  const rules::MeasuredMs *Extra = Runtime ? Runtime->BundledLoaderInit.forArch(Arch) : nullptr;
  if (!Extra) {
    Part.Note =
        What + ": not costed, " +
        (!Runtime ? std::string("no --runtime given (the runtime manifests say what this layout "
                                "adds on each runtime: bundled-loader-init-ms)")
         : Runtime->BundledLoaderInit.empty()
             ? "no measurement of this layout on " + Runtime->Name +
                   " (its manifest has no bundled-loader-init-ms)"
             : "no measurement of this layout on " + Runtime->Name + " for " +
                   (Arch.empty() ? std::string("an unknown architecture (give --arch)") : Arch));
    return Part;
  }
  bool PerArch = Runtime->BundledLoaderInit.ByArch.count(Arch) != 0;
  report::EstimateTerm T;
  T.What = What + " on " + Runtime->Name + (PerArch ? " " + Arch : std::string());
  T.Quantity = 1;
  T.CoefficientKey = "runtime manifest " + Runtime->Name + ": bundled-loader-init-ms" +
                     (PerArch ? "." + Arch : std::string());
  T.Coefficient = Extra->Value;
  T.CoefficientUnit = "ms";
  T.Source = Extra->Source;
  T.Ms = Extra->Value;
  Part.Ms = T.Ms;
  Part.Terms.push_back(std::move(T));
  return Part;
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
  E.CpuFactor = initCpuFactor(Rules, MemoryMb);

  E.Parts.push_back(platformPart(C, Runtime));
  if (std::optional<report::EstimatePart> Bootstrap = bootstrapPart(C, Runtime))
    E.Parts.push_back(std::move(*Bootstrap));
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
  E.Method = "sum of parts: count x coefficient, CPU-bound parts multiplied by the init "
             "phase's CPU factor at the memory size (1 at every size with the bundled "
             "cost.init-phase-vcpus); coefficients and their sources are listed per term";
  // What the table by memory size means: init is flat by design, a handler's work is not.
  const rules::SourcedValue *Boost = Rules.sourcedValue(InitVcpusKey);
  const rules::SourcedValue *PerVcpu = Rules.sourcedValue(VcpuKey);
  double Share = shareCpuFactor(Rules, MemoryMb);
  std::string InitReading =
      !Boost ? std::string("by memory size: flat: no cost.init-phase-vcpus in the rule set, so "
                           "init is estimated on a full vCPU at every memory size, as AWS "
                           "documents for on-demand functions")
      : Boost->Value >= 1
          ? "by memory size: flat by design: the init phase runs on a full vCPU whatever the "
            "memory size [cost.init-phase-vcpus: " +
                Boost->Source + "]"
      : Boost->Value <= 0
          ? "by memory size: the init phase gets the memory size's share of a vCPU, as a "
            "handler does [cost.init-phase-vcpus: " +
                Boost->Source + "]"
          : llvm::formatv("by memory size: the init phase runs on {0} vCPU, or on the memory "
                          "size's share where that is more [cost.init-phase-vcpus: {1}]",
                          Boost->Value, Boost->Source)
                .str();
  std::string Warm =
      !PerVcpu    ? std::string("the memory size's share of CPU")
      : Share > 1 ? llvm::formatv("1/{0:f2} of a vCPU at {1} MB (one vCPU at {2:f0} MB: {3})",
                                  Share, MemoryMb, PerVcpu->Value, PerVcpu->Source)
                        .str()
                  : llvm::formatv("a full vCPU at {0} MB (one vCPU from {1:f0} MB: {2})", MemoryMb,
                                  PerVcpu->Value, PerVcpu->Source)
                        .str();
  E.Notes.push_back(InitReading + ". Warm invocations are not flat: the handler runs on " + Warm +
                    "; they are not estimated (`coldstart measure` times them on this machine, "
                    "without Lambda's CPU share)");
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
