// The cold-start estimate: sums checked by hand against their coefficients, a table by memory
// size that is flat because Lambda's init phase is not throttled, the runtime manifests' floors
// and bundled-loader figures per architecture, the budget finding, and the figures `coldstart
// inspect` prints for packages zipped with the real `zip`.
#include "coldstart/estimate/Estimate.h"
#include "coldstart/rules/Loader.h"

#include "RunTool.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

using namespace coldstart;
using namespace coldstart::estimate;
using coldstart::test::runTool;
using coldstart::test::TempDir;

namespace {

/// The default rule set with the cost coefficients replaced by round numbers, so sums can be
/// checked by hand.
rules::RuleSet roundCoefficients() {
  rules::RuleSet R = rules::defaultRuleSet();
  std::vector<rules::Diagnostic> Errors;
  EXPECT_TRUE(rules::mergeRuleSetText(R,
                                      "cost:\n"
                                      "  load-library-ms: 0.5\n"
                                      "  relocation-relative-us: 0.01\n"
                                      "  symbol-lookup-us: 0.002\n"
                                      "  static-initializer-us: 40\n"
                                      "thresholds:\n"
                                      "  cold-start-budget-ms: 100\n",
                                      "round.yaml", Errors));
  return R;
}

StartupCounts counts() {
  StartupCounts C;
  C.Libraries = 10;
  C.LibrariesTransitive = true;
  C.RelativeRelocations = 200000;
  C.SymbolicRelocations = 5000;
  C.StaticInitializers = 300;
  C.Arch = "x86_64";
  return C;
}

const report::EstimatePart *part(const report::Estimate &E, const std::string &Name) {
  for (const auto &P : E.Parts)
    if (P.Name == Name)
      return &P;
  return nullptr;
}

rules::RuntimeManifest runtime(const std::string &Name) {
  std::vector<rules::Diagnostic> Errors;
  auto M = rules::loadRuntimeManifest(Name, Errors);
  EXPECT_TRUE(M);
  return *M;
}

} // namespace

TEST(Estimate, SumsCountsTimesCoefficientsAtOneVcpu) {
  rules::RuleSet R = roundCoefficients();
  rules::RuntimeManifest Al2023 = runtime("provided.al2023");
  report::Estimate E = estimateColdStart(counts(), R, &Al2023, 1769);
  ASSERT_TRUE(E.Computed);
  EXPECT_DOUBLE_EQ(E.CpuFactor, 1.0);
  double Floor = Al2023.platformInit("x86_64")->Value;
  EXPECT_DOUBLE_EQ(Floor, 16.79);
  // loading: 10 x 0.5 ms + 200000 x 0.01 us + 5000 x 10 x 0.002 us = 5 + 2 + 0.1 ms
  EXPECT_NEAR(part(E, "loading")->Ms, 7.1, 1e-9);
  // static initializers: 300 x 40 us = 12 ms
  EXPECT_NEAR(part(E, "static-initializers")->Ms, 12.0, 1e-9);
  // platform: the manifest's floor for the artifact's architecture, with its source
  ASSERT_EQ(part(E, "platform")->Terms.size(), 1u);
  EXPECT_DOUBLE_EQ(part(E, "platform")->Ms, Floor);
  EXPECT_EQ(part(E, "platform")->Terms[0].CoefficientKey,
            "runtime manifest provided.al2023: platform-init-ms.x86_64");
  EXPECT_NE(part(E, "platform")->Terms[0].Source.find("lambda-perf"), std::string::npos);
  EXPECT_NEAR(E.ColdStartMs, Floor + 7.1 + 12.0, 1e-9);
  // A native program: no bootstrap part at all.
  EXPECT_EQ(part(E, "bootstrap"), nullptr);
  for (const auto &P : E.Parts)
    for (const auto &T : P.Terms)
      EXPECT_FALSE(T.Source.empty()) << T.What;
}

