// Shared by the lint suites: running the real `coldstart` binary, and reading the annotated
// fixture cases in fixtures/lint/cases.
#pragma once

#include "RunTool.h"

#include "llvm/Support/JSON.h"

#include <functional>
#include <future>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace coldstart::test {

struct RunResult {
  int Status = -1;
  std::string Out;
  std::string Err;
};

/// Runs build/bin/coldstart with Args (without argv[0]) from the test's working folder (the
/// source root).
RunResult runColdstart(const std::vector<std::string> &Args);

std::string sourceDir();
std::string fixtureIncludeDir();

/// A finding reduced to what annotations state: where, which rule, and whether it is a note.
struct Expectation {
  std::string File;
  unsigned Line = 0;
  std::string Rule;
  bool Note = false;

  friend bool operator<(const Expectation &A, const Expectation &B) {
    return std::tie(A.File, A.Line, A.Rule, A.Note) < std::tie(B.File, B.Line, B.Rule, B.Note);
  }
  friend bool operator==(const Expectation &A, const Expectation &B) {
    return !(A < B) && !(B < A);
  }
};

/// One annotated case: a .cpp file, or a folder whose .cpp files are analysed together.
/// `// CHECK: RULE` on a line expects a finding of RULE there (`CHECK-NOTE:` one at note
/// severity; a line may hold several), `// ARGS: ...` adds compiler arguments and
/// `// PARTIAL` says the case does not compile cleanly on purpose.
struct FixtureCase {
  std::string Name;
  std::vector<std::string> Sources;
  std::vector<std::string> ExtraArgs;
  bool Partial = false;
  /// `// NO-HANDLER`: no file of the case holds a handler, and the run must say so.
  bool NoHandler = false;
  std::multiset<Expectation> Expected;
};

std::vector<FixtureCase> discoverCases();
std::vector<std::string> caseNames();
FixtureCase findCase(const std::string &Name);

/// `coldstart lint` arguments for a case, with Extra options before the sources.
std::vector<std::string> lintArgs(const FixtureCase &C, const std::vector<std::string> &Extra);

/// The findings of a `--format json` report, reduced to expectations.
std::multiset<Expectation> actualFindings(const llvm::json::Value &Report);

std::string describe(const std::multiset<Expectation> &Set);

/// The `// CHECK: RULE` and `// CHECK-NOTE: RULE` annotations on one line (number LineNo) of
/// File, added to Out.
void readChecks(llvm::StringRef Line, const std::string &File, unsigned LineNo,
                std::multiset<Expectation> &Out);

/// Runs Jobs two at a time (the machine has two cores), results in the jobs' order.
template <typename T> std::vector<T> twoAtATime(const std::vector<std::function<T()>> &Jobs) {
  std::vector<T> Results(Jobs.size());
  for (size_t I = 0; I < Jobs.size(); I += 2) {
    std::future<T> Second;
    if (I + 1 < Jobs.size())
      Second = std::async(std::launch::async, Jobs[I + 1]);
    Results[I] = Jobs[I]();
    if (Second.valid())
      Results[I + 1] = Second.get();
  }
  return Results;
}

} // namespace coldstart::test
