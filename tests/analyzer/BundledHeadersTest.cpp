// coldstart's bundled declarations of aws-lambda-cpp and the AWS SDK for C++: lint run with no
// AWS headers on the include path finds, from the bundle alone, exactly what the fixtures'
// annotations expect with the SDK's headers; with --no-bundled-headers it says what is missing.
#include "LintTestSupport.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"

#include <gtest/gtest.h>

#include <future>

using namespace coldstart::test;

namespace {

/// A copy of the fixtures' include folder (by symlinks) without its aws/ tree: what a CI job
/// has that lints without building the AWS SDK for C++.
std::string includeFolderWithoutAws(const TempDir &Dir) {
  std::string Root = Dir.path() + "/include";
  llvm::sys::fs::create_directories(Root);
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(fixtureIncludeDir(), EC), End; It != End && !EC;
       It.increment(EC)) {
    llvm::StringRef Name = llvm::sys::path::filename(It->path());
    if (Name != "aws")
      llvm::sys::fs::create_link(It->path(), Root + "/" + Name.str());
  }
  return Root;
}

bool usesAwsHeaders(const FixtureCase &C) {
  for (const std::string &Source : C.Sources)
    if (readFile(Source).find("#include <aws/") != std::string::npos)
      return true;
  return false;
}

struct Outcome {
  RunResult Run;
  std::multiset<Expectation> Findings;
  std::vector<std::string> Notes;
  bool Parsed = false;
};

Outcome lintWith(const FixtureCase &C, const std::string &IncludeDir,
                 const std::vector<std::string> &Extra = {}) {
  std::vector<std::string> Args = lintArgs(C, {"--format", "json"});
  Args.insert(Args.begin() + 1, Extra.begin(), Extra.end());
  for (std::string &A : Args)
    if (A == fixtureIncludeDir())
      A = IncludeDir;
  Outcome O;
  O.Run = runColdstart(Args);
  llvm::Expected<llvm::json::Value> Report = llvm::json::parse(O.Run.Out);
  if (!Report) {
    llvm::consumeError(Report.takeError());
    return O;
  }
  O.Parsed = true;
  O.Findings = actualFindings(*Report);
  if (const llvm::json::Array *Notes = Report->getAsObject()->getArray("notes"))
    for (const llvm::json::Value &N : *Notes)
      O.Notes.push_back(N.getAsString().value_or("").str());
  return O;
}

bool anyNoteContains(const std::vector<std::string> &Notes, llvm::StringRef Text) {
  for (const std::string &N : Notes)
    if (llvm::StringRef(N).contains(Text))
      return true;
  return false;
}

} // namespace

TEST(BundledHeaders, SameFindingsWithoutTheSdkHeaders) {
  TempDir Dir;
  std::string Include = includeFolderWithoutAws(Dir);
  std::vector<FixtureCase> Cases;
  for (FixtureCase &C : discoverCases())
    if (usesAwsHeaders(C))
      Cases.push_back(std::move(C));
  ASSERT_GE(Cases.size(), 60u) << "most lint fixtures use the AWS SDK and runtime headers";

  // Two cases at a time: the machine has two cores.
  std::vector<Outcome> Outcomes(Cases.size());
  for (size_t I = 0; I < Cases.size(); I += 2) {
    std::future<Outcome> Second;
    if (I + 1 < Cases.size())
      Second = std::async(std::launch::async, [&, I] { return lintWith(Cases[I + 1], Include); });
    Outcomes[I] = lintWith(Cases[I], Include);
    if (Second.valid())
      Outcomes[I + 1] = Second.get();
  }
  size_t Findings = 0;
  for (size_t I = 0; I < Cases.size(); ++I) {
    const Outcome &O = Outcomes[I];
    ASSERT_TRUE(O.Parsed) << Cases[I].Name << ":\n" << O.Run.Err;
    EXPECT_EQ(describe(O.Findings), describe(Cases[I].Expected))
        << "case " << Cases[I].Name << " without the SDK headers:\n"
        << O.Run.Err;
    EXPECT_TRUE(anyNoteContains(O.Notes, "coldstart's bundled declarations stood in for"))
        << Cases[I].Name;
    // A case that compiles with the SDK's headers compiles with the bundle too.
    if (!Cases[I].Partial) {
      EXPECT_FALSE(anyNoteContains(O.Notes, "analysis was partial"))
          << Cases[I].Name << ": " << llvm::join(O.Notes, "\n");
    }
    Findings += Cases[I].Expected.size();
  }
  EXPECT_GE(Findings, 60u) << "the comparison must cover real findings";
}

TEST(BundledHeaders, OffMeansTheMissingHeadersAreReported) {
  TempDir Dir;
  std::string Include = includeFolderWithoutAws(Dir);
  FixtureCase C = findCase("client_local_in_handler");
  ASSERT_FALSE(C.Sources.empty());

  Outcome On = lintWith(C, Include);
  ASSERT_TRUE(On.Parsed) << On.Run.Err;
  EXPECT_EQ(describe(On.Findings), describe(C.Expected));

  Outcome Off = lintWith(C, Include, {"--no-bundled-headers"});
  ASSERT_TRUE(Off.Parsed) << Off.Run.Err;
  EXPECT_FALSE(anyNoteContains(Off.Notes, "bundled declarations"));
  EXPECT_TRUE(anyNoteContains(Off.Notes, "analysis was partial")) << llvm::join(Off.Notes, "\n");
  EXPECT_TRUE(anyNoteContains(Off.Notes, "'aws/core/Aws.h' file not found"))
      << llvm::join(Off.Notes, "\n");
  // Without run_handler's declaration there is no handler to walk from.
  EXPECT_EQ(describe(Off.Findings), describe({}));
}

TEST(BundledHeaders, RealHeadersWinOverTheBundle) {
  // The fixtures' own stand-in headers are on the include path: nothing resolves to the bundle.
  FixtureCase C = findCase("client_local_in_handler");
  ASSERT_FALSE(C.Sources.empty());
  Outcome O = lintWith(C, fixtureIncludeDir());
  ASSERT_TRUE(O.Parsed) << O.Run.Err;
  EXPECT_EQ(describe(O.Findings), describe(C.Expected));
  EXPECT_FALSE(anyNoteContains(O.Notes, "bundled declarations")) << llvm::join(O.Notes, "\n");
}