TEST(Estimate, InitTermsAreIdenticalAtEveryMemorySize) {
  // Lambda runs an on-demand function's init on a full vCPU whatever its memory size
  // (cost.init-phase-vcpus), and lambda-perf's cold starts do not move with it.
  rules::RuleSet R = roundCoefficients();
  rules::RuntimeManifest Al2 = runtime("provided.al2");
  report::Estimate Small = estimateColdStart(counts(), R, &Al2, 128);
  report::Estimate Large = estimateColdStart(counts(), R, &Al2, 1769);
  EXPECT_DOUBLE_EQ(Small.CpuFactor, 1.0);
  ASSERT_EQ(Small.Parts.size(), Large.Parts.size());
  for (size_t I = 0; I < Small.Parts.size(); ++I) {
    EXPECT_EQ(Small.Parts[I].Name, Large.Parts[I].Name);
    EXPECT_DOUBLE_EQ(Small.Parts[I].Ms, Large.Parts[I].Ms) << Small.Parts[I].Name;
    ASSERT_EQ(Small.Parts[I].Terms.size(), Large.Parts[I].Terms.size());
    for (size_t T = 0; T < Small.Parts[I].Terms.size(); ++T)
      EXPECT_DOUBLE_EQ(Small.Parts[I].Terms[T].Ms, Large.Parts[I].Terms[T].Ms)
          << Small.Parts[I].Terms[T].What;
  }
  double Floor = Al2.platformInit("x86_64")->Value;
  EXPECT_NEAR(Small.ColdStartMs, Floor + 19.1, 1e-9);
  ASSERT_EQ(Small.ByMemory.size(), 6u);
  EXPECT_EQ(Small.ByMemory.front().first, 128u);
  for (const auto &[Mb, Ms] : Small.ByMemory)
    EXPECT_DOUBLE_EQ(Ms, Small.ColdStartMs) << Mb;
  // The table says why it is flat, with the source, and that warm invocations are not.
  ASSERT_FALSE(Small.Notes.empty());
  const std::string &Why = Small.Notes.front();
  EXPECT_NE(Why.find("by memory size: flat by design"), std::string::npos) << Why;
  EXPECT_NE(Why.find("[cost.init-phase-vcpus: AWS, Serverless Land"), std::string::npos) << Why;
  EXPECT_NE(Why.find("maxday/lambda-perf"), std::string::npos) << Why;
  EXPECT_NE(Why.find("Warm invocations are not flat: the handler runs on 1/13.82 of a vCPU at "
                     "128 MB"),
            std::string::npos)
      << Why;
  EXPECT_NE(Why.find("they are not estimated"), std::string::npos) << Why;
}

TEST(Estimate, AnInitPhaseOnTheMemorySharesCpuScalesTheCpuBoundParts) {
  // A rule set that says init gets no more than the memory size's share of a vCPU (as under
  // provisioned concurrency) scales loading and static initializers by 1769 / MB below one vCPU.
  rules::RuleSet R = roundCoefficients();
  std::vector<rules::Diagnostic> Errors;
  ASSERT_TRUE(rules::mergeRuleSetText(
      R, "cost:\n  init-phase-vcpus: {value: 0, unit: vCPU, source: \"our measurement\"}\n",
      "share.yaml", Errors));
  rules::RuntimeManifest Al2 = runtime("provided.al2");
  double Floor = Al2.platformInit("x86_64")->Value;
  report::Estimate E = estimateColdStart(counts(), R, &Al2, 128);
  double Factor = 1769.0 / 128.0;
  EXPECT_DOUBLE_EQ(E.CpuFactor, Factor);
  EXPECT_NEAR(E.ColdStartMs, Floor + Factor * 19.1, 1e-9);
  for (const auto &[Mb, Ms] : E.ByMemory)
    EXPECT_NEAR(Ms, Floor + std::max(1.0, 1769.0 / Mb) * 19.1, 1e-9) << Mb;
  EXPECT_DOUBLE_EQ(E.ByMemory[4].second, E.ByMemory[5].second); // 1769 MB and 3008 MB
  EXPECT_NE(E.Notes.front().find("by memory size: the init phase gets the memory size's share "
                                 "of a vCPU, as a handler does [cost.init-phase-vcpus: our "
                                 "measurement]"),
            std::string::npos)
      << E.Notes.front();
}

TEST(Estimate, TheFloorIsTheArtifactsArchitectures) {
  rules::RuleSet R = roundCoefficients();
  for (const char *Name : {"provided.al2", "provided.al2023"}) {
    rules::RuntimeManifest M = runtime(Name);
    StartupCounts C = counts();
    C.Arch = "aarch64"; // the ELF spelling of Lambda's arm64
    report::Estimate Arm = estimateColdStart(C, R, &M, 512);
    ASSERT_EQ(part(Arm, "platform")->Terms.size(), 1u) << Name;
    EXPECT_DOUBLE_EQ(part(Arm, "platform")->Ms, M.platformInit("arm64")->Value) << Name;
    EXPECT_EQ(part(Arm, "platform")->Terms[0].CoefficientKey,
              std::string("runtime manifest ") + Name + ": platform-init-ms.arm64");
    EXPECT_LT(M.platformInit("arm64")->Value, M.platformInit("x86_64")->Value) << Name;
    // An artifact of no known architecture gets no floor, and the note says why.
    C.Arch.clear();
    report::Estimate Unknown = estimateColdStart(C, R, &M, 512);
    EXPECT_TRUE(part(Unknown, "platform")->Terms.empty());
    EXPECT_NE(part(Unknown, "platform")->Note.find("give --arch"), std::string::npos)
        << part(Unknown, "platform")->Note;
  }
}

TEST(Estimate, DefaultMemoryComesFromTheRuleSet) {
  rules::RuleSet R = roundCoefficients();
  report::Estimate E = estimateColdStart(counts(), R, nullptr, 0);
  EXPECT_EQ(E.MemoryMb, 128u);
  EXPECT_TRUE(part(E, "platform")->Terms.empty());
  EXPECT_FALSE(part(E, "platform")->Note.empty());
}

