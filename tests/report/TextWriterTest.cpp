#include "TestReports.h"

#include "coldstart/report/Writers.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <regex>

using namespace coldstart::report;
using namespace coldstart::report::test;

namespace {

const std::regex FindingLine(R"(^(.+):(\d+):(\d+): (warning|error|note): (.+) \[([a-z-]+)\]$)");
const std::regex NoteLine(R"(^(.+):(\d+):(\d+): note: (.+)$)");

std::string text(const Report &R) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  writeText(R, OS);
  return Out;
}

std::vector<std::string> lines(const std::string &Text) {
  llvm::SmallVector<llvm::StringRef> Parts;
  llvm::StringRef(Text).split(Parts, '\n');
  EXPECT_TRUE(!Text.empty() && Text.back() == '\n') << "output must end with a newline";
  std::vector<std::string> Out;
  for (llvm::StringRef P : Parts)
    Out.push_back(P.str());
  if (!Out.empty() && Out.back().empty())
    Out.pop_back();
  return Out;
}

TEST(TextWriter, FindingTraceAndFixAreCompilerStyleLines) {
  Report R;
  R.Command = "lint";
  R.Findings = {clientFinding()};
  std::vector<std::string> L = lines(text(R));
  ASSERT_EQ(L.size(), 5u) << text(R);

  std::smatch M;
  ASSERT_TRUE(std::regex_match(L[0], M, FindingLine)) << L[0];
  EXPECT_EQ(M[1], "src/handler.cpp");
  EXPECT_EQ(M[2], "42");
  EXPECT_EQ(M[3], "23");
  EXPECT_EQ(M[4], "warning");
  EXPECT_EQ(M[5], clientFinding().Message);
  EXPECT_EQ(M[6], "coldstart-client-in-handler");

  // The call chain from the handler, in order, then the fix hint at the finding's place.
  ASSERT_TRUE(std::regex_match(L[1], M, NoteLine)) << L[1];
  EXPECT_EQ(M[2], "70");
  EXPECT_EQ(M[3], "10");
  EXPECT_EQ(M[4], "handler 'my_handler' calls 'upload'");
  ASSERT_TRUE(std::regex_match(L[2], M, NoteLine)) << L[2];
  EXPECT_EQ(M[2], "40");
  EXPECT_EQ(M[4], "'upload' constructs the client");
  ASSERT_TRUE(std::regex_match(L[3], M, NoteLine)) << L[3];
  EXPECT_EQ(M[1], "src/handler.cpp");
  EXPECT_EQ(M[2], "42");
  EXPECT_EQ(M[3], "23");
  EXPECT_EQ(M[4], "fix: " + clientFinding().FixHint);
  EXPECT_EQ(L[4], "1 warning generated.");
}

TEST(TextWriter, SummaryCountsEachSeverityInSortedOrder) {
  Report R;
  Finding N1 = clientFinding(), N2 = clientFinding(5);
  N1.Level = N2.Level = Severity::Note;
  N1.Trace.clear();
  N2.Trace.clear();
  N1.FixHint.clear();
  N2.FixHint.clear();
  R.Findings = {clientFinding(100), sdkInitFinding(), N2, clientFinding(200), N1};
  std::vector<std::string> L = lines(text(R));
  EXPECT_EQ(L.back(), "1 error, 2 warnings, 2 notes generated.");

  // Findings come out sorted by place whatever order the pass produced them in.
  std::vector<unsigned> FindingLines;
  for (const std::string &Line : L) {
    std::smatch M;
    if (std::regex_match(Line, M, FindingLine))
      FindingLines.push_back(std::stoul(M[2]));
  }
  EXPECT_EQ(FindingLines, (std::vector<unsigned>{12, 42, 47, 142, 242}));
}

TEST(TextWriter, ArtifactFindingsHaveNoLineOrColumn) {
  Report R;
  R.Command = "inspect";
  R.Findings = {packageFinding()};
  std::vector<std::string> L = lines(text(R));
  ASSERT_EQ(L.size(), 3u);
  EXPECT_EQ(L[0], "function.zip: error: package is 61.0 MB zipped; direct upload allows 50 MB "
                  "[coldstart-package-size]");
  EXPECT_EQ(L[1], "function.zip: note: fix: strip binaries or move dependencies to a layer");
  EXPECT_EQ(L[2], "1 error generated.");
}

TEST(TextWriter, NoSummaryWithoutFindingsButRunNotesAppear) {
  Report R;
  R.Command = "lint";
  EXPECT_EQ(text(R), "");
  R.RunNotes = {"skipped vendor/x.cpp: no compile command"};
  EXPECT_EQ(text(R), "coldstart: note: skipped vendor/x.cpp: no compile command\n");
}

TEST(TextWriter, RunNotesFollowFindingsAndPrecedeSummary) {
  Report R;
  R.Findings = {sdkInitFinding()};
  R.RunNotes = {"analysis was partial"};
  std::vector<std::string> L = lines(text(R));
  ASSERT_GE(L.size(), 2u);
  EXPECT_EQ(L[L.size() - 2], "coldstart: note: analysis was partial");
  EXPECT_EQ(L.back(), "1 error generated.");
}

TEST(TextWriter, OddCharactersKeepOneDiagnosticPerLine) {
  Report R;
  Finding F = clientFinding();
  F.Where.File = "dir with space/we:ird\"name.cpp";
  F.Message = "first line\nsecond\tline [with brackets]";
  F.Trace = {{loc("dir with space/we:ird\"name.cpp", 3, 4), "note\r\nacross lines"}};
  F.FixHint.clear();
  R.Findings = {F};
  std::vector<std::string> L = lines(text(R));
  ASSERT_EQ(L.size(), 3u) << text(R);
  std::smatch M;
  ASSERT_TRUE(std::regex_match(L[0], M, FindingLine)) << L[0];
  EXPECT_EQ(M[1], "dir with space/we:ird\"name.cpp");
  EXPECT_EQ(M[2], "42");
  EXPECT_EQ(M[3], "23");
  EXPECT_EQ(M[5], "first line second line [with brackets]");
  EXPECT_EQ(M[6], "coldstart-client-in-handler");
  ASSERT_TRUE(std::regex_match(L[1], M, NoteLine)) << L[1];
  EXPECT_EQ(M[4], "note  across lines");
}

TEST(TextWriter, UnknownColumnIsLeftOutNotInvented) {
  Report R;
  Finding F = sdkInitFinding();
  F.Where.Column = 0;
  F.FixHint.clear();
  R.Findings = {F};
  std::vector<std::string> L = lines(text(R));
  EXPECT_EQ(L[0], "src/handler.cpp:12: error: 'Aws::InitAPI' runs on every invocation "
                  "[coldstart-sdk-init-in-handler]");
}

} // namespace
