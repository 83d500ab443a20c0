// The cold-start estimate: sums checked by hand against their coefficients, the memory-size
// table's CPU scaling, the budget finding, and the figures `coldstart inspect` prints.
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
  // loading: 10 x 0.5 ms + 200000 x 0.01 us + 5000 x 10 x 0.002 us = 5 + 2 + 0.1 ms
  EXPECT_NEAR(part(E, "loading")->Ms, 7.1, 1e-9);
  // static initializers: 300 x 40 us = 12 ms
  EXPECT_NEAR(part(E, "static-initializers")->Ms, 12.0, 1e-9);
  // platform: the manifest's floor, with its source
  ASSERT_EQ(part(E, "platform")->Terms.size(), 1u);
  EXPECT_DOUBLE_EQ(part(E, "platform")->Ms, *Al2023.PlatformInitMs);
  EXPECT_NE(part(E, "platform")->Terms[0].Source.find("lambda-perf"), std::string::npos);
  EXPECT_NEAR(E.ColdStartMs, *Al2023.PlatformInitMs + 7.1 + 12.0, 1e-9);
  for (const auto &P : E.Parts)
    for (const auto &T : P.Terms)
      EXPECT_FALSE(T.Source.empty()) << T.What;
}

TEST(Estimate, CpuBoundPartsScaleBelowOneVcpu) {
  rules::RuleSet R = roundCoefficients();
  rules::RuntimeManifest Al2 = runtime("provided.al2");
  report::Estimate E = estimateColdStart(counts(), R, &Al2, 128);
  double Factor = 1769.0 / 128.0;
  EXPECT_DOUBLE_EQ(E.CpuFactor, Factor);
  EXPECT_NEAR(E.ColdStartMs, *Al2.PlatformInitMs + Factor * 19.1, 1e-9);
  // The table: the platform part stays, the rest scales by 1769/MB up to one vCPU.
  ASSERT_EQ(E.ByMemory.size(), 6u);
  for (const auto &[Mb, Ms] : E.ByMemory) {
    double F = std::max(1.0, 1769.0 / Mb);
    EXPECT_NEAR(Ms, *Al2.PlatformInitMs + F * 19.1, 1e-9) << Mb;
  }
  EXPECT_EQ(E.ByMemory.front().first, 128u);
  EXPECT_DOUBLE_EQ(E.ByMemory[4].second, E.ByMemory[5].second); // 1769 MB and 3008 MB
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
  report::Estimate Over = estimateColdStart(counts(), R, nullptr, 128); // 19.1 x 13.8 > 100
  checkColdStartBudget(Over, "function.zip", R, Findings);
  ASSERT_EQ(Findings.size(), 1u);
  EXPECT_EQ(Findings[0].Rule, "coldstart-cold-start-budget");
  EXPECT_NE(Findings[0].Message.find("static-initializers"), std::string::npos);
  Findings.clear();
  report::Estimate Under = estimateColdStart(counts(), R, nullptr, 1769); // 19.1 < 100
  checkColdStartBudget(Under, "function.zip", R, Findings);
  EXPECT_TRUE(Findings.empty());
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
  double Factor = 1769.0 / 512.0;
  EXPECT_NEAR(*E->getNumber("cpu_factor"), Factor, 1e-3);
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