TEST(Estimate, LazyPltSlotsAreNotCountedButBindNowOnesAre) {
  report::ArtifactReport R;
  report::BinaryReport B;
  B.Path = "bootstrap";
  B.Relocations.Relative = 100;
  B.Relocations.Symbolic = 10;
  B.Relocations.JumpSlot = 7;
  B.Relocations.Tls = 2;
  B.Initializers.Count = 3;
  B.Dynamic.Needed = {"libfoo.so", "libc.so.6"};
  R.Binaries.push_back(B);
  StartupCounts Lazy = countStartupWork(R);
  EXPECT_EQ(Lazy.SymbolicRelocations, 12u);
  EXPECT_EQ(Lazy.LazyJumpSlots, 7u);
  EXPECT_EQ(Lazy.Libraries, 2u);
  EXPECT_FALSE(Lazy.LibrariesTransitive);
  R.Binaries[0].Dynamic.BindNow = true;
  EXPECT_EQ(countStartupWork(R).SymbolicRelocations, 19u);
}

TEST(Estimate, PackageLibrariesInTheResolvedTreeAreCounted) {
  report::ArtifactReport R;
  report::BinaryReport Main, Lib, Unused;
  Main.Path = "/pkg/bootstrap";
  Main.Relocations.Relative = 10;
  Main.Dependencies.Performed = true;
  for (const char *Name : {"libfoo.so", "libc.so.6", "libmissing.so"}) {
    report::ResolvedLibrary L;
    L.Name = Name;
    L.Found = std::string(Name) != "libmissing.so";
    L.Path = std::string(Name) == "libfoo.so" ? "/pkg/lib/libfoo.so" : "/lib64/libc.so.6";
    Main.Dependencies.Libraries.push_back(L);
  }
  Lib.Path = "/pkg/lib/libfoo.so";
  Lib.Relocations.Relative = 1000;
  Lib.Initializers.Count = 4;
  Unused.Path = "/pkg/lib/unused.so";
  Unused.Relocations.Relative = 99999;
  R.Binaries = {Main, Lib, Unused};
  StartupCounts C = countStartupWork(R);
  EXPECT_EQ(C.Libraries, 3u);
  EXPECT_TRUE(C.LibrariesTransitive);
  EXPECT_EQ(C.RelativeRelocations, 1010u);
  EXPECT_EQ(C.StaticInitializers, 4u);
  EXPECT_EQ(C.Binaries.size(), 2u);
}

TEST(Estimate, APackagesProgramIsTheOneItsBootstrapScriptRuns) {
  report::ArtifactReport R;
  report::PackageSource Function;
  Function.Path = "function.zip";
  Function.Role = "function";
  Function.Mount = "/var/task";
  R.Package.Sources.push_back(Function);
  R.Package.Bootstrap.Present = true;
  R.Package.Bootstrap.Kind = "script";
  R.Package.Bootstrap.Path = "bootstrap";
  R.Package.Bootstrap.Target = "bin/app";
  report::BinaryReport Loader, App, Lib, Layer;
  Loader.Path = "lib/ld-linux-x86-64.so.2";
  Loader.Relocations.Relative = 500000; // not loaded as a library of the app: not counted
  App.Path = "bin/app";
  App.Relocations.Relative = 100;
  App.Initializers.Count = 2;
  App.Dependencies.Performed = true;
  for (const char *P : {"/var/task/lib/libx.so", "/opt/lib/liby.so"}) {
    report::ResolvedLibrary L;
    L.Name = llvm::StringRef(P).rsplit('/').second.str();
    L.Path = P;
    L.Found = true;
    App.Dependencies.Libraries.push_back(L);
  }
  Lib.Path = "lib/libx.so";
  Lib.Initializers.Count = 5;
  Layer.Path = "/opt/lib/liby.so"; // layer members are reported with their /opt path
  Layer.Initializers.Count = 7;
  R.Binaries = {Loader, App, Lib, Layer};
  StartupCounts C = countStartupWork(R);
  EXPECT_EQ(C.RelativeRelocations, 100u);
  EXPECT_EQ(C.StaticInitializers, 14u);
  EXPECT_EQ(C.Libraries, 2u);
  EXPECT_EQ(C.Binaries, (std::vector<std::string>{"bin/app", "lib/libx.so", "/opt/lib/liby.so"}));

  R.Package.Bootstrap.Target.clear(); // a script that runs nothing of the package
  EXPECT_TRUE(countStartupWork(R).Binaries.empty());
  rules::RuleSet Rules = roundCoefficients();
  report::Estimate E = estimateColdStart(countStartupWork(R), Rules, nullptr, 1769);
  EXPECT_EQ(E.ColdStartMs, 0);
  EXPECT_NE(E.Notes.back().find("no native program"), std::string::npos);
}

TEST(Estimate, MissingCoefficientIsSaidNotGuessed) {
  rules::RuleSet R = roundCoefficients();
  R.Values.erase("cost.static-initializer-us");
  report::Estimate E = estimateColdStart(counts(), R, nullptr, 1769);
  EXPECT_TRUE(part(E, "static-initializers")->Terms.empty());
  EXPECT_NE(part(E, "static-initializers")->Note.find("cost.static-initializer-us"),
            std::string::npos);
  EXPECT_NEAR(E.ColdStartMs, 7.1, 1e-9);
}

