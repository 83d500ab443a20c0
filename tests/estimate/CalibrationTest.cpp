// Calibration: NNLS recovers known coefficients, never returns a negative one, Spearman is
// right on known rankings, and `coldstart calibrate` writes a rule set the loader accepts.
#include "coldstart/estimate/Calibration.h"
#include "coldstart/rules/Loader.h"

#include "RunTool.h"

#include "llvm/Support/FileSystem.h"

#include <gtest/gtest.h>

using namespace coldstart::estimate;
using coldstart::test::runTool;
using coldstart::test::TempDir;

static CalibrationSample sampleOf(uint64_t Libs, uint64_t Rel, uint64_t Sym, uint64_t Inits,
                                  double Ms) {
  CalibrationSample S;
  S.Counts.Libraries = Libs;
  S.Counts.RelativeRelocations = Rel;
  S.Counts.SymbolicRelocations = Sym;
  S.Counts.StaticInitializers = Inits;
  S.MeasuredInitMs = Ms;
  return S;
}

TEST(Calibration, RecoversKnownCoefficients) {
  // init = 3 ms + 0.05 ms/lib + 0.006 us/rel + 0.004 us/(sym x lib) + 30 us/init
  auto Truth = [](uint64_t L, uint64_t R, uint64_t S, uint64_t I) {
    return 3 + 0.05 * L + 0.006e-3 * R + 0.004e-3 * S * L + 30e-3 * I;
  };
  std::vector<CalibrationSample> Samples;
  for (auto [L, R, S, I] : std::vector<std::array<uint64_t, 4>>{{30, 0, 0, 0},
                                                                {30, 400000, 0, 0},
                                                                {30, 0, 0, 1000},
                                                                {46, 0, 1600, 0},
                                                                {31, 0, 20000, 0},
                                                                {46, 400000, 8000, 1000},
                                                                {38, 300000, 12000, 300}})
    Samples.push_back(sampleOf(L, R, S, I, Truth(L, R, S, I)));
  auto Fit = fitCalibration(Samples);
  ASSERT_TRUE(Fit);
  EXPECT_NEAR(Fit->FloorMs, 3, 1e-6);
  EXPECT_NEAR(Fit->LoadLibraryMs, 0.05, 1e-8);
  EXPECT_NEAR(Fit->RelativeUs, 0.006, 1e-9);
  EXPECT_NEAR(Fit->SymbolLookupUs, 0.004, 1e-9);
  EXPECT_NEAR(Fit->InitializerUs, 30, 1e-6);
  EXPECT_NEAR(Fit->RSquared, 1, 1e-9);
  EXPECT_NEAR(Fit->predictMs(Samples[5].Counts), Samples[5].MeasuredInitMs, 1e-6);
}

TEST(Calibration, CoefficientsAreNeverNegative) {
  // More relocations measured faster: plain least squares would give a negative slope.
  std::vector<CalibrationSample> Samples = {
      sampleOf(30, 0, 0, 0, 10),     sampleOf(30, 100000, 0, 0, 9.5),
      sampleOf(30, 200000, 0, 0, 9), sampleOf(30, 0, 0, 100, 13),
      sampleOf(31, 0, 100, 200, 16), sampleOf(32, 50000, 0, 300, 18.7),
  };
  auto Fit = fitCalibration(Samples);
  ASSERT_TRUE(Fit);
  for (double C :
       {Fit->FloorMs, Fit->LoadLibraryMs, Fit->RelativeUs, Fit->SymbolLookupUs, Fit->InitializerUs})
    EXPECT_GE(C, 0);
  EXPECT_EQ(Fit->RelativeUs, 0);
}

TEST(Calibration, NeedsEnoughSamples) {
  std::vector<CalibrationSample> Few(5, sampleOf(1, 1, 1, 1, 1));
  EXPECT_FALSE(fitCalibration(Few));
}

TEST(Calibration, SpearmanOnKnownRankings) {
  EXPECT_DOUBLE_EQ(spearman({1, 2, 3, 4}, {10, 20, 30, 40}), 1.0);
  EXPECT_DOUBLE_EQ(spearman({1, 2, 3, 4}, {4, 3, 2, 1}), -1.0);
  EXPECT_NEAR(spearman({1, 2, 3, 4, 5}, {2, 1, 4, 3, 5}), 0.8, 1e-12);
  EXPECT_DOUBLE_EQ(spearman({1}, {1}), 0.0);
}

TEST(Calibration, CommandWritesARuleSetTheLoaderAccepts) {
  // Six copies of the measure fixture: identical counts, so the fit is the constant alone;
  // what is checked here is the plumbing from measuring to a valid rule-set override.
  TempDir Dir;
  std::string Pkg = std::string(COLDSTART_BINARY_DIR) + "/fixtures/measure/pkg";
  std::vector<std::string> Args = {
      "calibrate", "--cold", "3", "--handler", "echo", "-o", Dir.path() + "/calibrated.yaml"};
  for (int I = 0; I < 6; ++I)
    Args.push_back(Pkg);
  auto R = runTool(COLDSTART_BIN, Args);
  ASSERT_EQ(R.ExitCode, 0) << R.Stderr;
  EXPECT_NE(R.Stdout.find("fit (R^2"), std::string::npos);
  auto Errors = coldstart::rules::validateRuleSetFile(Dir.path() + "/calibrated.yaml");
  for (const auto &E : Errors)
    ADD_FAILURE() << E.str();
  auto Few = runTool(COLDSTART_BIN, {"calibrate", "--cold", "3", "--handler", "echo", Pkg});
  EXPECT_EQ(Few.ExitCode, 2);
  EXPECT_NE(Few.Stderr.find("at least 6 artifacts"), std::string::npos) << Few.Stderr;
}
