// Runs the real `coldstart lint --format json` on every annotated case in fixtures/lint/cases
// and compares its findings line by line with the CHECK annotations; then scores all cases
// together (precision and recall).
#include "LintTestSupport.h"

#include "llvm/Support/JSON.h"

#include <gtest/gtest.h>

#include <future>
#include <thread>

using namespace coldstart::test;

namespace {

struct CaseOutcome {
  RunResult Run;
  std::multiset<Expectation> Actual;
  bool ParsedJson = false;
};

CaseOutcome lintCase(const FixtureCase &C) {
  CaseOutcome O;
  O.Run = runColdstart(lintArgs(C, {"--format", "json", "--fail-on", "error"}));
  llvm::Expected<llvm::json::Value> Report = llvm::json::parse(O.Run.Out);
  if (!Report) {
    llvm::consumeError(Report.takeError());
    return O;
  }
  O.ParsedJson = true;
  O.Actual = actualFindings(*Report);
  // Every finding carries its handler and a trace that starts at it.
  for (const llvm::json::Value &V : *Report->getAsObject()->getArray("findings")) {
    const llvm::json::Object &F = *V.getAsObject();
    EXPECT_FALSE(F.getString("handler").value_or("").empty()) << C.Name;
    const llvm::json::Array *Trace = F.getArray("trace");
    EXPECT_TRUE(Trace && !Trace->empty()) << C.Name;
    if (Trace && !Trace->empty()) {
      EXPECT_TRUE(
          llvm::StringRef(*(*Trace)[0].getAsObject()->getString("note")).starts_with("handler '"))
          << C.Name;
    }
    EXPECT_FALSE(F.getString("message").value_or("").empty()) << C.Name;
    EXPECT_FALSE(F.getString("fix").value_or("").empty()) << C.Name;
  }
  return O;
}

class LintFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(LintFixture, FindingsMatchAnnotations) {
  FixtureCase C = findCase(GetParam());
  ASSERT_FALSE(C.Sources.empty()) << "no sources for case " << GetParam();
  CaseOutcome O = lintCase(C);
  ASSERT_TRUE(O.ParsedJson) << "stdout:\n" << O.Run.Out << "\nstderr:\n" << O.Run.Err;
  EXPECT_EQ(describe(O.Actual), describe(C.Expected)) << "stderr:\n" << O.Run.Err;
  // Warnings are below the default --fail-on error; an error-severity finding fails the run. A
  // kind the rule set lowers to a note (a MySQL driver fetched per call) fails nothing.
  bool AnyError = false;
  for (const Expectation &E : C.Expected)
    AnyError = AnyError || (E.Rule == "coldstart-sdk-init-in-handler" && !E.Note);
  EXPECT_EQ(O.Run.Status, AnyError ? 1 : 0) << O.Run.Err;
  if (C.Partial)
    EXPECT_NE(O.Run.Err.find("analysis was partial"), std::string::npos) << O.Run.Err;
  else if (C.NoHandler)
    EXPECT_TRUE(llvm::StringRef(O.Run.Err).starts_with(
        "coldstart: warning: no handler found in the 1 file analysed"))
        << O.Run.Err;
  else
    EXPECT_EQ(O.Run.Err, "");
  // The note is said exactly when no handler was found.
  EXPECT_EQ(O.Run.Err.find("no handler found") != std::string::npos, C.NoHandler) << O.Run.Err;
}

INSTANTIATE_TEST_SUITE_P(Cases, LintFixture, ::testing::ValuesIn(caseNames()),
                         [](const ::testing::TestParamInfo<std::string> &Info) {
                           return Info.param;
                         });

TEST(LintFixtureSummary, PrecisionAndRecallOverAllCases) {
  std::vector<FixtureCase> Cases = discoverCases();
  ASSERT_GE(Cases.size(), 40u) << "the suite is meant to hold at least 40 annotated cases";
  // Two cases at a time: the machine has two cores.
  std::vector<CaseOutcome> Outcomes(Cases.size());
  for (size_t I = 0; I < Cases.size(); I += 2) {
    auto Second = I + 1 < Cases.size()
                      ? std::async(std::launch::async, lintCase, std::cref(Cases[I + 1]))
                      : std::future<CaseOutcome>();
    Outcomes[I] = lintCase(Cases[I]);
    if (Second.valid())
      Outcomes[I + 1] = Second.get();
  }
  size_t TruePositives = 0, FalsePositives = 0, FalseNegatives = 0, Positive = 0, Negative = 0;
  for (size_t I = 0; I < Cases.size(); ++I) {
    ASSERT_TRUE(Outcomes[I].ParsedJson) << Cases[I].Name;
    (Cases[I].Expected.empty() ? Negative : Positive) += 1;
    std::multiset<Expectation> Missing = Cases[I].Expected;
    for (const Expectation &A : Outcomes[I].Actual) {
      auto It = Missing.find(A);
      if (It != Missing.end()) {
        ++TruePositives;
        Missing.erase(It);
      } else {
        ++FalsePositives;
      }
    }
    FalseNegatives += Missing.size();
  }
  double Precision = TruePositives + FalsePositives
                         ? double(TruePositives) / double(TruePositives + FalsePositives)
                         : 1.0;
  double Recall = TruePositives + FalseNegatives
                      ? double(TruePositives) / double(TruePositives + FalseNegatives)
                      : 1.0;
  std::printf("lint fixtures: %zu cases (%zu with findings, %zu clean), %zu expected findings; "
              "TP %zu FP %zu FN %zu; precision %.3f recall %.3f\n",
              Cases.size(), Positive, Negative, TruePositives + FalseNegatives, TruePositives,
              FalsePositives, FalseNegatives, Precision, Recall);
  RecordProperty("precision", std::to_string(Precision));
  RecordProperty("recall", std::to_string(Recall));
  EXPECT_GE(Negative, 10u) << "negative cases keep precision honest";
  EXPECT_DOUBLE_EQ(Precision, 1.0);
  EXPECT_DOUBLE_EQ(Recall, 1.0);
}

} // namespace