TEST(Estimate, BudgetFindingFiresOnlyAboveTheBudget) {
  rules::RuleSet R = roundCoefficients();
  std::vector<report::Finding> Findings;
  report::Estimate Under = estimateColdStart(counts(), R, nullptr, 128); // 19.1 < 100
  checkColdStartBudget(Under, "function.zip", R, Findings);
  EXPECT_TRUE(Findings.empty());
  std::vector<rules::Diagnostic> Errors;
  ASSERT_TRUE(
      rules::mergeRuleSetText(R, "thresholds:\n  cold-start-budget-ms: 15\n", "b.yaml", Errors));
  report::Estimate Over = estimateColdStart(counts(), R, nullptr, 1769); // 19.1 > 15
  checkColdStartBudget(Over, "function.zip", R, Findings);
  ASSERT_EQ(Findings.size(), 1u);
  EXPECT_EQ(Findings[0].Rule, "coldstart-cold-start-budget");
  EXPECT_NE(Findings[0].Message.find("static-initializers"), std::string::npos);
}

TEST(Estimate, InspectPrintsAnEstimateWhoseTermsAddUp) {
  std::string Elf = std::string(COLDSTART_BINARY_DIR) + "/fixtures/measure/pkg/bootstrap";
  test::ToolResult R = runTool(COLDSTART_BIN, {"inspect", "--format", "json", "--runtime",
                                               "provided.al2023", "--memory", "512", Elf});
  ASSERT_EQ(R.ExitCode, 0) << R.Stderr;
  auto Doc = llvm::json::parse(R.Stdout);
  ASSERT_TRUE(bool(Doc)) << llvm::toString(Doc.takeError());
  const llvm::json::Object *E = Doc->getAsObject()->getObject("estimate");
  ASSERT_NE(E, nullptr);
  EXPECT_EQ(E->getInteger("memory_mb"), 512);
  double Factor = 1; // init is not throttled at 512 MB
  EXPECT_EQ(*E->getNumber("cpu_factor"), Factor);
  double Sum = 0;
  const llvm::json::Object *Breakdown = E->getObject("breakdown");
  for (const auto &KV : *Breakdown)
    Sum += *KV.second.getAsNumber();
  EXPECT_NEAR(Sum, *E->getNumber("cold_start_ms"), 0.01);
  // Every term is quantity x coefficient (x the CPU factor when CPU-bound), in ms.
  for (const llvm::json::Value &PV : *E->getArray("parts")) {
    const llvm::json::Object &P = *PV.getAsObject();
    for (const llvm::json::Value &TV : *P.getArray("terms")) {
      const llvm::json::Object &T = *TV.getAsObject();
      double PerUnitMs = T.getString("unit")->starts_with("us") ? 1e-3 : 1.0;
      double Expected = *T.getNumber("quantity") * *T.getNumber("coefficient") * PerUnitMs *
                        (*P.getBoolean("cpu_bound") ? Factor : 1.0);
      EXPECT_NEAR(*T.getNumber("ms"), Expected, 0.002) << T.getString("what")->str();
      EXPECT_FALSE(T.getString("source")->empty());
    }
  }
  EXPECT_EQ(E->getArray("by_memory")->size(), 6u);
  for (const llvm::json::Value &Row : *E->getArray("by_memory"))
    EXPECT_EQ(Row.getAsObject()->getNumber("cold_start_ms"), E->getNumber("cold_start_ms"));
}

TEST(Estimate, BudgetFromTheCommandLineRuleSetGatesCi) {
  TempDir Dir;
  std::string Rules = Dir.write("budget.yaml", "thresholds:\n  cold-start-budget-ms: 1\n");
  std::string Elf = std::string(COLDSTART_BINARY_DIR) + "/fixtures/measure/pkg/bootstrap";
  test::ToolResult R = runTool(COLDSTART_BIN, {"inspect", "--rules", Rules, "--runtime",
                                               "provided.al2023", "--fail-on", "warning", Elf});
  EXPECT_EQ(R.ExitCode, 1) << R.Stdout << R.Stderr;
  EXPECT_NE(R.Stdout.find("[coldstart-cold-start-budget]"), std::string::npos) << R.Stdout;
  EXPECT_NE(R.Stdout.find("Cold-start estimate"), std::string::npos);
  EXPECT_EQ(runTool(COLDSTART_BIN, {"inspect", "--memory", "64", Elf}).ExitCode, 2);
}

TEST(Estimate, PackageBytesAreStatedButNotCostedPerMegabyte) {
  StartupCounts C = counts();
  C.ArtifactBytes = 3 * 1048576;
  C.ArtifactCompressedBytes = 1048576;
  report::Estimate E = estimateColdStart(C, roundCoefficients(), nullptr, 1769);
  const report::EstimatePart *P = part(E, "package");
  ASSERT_NE(P, nullptr);
  EXPECT_TRUE(P->Terms.empty());
  EXPECT_EQ(P->Ms, 0);
  EXPECT_NE(P->Note.find("3.0 MiB unpacked (1.0 MiB zipped)"), std::string::npos) << P->Note;
  EXPECT_NE(P->Note.find("bench/estimate/package_bytes.sh"), std::string::npos);
  // Printed as not costed, never as a cost of zero.
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  report::writeEstimateText(E, OS);
  EXPECT_NE(Text.find("package                not costed"), std::string::npos) << Text;
  llvm::json::Value Json = report::estimateJson(E);
  for (const llvm::json::Value &PV : *Json.getAsObject()->getArray("parts")) {
    const llvm::json::Object &Part = *PV.getAsObject();
    if (Part.getString("name") == "package") {
      EXPECT_EQ(Part.getBoolean("costed"), false);
    } else if (Part.getString("name") == "loading") {
      EXPECT_EQ(Part.getBoolean("costed"), true);
    }
  }
}

namespace {

const llvm::json::Object *estimatePart(const llvm::json::Value &Doc, llvm::StringRef Name) {
  for (const llvm::json::Value &P : *Doc.getAsObject()->getObject("estimate")->getArray("parts"))
    if (P.getAsObject()->getString("name") == Name)
      return P.getAsObject();
  return nullptr;
}

} // namespace

TEST(Estimate, KnownInitializersAreNamedAndCostedOnlyWhenMeasured) {
  std::string Elf = std::string(COLDSTART_BINARY_DIR) + "/fixtures/estimate/known-initializers";
  test::ToolResult Plain =
      runTool(COLDSTART_BIN, {"inspect", "--format", "json", "--memory", "1769", Elf});
  ASSERT_EQ(Plain.ExitCode, 0) << Plain.Stderr;
  auto Doc = llvm::json::parse(Plain.Stdout);
  ASSERT_TRUE(bool(Doc)) << llvm::toString(Doc.takeError());
  const llvm::json::Object *Part = estimatePart(*Doc, "static-initializers");
  ASSERT_NE(Part, nullptr);
  std::string Note = Part->getString("note")->str();
  EXPECT_NE(Note.find("1 protobuf descriptor registration initializer (widget.pb.cc)"),
            std::string::npos)
      << Note;
  EXPECT_EQ(Part->getArray("terms")->size(), 1u); // the per-initializer term only

  // A measured extra cost turns the note into a term: 1 x 500 us at one vCPU = 0.5 ms.
  TempDir Dir;
  std::string Rules = Dir.write("measured.yaml", "initializers:\n"
                                                 "  protobuf-descriptors:\n"
                                                 "    extra-us: {value: 500, unit: us, source: "
                                                 "\"our profile of widget.pb.cc\"}\n");
  test::ToolResult Costed = runTool(
      COLDSTART_BIN, {"inspect", "--format", "json", "--memory", "1769", "--rules", Rules, Elf});
  ASSERT_EQ(Costed.ExitCode, 0) << Costed.Stderr;
  auto CostedDoc = llvm::json::parse(Costed.Stdout);
  ASSERT_TRUE(bool(CostedDoc));
  const llvm::json::Object *CostedPart = estimatePart(*CostedDoc, "static-initializers");
  ASSERT_NE(CostedPart, nullptr);
  const llvm::json::Array &Terms = *CostedPart->getArray("terms");
  ASSERT_EQ(Terms.size(), 2u);
  const llvm::json::Object &Extra = *Terms[1].getAsObject();
  EXPECT_EQ(Extra.getString("coefficient_key"), "initializers.protobuf-descriptors.extra-us");
  EXPECT_EQ(Extra.getNumber("quantity"), 1);
  EXPECT_NEAR(*Extra.getNumber("ms"), 0.5, 1e-9);
  EXPECT_EQ(Extra.getString("source"), "our profile of widget.pb.cc");
  double PerInitializer = *Terms[0].getAsObject()->getNumber("ms");
  EXPECT_NEAR(*CostedPart->getNumber("ms"), PerInitializer + 0.5, 0.002);
}

TEST(Estimate, KnownInitializerEntriesAreCheckedLikeTheRestOfTheRuleSet) {
  rules::RuleSet R = rules::defaultRuleSet();
  std::vector<rules::Diagnostic> Errors;
  EXPECT_FALSE(rules::mergeRuleSetText(R, "initializers:\n  flags:\n    why: no what\n",
                                       "incomplete.yaml", Errors));
  ASSERT_FALSE(Errors.empty());
  EXPECT_NE(Errors[0].str().find("incomplete.yaml:2:"), std::string::npos) << Errors[0].str();
  EXPECT_NE(Errors[0].str().find("needs 'what' and 'files' or 'functions'"), std::string::npos);

  Errors.clear();
  EXPECT_FALSE(rules::mergeRuleSetText(
      R, "initializers:\n  protobuf-descriptors:\n    extra-us: -1\n", "negative.yaml", Errors));
  ASSERT_FALSE(Errors.empty());
  EXPECT_NE(Errors[0].str().find("must not be negative"), std::string::npos);

  Errors.clear();
  ASSERT_TRUE(rules::mergeRuleSetText(R,
                                      "initializers:\n"
                                      "  protobuf-descriptors: {enabled: false}\n"
                                      "  gflags:\n"
                                      "    what: gflags flag registration\n"
                                      "    functions: [\"*FlagRegisterer*\"]\n",
                                      "mine.yaml", Errors));
  ASSERT_EQ(R.Initializers.size(), 2u);
  EXPECT_FALSE(R.Initializers[0].Enabled);
  EXPECT_EQ(R.Initializers[1].Name, "gflags");
  StartupCounts C;
  C.Initializers = {{"_GLOBAL__sub_I_widget.pb.cc", "widget.pb.cc"},
                    {"gflags::FlagRegisterer::FlagRegisterer()", ""}};
  report::Estimate E = estimateColdStart(C, R, nullptr, 1769);
  const std::string &Note = part(E, "static-initializers")->Note;
  EXPECT_EQ(Note.find("protobuf"), std::string::npos) << Note; // turned off
  EXPECT_NE(Note.find("1 gflags flag registration initializer"), std::string::npos) << Note;
}

namespace {

/// A package zipped with the real `zip`: Files copied in (package path, file to copy) and a
/// bootstrap with Bootstrap's bytes, executable.
std::string zipPackage(const TempDir &Dir, const std::string &Name,
                       const std::vector<std::pair<std::string, std::string>> &Files,
                       const std::string &Bootstrap) {
  std::string Folder = Dir.path(Name);
  for (const auto &[Rel, From] : Files)
    Dir.write(Name + "/" + Rel, test::readFile(From));
  std::string Boot = Dir.write(Name + "/bootstrap", Bootstrap);
  EXPECT_EQ(runTool("/bin/chmod", {"0755", Boot}).ExitCode, 0);
  std::string Zip = Dir.path(Name + ".zip");
  test::ToolResult Z = runTool("/usr/bin/zip", {"-q", "-r", "-y", "-X", Zip, "."}, Folder);
  EXPECT_EQ(Z.ExitCode, 0) << Z.Stderr;
  return Zip;
}

/// aws-lambda-cpp's packager layout around a real program: bin/app, the system's loader and
/// libc in lib/, and the bash bootstrap the packager writes.
std::string packagerLayout(const TempDir &Dir) {
  std::string App = std::string(COLDSTART_BINARY_DIR) + "/fixtures/elf/ctors-gnu";
  return zipPackage(
      Dir, "layout",
      {{"bin/app", App},
       {"lib/ld-linux-x86-64.so.2", "/lib64/ld-linux-x86-64.so.2"},
       {"lib/libc.so.6", "/lib/x86_64-linux-gnu/libc.so.6"}},
      "#!/bin/bash\nset -euo pipefail\nexport AWS_EXECUTION_ENV=lambda-cpp\n"
      "exec $LAMBDA_TASK_ROOT/lib/ld-linux-x86-64.so.2 --library-path $LAMBDA_TASK_ROOT/lib "
      "$LAMBDA_TASK_ROOT/bin/app ${_HANDLER}\n");
}

/// The same program as a native bootstrap (the binary itself, as Rust's and Go's are).
std::string nativeBootstrap(const TempDir &Dir) {
  return zipPackage(Dir, "native", {},
                    test::readFile(std::string(COLDSTART_BINARY_DIR) + "/fixtures/elf/ctors-gnu"));
}

llvm::json::Value inspectJson(const std::vector<std::string> &Args) {
  std::vector<std::string> All = {"inspect", "--format", "json"};
  All.insert(All.end(), Args.begin(), Args.end());
  test::ToolResult R = runTool(COLDSTART_BIN, All);
  EXPECT_TRUE(R.ExitCode == 0 || R.ExitCode == 1) << R.Stderr;
  auto Doc = llvm::json::parse(R.Stdout);
  if (!Doc) {
    ADD_FAILURE() << llvm::toString(Doc.takeError()) << "\n" << R.Stderr;
    return nullptr;
  }
  return std::move(*Doc);
}

double sumOfBreakdown(const llvm::json::Value &Doc) {
  double Sum = 0;
  for (const auto &KV : *Doc.getAsObject()->getObject("estimate")->getObject("breakdown"))
    Sum += *KV.second.getAsNumber();
  return Sum;
}

} // namespace

TEST(Estimate, TheBundledLoadersExtraInitIsATermOfTheTotalWhereItWasMeasured) {
  TempDir Dir;
  std::string Layout = packagerLayout(Dir), Native = nativeBootstrap(Dir);
  rules::RuntimeManifest Al2023 = runtime("provided.al2023");
  double Extra = Al2023.BundledLoaderInit.forArch("x86_64")->Value;
  EXPECT_DOUBLE_EQ(Extra, 47.71);

  llvm::json::Value L = inspectJson({"--runtime", "provided.al2023", Layout});
  const llvm::json::Object *Boot = estimatePart(L, "bootstrap");
  ASSERT_NE(Boot, nullptr);
  const llvm::json::Array &Terms = *Boot->getArray("terms");
  ASSERT_EQ(Terms.size(), 1u);
  const llvm::json::Object &T = *Terms[0].getAsObject();
  EXPECT_EQ(T.getString("coefficient_key"),
            "runtime manifest provided.al2023: bundled-loader-init-ms.x86_64");
  EXPECT_NE(T.getString("what")->find("bin/app through the bundled lib/ld-linux-x86-64.so.2"),
            llvm::StringRef::npos)
      << T.getString("what")->str();
  EXPECT_NEAR(*T.getNumber("ms"), Extra, 1e-9);
  EXPECT_NE(T.getString("source")->find("maxday/lambda-perf run of 2025-12-21"),
            llvm::StringRef::npos);
  const llvm::json::Object &LE = *L.getAsObject()->getObject("estimate");
  EXPECT_NEAR(*LE.getObject("breakdown")->getNumber("bootstrap"), Extra, 1e-9);
  EXPECT_NEAR(sumOfBreakdown(L), *LE.getNumber("cold_start_ms"), 0.01);

  // The same program as a native bootstrap: no bootstrap part, the same floor. (Loading
  // differs: the layout's bundled libc is in the package and counted, the runtime's is not.)
  llvm::json::Value N = inspectJson({"--runtime", "provided.al2023", Native});
  EXPECT_EQ(estimatePart(N, "bootstrap"), nullptr);
  const llvm::json::Object &NE = *N.getAsObject()->getObject("estimate");
  EXPECT_FALSE(NE.getObject("breakdown")->getNumber("bootstrap"));
  EXPECT_EQ(NE.getObject("breakdown")->getNumber("platform"),
            LE.getObject("breakdown")->getNumber("platform"));
  EXPECT_NEAR(sumOfBreakdown(N), *NE.getNumber("cold_start_ms"), 0.01);

  // provided.al2: measured, and no extra there: a term of 0 whose source says so.
  llvm::json::Value L2 = inspectJson({"--runtime", "provided.al2", Layout});
  const llvm::json::Object *Boot2 = estimatePart(L2, "bootstrap");
  ASSERT_NE(Boot2, nullptr);
  ASSERT_EQ(Boot2->getArray("terms")->size(), 1u);
  const llvm::json::Object &T2 = *(*Boot2->getArray("terms"))[0].getAsObject();
  EXPECT_EQ(T2.getNumber("ms"), 0);
  EXPECT_NE(T2.getString("source")->find("no extra init, charged as 0"), llvm::StringRef::npos);

  // A runtime whose manifest has no measurement of the layout: named, not costed, no number.
  std::string Custom = Dir.write("custom.yaml", "base: amazonlinux2023\nname: custom.al2023\n"
                                                "family: custom\n");
  llvm::json::Value LC = inspectJson({"--runtime", Custom, Layout});
  const llvm::json::Object *BootC = estimatePart(LC, "bootstrap");
  ASSERT_NE(BootC, nullptr);
  EXPECT_TRUE(BootC->getArray("terms")->empty());
  EXPECT_EQ(BootC->getBoolean("costed"), false);
  EXPECT_NE(BootC->getString("note")->find("not costed, no measurement of this layout on "
                                           "custom.al2023"),
            llvm::StringRef::npos)
      << BootC->getString("note")->str();
}

TEST(Estimate, APackageEstimateIsTheSameAtEveryMemorySize) {
  TempDir Dir;
  std::string Layout = packagerLayout(Dir);
  llvm::json::Value Small =
      inspectJson({"--runtime", "provided.al2023", "--memory", "128", Layout});
  llvm::json::Value Large =
      inspectJson({"--runtime", "provided.al2023", "--memory", "1024", Layout});
  const llvm::json::Object &S = *Small.getAsObject()->getObject("estimate");
  const llvm::json::Object &B = *Large.getAsObject()->getObject("estimate");
  EXPECT_EQ(S.getInteger("memory_mb"), 128);
  EXPECT_EQ(B.getInteger("memory_mb"), 1024);
  ASSERT_FALSE(S.getObject("breakdown")->empty());
  for (const auto &KV : *S.getObject("breakdown"))
    EXPECT_EQ(KV.second.getAsNumber(), B.getObject("breakdown")->getNumber(KV.first))
        << KV.first.str();
  EXPECT_EQ(S.getNumber("cold_start_ms"), B.getNumber("cold_start_ms"));
}

TEST(Estimate, TheTextEstimatePrintsEveryTermsSource) {
  TempDir Dir;
  std::string Layout = packagerLayout(Dir);
  test::ToolResult R = runTool(COLDSTART_BIN, {"inspect", "--runtime", "provided.al2023", Layout});
  ASSERT_TRUE(R.ExitCode == 0 || R.ExitCode == 1) << R.Stderr;
  const std::string &Out = R.Stdout;
  size_t Sources = Out.find("  coefficient sources:\n");
  ASSERT_NE(Sources, std::string::npos) << Out;
  for (const char *Line :
       {"    runtime manifest provided.al2023: platform-init-ms.x86_64: maxday/lambda-perf run "
        "of 2025-12-21 (data/2025/2025-12-21.json): Rust hello world on provided.al2023, x86_64",
        "    runtime manifest provided.al2023: bundled-loader-init-ms.x86_64: maxday/lambda-perf "
        "run of 2025-12-21 (data/2025/2025-12-21.json): C++ hello world packaged by "
        "aws-lambda-cpp's packager minus Rust's native bootstrap",
        "    cost.load-library-ms: bench/estimate/run.sh"})
    EXPECT_NE(Out.find(Line, Sources), std::string::npos) << Line << "\n" << Out;
  // The bootstrap term sits in the breakdown, above the table and its reading.
  size_t Term = Out.find("  bootstrap                47.71 ms\n");
  EXPECT_LT(Term, Out.find("  by memory size:")) << Out;
  EXPECT_NE(Out.find("  note: by memory size: flat by design: the init phase runs on a full "
                     "vCPU whatever the memory size [cost.init-phase-vcpus: AWS, Serverless "
                     "Land"),
            std::string::npos)
      << Out;
  // Nothing is scaled for a CPU share any more.
  EXPECT_EQ(Out.find("for the CPU share"), std::string::npos) << Out;
}

TEST(Estimate, RuntimeFiguresAreGivenOnceOrPerArchitectureAndChecked) {
  std::vector<rules::Diagnostic> Errors;
  auto Every = rules::parseRuntimeManifest("name: x\nplatform-init-ms: {value: 12, source: s}\n"
                                           "bundled-loader-init-ms: {value: 3, source: t}\n",
                                           "every.yaml", Errors);
  ASSERT_TRUE(Every) << (Errors.empty() ? "" : Errors[0].str());
  EXPECT_EQ(Every->platformInit("arm64")->Value, 12);
  EXPECT_EQ(Every->platformInit("x86_64")->Source, "s");
  EXPECT_EQ(Every->BundledLoaderInit.forArch("aarch64")->Value, 3);

  auto PerArch =
      rules::parseRuntimeManifest("name: y\nplatform-init-ms:\n  x86_64: {value: 16, source: a}\n"
                                  "bundled-loader-init-ms:\n  arm64: {value: 30, source: b}\n",
                                  "per-arch.yaml", Errors);
  ASSERT_TRUE(PerArch) << (Errors.empty() ? "" : Errors[0].str());
  EXPECT_EQ(PerArch->platformInit("x86_64")->Value, 16);
  EXPECT_FALSE(PerArch->platformInit("arm64")); // not measured: nothing, not x86_64's figure
  EXPECT_FALSE(PerArch->BundledLoaderInit.forArch("x86_64"));
  EXPECT_EQ(PerArch->BundledLoaderInit.forArch("aarch64")->Source, "b");
  // Written back and read again, the same figures.
  auto Again = rules::parseRuntimeManifest(rules::formatRuntimeManifest(*PerArch, "round trip"),
                                           "again.yaml", Errors);
  ASSERT_TRUE(Again) << (Errors.empty() ? "" : Errors[0].str());
  EXPECT_EQ(Again->platformInit("x86_64")->Source, "a");
  EXPECT_EQ(Again->BundledLoaderInit.forArch("arm64")->Value, 30);

  struct Case {
    const char *Yaml;
    const char *Expect;
    int Line;
  } Cases[] = {
      {"name: z\nbundled-loader-init-ms:\n  riscv64: {value: 1, source: c}\n",
       "unknown architecture 'riscv64' in 'bundled-loader-init-ms'", 3},
      {"name: z\nplatform-init-ms:\n  x86_64: {value: 1}\n",
       "'platform-init-ms.x86_64' must be a mapping with a non-negative 'value' and its 'source'",
       3},
      {"name: z\nbundled-loader-init-ms: {value: -2, source: c}\n",
       "'bundled-loader-init-ms' must be a mapping with a non-negative 'value'", 2},
      {"name: z\nbundled-loader-init-ms: 5\n",
       "'bundled-loader-init-ms' must be {value, source} or a mapping of x86_64 and arm64", 2},
  };
  for (const Case &C : Cases) {
    Errors.clear();
    EXPECT_FALSE(rules::parseRuntimeManifest(C.Yaml, "bad.yaml", Errors)) << C.Yaml;
    ASSERT_FALSE(Errors.empty()) << C.Yaml;
    EXPECT_NE(Errors[0].str().find(C.Expect), std::string::npos) << Errors[0].str();
    EXPECT_EQ(Errors[0].Line, C.Line) << Errors[0].str();
  }
}

TEST(Estimate, TheBundledCustomRuntimesGiveEachArchitectureItsMeasuredFigures) {
  for (const char *Name : {"provided.al2", "provided.al2023"}) {
    rules::RuntimeManifest M = runtime(Name);
    for (const char *Arch : {"x86_64", "arm64"}) {
      std::optional<rules::MeasuredMs> Floor = M.platformInit(Arch);
      ASSERT_TRUE(Floor) << Name << " " << Arch;
      const rules::MeasuredMs *Extra = M.BundledLoaderInit.forArch(Arch);
      ASSERT_NE(Extra, nullptr) << Name << " " << Arch;
      for (const std::string &Source : {Floor->Source, Extra->Source}) {
        EXPECT_NE(Source.find("data/2025/2025-12-21.json"), std::string::npos) << Source;
        EXPECT_NE(Source.find(std::string(Name) + ", " + Arch + ", zip"), std::string::npos)
            << Source;
      }
    }
  }
  // The layout costs tens of milliseconds on provided.al2023 and nothing on provided.al2.
  EXPECT_GT(runtime("provided.al2023").BundledLoaderInit.forArch("arm64")->Value, 30);
  EXPECT_EQ(runtime("provided.al2").BundledLoaderInit.forArch("x86_64")->Value, 0);
}
